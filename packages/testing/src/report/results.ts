import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** How one path went on one driver. */
export type PathRunStatus = 'passed' | 'failed' | 'skipped';

/** How one step of a path went: `not-run` for the steps after a failure, or of a skipped path. */
export type StepRunStatus = 'passed' | 'failed' | 'not-run';

/** One step of a path as a driver ran it. */
export interface StepRunResult {
  /** The step's position in `LoginPath.steps`, from 0. */
  index: number;
  /** Whether the step's expected state was seen. */
  status: StepRunStatus;
  /**
   * A screenshot taken after the step, relative to the report's folder, e.g.
   * `screenshots/react--empty.phone.sent--02.png` (see {@link screenshotPath}).
   */
  screenshot?: string;
  /** Why the step failed, as the driver reported it. */
  error?: string;
}

/** One path as a driver ran it. */
export interface PathRunResult {
  /** The path's `LoginPath.id`. */
  id: string;
  /** The path's outcome. */
  status: PathRunStatus;
  /** The steps the driver reports on; a step it does not list shows as not run. */
  steps: StepRunResult[];
}

/**
 * What one driver (a browser, a demo page, a UI binding) made of the paths: the file
 * `e2e-results.<driver>.json` in the report's folder, which {@link writeHtmlReport} shows beside each
 * step.
 * @example
 * const results: PathRunResults = {
 *   driver: 'chromium-react',
 *   paths: [{ id: path.id, status: 'passed', steps: path.steps.map((_, index) => ({ index, status: 'passed' })) }],
 * };
 * recordResults('login-report', results);
 */
export interface PathRunResults {
  /** The driver's name: letters, digits, `.`, `_` and `-`; it names the file. */
  driver: string;
  /** The paths the driver ran (or skipped). */
  paths: PathRunResult[];
}

const driverName = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const resultsFile = /^e2e-results\.([A-Za-z0-9][A-Za-z0-9._-]*)\.json$/;

/** The results file of a driver: `e2e-results.<driver>.json`. */
export function resultsFileName(driver: string): string {
  if (!driverName.test(driver)) {
    throw new Error(`Driver name "${driver}" cannot name a file: use letters, digits, ".", "_" and "-"`);
  }
  return `e2e-results.${driver}.json`;
}

/**
 * Where a driver saves the screenshot of a step, relative to the report's folder:
 * `screenshots/<driver>--<path id>--<step, from 1, two digits>.png`, with whatever is not a letter,
 * digit, `.`, `_` or `-` replaced by `_`.
 * @example
 * const screenshot = screenshotPath('chromium-react', path.id, index);
 * await page.screenshot({ path: join(reportDir, screenshot) });
 * steps.push({ index, status: 'passed', screenshot });
 */
export function screenshotPath(driver: string, pathId: string, stepIndex: number): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9._-]/g, '_');
  return `screenshots/${safe(driver)}--${safe(pathId)}--${String(stepIndex + 1).padStart(2, '0')}.png`;
}

const pathStatuses: readonly string[] = ['passed', 'failed', 'skipped'];
const stepStatuses: readonly string[] = ['passed', 'failed', 'not-run'];

const isObject = (item: unknown): item is Record<string, unknown> =>
  typeof item === 'object' && item !== null && !Array.isArray(item);

/** Checks what a results file holds; throws naming the file and the first thing wrong. */
function checkResults(value: unknown, file: string): PathRunResults {
  function fail(what: string): never {
    throw new Error(`${file}: ${what} (see PathRunResults in @verifik-auth/testing)`);
  }
  if (!isObject(value)) fail('not an object');
  if (typeof value.driver !== 'string' || !driverName.test(value.driver)) fail('no valid "driver"');
  if (!Array.isArray(value.paths)) fail('no "paths" array');
  for (const [i, path] of (value.paths as unknown[]).entries()) {
    if (!isObject(path) || typeof path.id !== 'string') fail(`paths[${i}] has no "id"`);
    if (typeof path.status !== 'string' || !pathStatuses.includes(path.status)) {
      fail(`paths[${i}] (${path.id}) has no valid "status"`);
    }
    if (!Array.isArray(path.steps)) fail(`paths[${i}] (${path.id}) has no "steps" array`);
    for (const [j, step] of (path.steps as unknown[]).entries()) {
      const where = `paths[${i}].steps[${j}] (${path.id})`;
      if (!isObject(step) || !Number.isInteger(step.index) || (step.index as number) < 0) {
        fail(`${where} has no valid "index"`);
      }
      if (typeof step.status !== 'string' || !stepStatuses.includes(step.status))
        fail(`${where} has no valid "status"`);
      if (step.screenshot !== undefined && typeof step.screenshot !== 'string') {
        fail(`${where}: "screenshot" is not a string`);
      }
      if (step.error !== undefined && typeof step.error !== 'string')
        fail(`${where}: "error" is not a string`);
    }
  }
  return value as unknown as PathRunResults;
}

/**
 * Writes a driver's results into the report's folder as `e2e-results.<driver>.json` (creating the
 * folder), replacing that driver's earlier results; returns the file's path. Save the
 * screenshots the results name under the same folder (see {@link screenshotPath}).
 */
export function recordResults(dir: string, results: PathRunResults): string {
  const file = join(dir, resultsFileName(results.driver));
  checkResults(results, file);
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}

/**
 * Every driver's results in the report's folder (`e2e-results.*.json`), by driver name; none when
 * the folder does not exist. Throws, naming the file, when one is not valid.
 */
export function readResults(dir: string): PathRunResults[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .filter((name) => resultsFile.test(name))
    .sort()
    .map((name) => {
      const file = join(dir, name);
      let parsed: unknown;
      try {
        parsed = JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        throw new Error(`${file}: not JSON (${error instanceof Error ? error.message : String(error)})`);
      }
      return checkResults(parsed, file);
    });
}
