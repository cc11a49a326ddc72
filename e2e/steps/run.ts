import { join } from 'node:path';
// By path, like the core and the mock server (see ../README.md).
import type { ExpectedState, PathStep, StepEffects } from '../../packages/testing/src/index.js';
import type { PathRunResult, StepRunResult } from '../../packages/testing/src/report/results.js';
import { screenshotPath } from '../../packages/testing/src/report/results.js';
import {
  type PlaywrightPathDriver,
  type Seen,
  type StepDifference,
  stepDifferences,
} from '../path-driver.js';
import type { PlannedLine, ScenarioPlan } from './scenario.js';

/** How one line of a scenario went. */
export interface LineResult {
  line: PlannedLine;
  status: 'passed' | 'failed' | 'not-run';
  /** What differed, for a failed check; the error, for a failed action. */
  errors: string[];
}

/** A scenario that failed: the line, what differed, and the scenario with the line marked. */
export class ScenarioError extends Error {
  override name = 'ScenarioError' as const;
  constructor(
    plan: ScenarioPlan,
    /** Each line's result. */
    readonly results: LineResult[],
    options: { cause?: unknown } = {},
  ) {
    const failed = results.filter((result) => result.status === 'failed');
    const listing = results.map(({ line, status, errors }) => {
      const mark = status === 'failed' ? '✗' : status === 'passed' ? '✓' : ' ';
      const why = errors.map((error) => `\n        ${error}`).join('');
      return `  ${mark} ${line.keyword} ${line.text}${why}`;
    });
    const first = failed[0];
    super(
      `${plan.id} failed at "${first?.line.keyword} ${first?.line.text}"\n${plan.name}\n${listing.join('\n')}`,
      options,
    );
  }
}

export interface RunOptions {
  driver: PlaywrightPathDriver;
  /** How long the checks after a step may wait for the page, ms. Default 5000. */
  stepTimeoutMs?: number;
  /** Called when a line failed, before the driver stops (the page is still there to screenshot). */
  onFailure?: (results: readonly LineResult[]) => void | Promise<void>;
  /**
   * Differences this scenario is known to show, by their exact text: they pass, and are handed to
   * `onKnown` so a test can pin them (and notice when one goes away).
   */
  known?: readonly string[];
  onKnown?: (text: string) => void;
}

/** A step of the path as the driver performs it. */
async function perform(driver: PlaywrightPathDriver, step: PathStep): Promise<void> {
  const { action } = step;
  switch (action.type) {
    case 'send':
      return driver.send(action.event, step);
    case 'settle':
      return driver.settle(action.actor, action.outcome, step);
    case 'advance':
      return driver.advance(action.ms, step);
    case 'adjustClock':
      return driver.adjustClock(action.ms, step);
    case 'reload':
      return driver.reload(step);
    case 'syncStorage':
      return driver.syncStorage(action.session, step);
  }
}

/**
 * Which line a difference belongs to: the check about it (the request line for a request), else the
 * group's first line, which says the page shows nothing else.
 */
function lineFor(difference: StepDifference, group: readonly PlannedLine[]): number {
  const about = group.findIndex((line) =>
    difference.request
      ? line.request === difference.request && line.topics.includes(difference.about)
      : line.topics.includes(difference.about) && line.request === undefined,
  );
  return Math.max(about, 0);
}

/**
 * Acts out a compiled scenario on the Playwright driver, line by line: opening the page, each action,
 * and after each action the group of checks that follows it, waited for together (until all hold, or
 * `stepTimeoutMs`), each difference shown on the line it is about. Resolves to each line's result;
 * rejects with a {@link ScenarioError} (after the driver stopped) when a line failed.
 */
export async function runScenario(plan: ScenarioPlan, options: RunOptions): Promise<LineResult[]> {
  const { driver, stepTimeoutMs = 5_000 } = options;
  const { path, lines } = plan;
  const results: LineResult[] = lines.map((line) => ({ line, status: 'not-run', errors: [] }));
  let failure: unknown;
  try {
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const result = results[i];
      if (!line || !result) break;
      if (line.role === 'context') {
        result.status = 'passed';
        continue;
      }
      if (line.role === 'open' || line.role === 'action') {
        try {
          if (line.role === 'open') await driver.start(path);
          const step = path.steps[line.step];
          // Opening the page also ends the storage read the first Given names.
          if (step) await perform(driver, step);
          result.status = 'passed';
        } catch (error) {
          result.status = 'failed';
          result.errors.push(error instanceof Error ? error.message : String(error));
          throw error;
        }
        continue;
      }
      // The checks after an action, together.
      let end = i;
      while (lines[end + 1]?.role === 'check' && lines[end + 1]?.step === line.step) end += 1;
      const group = lines.slice(i, end + 1);
      const step = path.steps[line.step];
      const expected: ExpectedState = step?.expect ?? path.initial;
      const effects: StepEffects | null = step?.effects ?? null;
      const found = await settleChecks(
        driver,
        expected,
        effects,
        plan,
        stepTimeoutMs,
        line.step < 0,
        options.known,
      );
      const differences = found.filter((difference) => !options.known?.includes(difference.text));
      for (const difference of found)
        if (!differences.includes(difference)) options.onKnown?.(difference.text);
      for (const [k] of group.entries()) {
        const groupResult = results[i + k];
        if (groupResult) groupResult.status = 'passed';
      }
      for (const difference of differences) {
        const groupResult = results[i + lineFor(difference, group)];
        if (!groupResult) continue;
        groupResult.status = 'failed';
        groupResult.errors.push(difference.text);
      }
      if (differences.length) throw new Error(differences.map((d) => d.text).join('; '));
      i = end;
    }
  } catch (error) {
    failure = error;
  } finally {
    if (failure !== undefined) await options.onFailure?.(results);
    await driver.stop();
  }
  if (failure !== undefined) throw new ScenarioError(plan, results, { cause: failure });
  return results;
}

/** Waits until the page shows what a step leads to; the differences left at the deadline. */
async function settleChecks(
  driver: PlaywrightPathDriver,
  expected: ExpectedState,
  effects: StepEffects | null,
  plan: ScenarioPlan,
  timeoutMs: number,
  initial: boolean,
  known: readonly string[] = [],
): Promise<StepDifference[]> {
  // Right after opening: the demos read `sessionStorage` before their first paint, so `restoring`
  // is never on screen to check (the driver waits for the page instead).
  if (initial && expected.step === 'restoring') {
    await driver.assertState(expected, null);
    return [];
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (seen: Seen) =>
      stepDifferences(expected, effects, seen).filter(
        (difference) => plan.settings.codesNeverStored || difference.about !== 'storage',
      );
    const seen = await driver.observe();
    let differences = found(seen);
    const settledBut = (list: StepDifference[]) =>
      list.every((difference) => known.includes(difference.text));
    // The mock server's log is read once the page shows the rest: did the requests reach it?
    if (settledBut(differences)) {
      seen.effects.server = await driver.serverLog();
      differences = found(seen);
    }
    if (settledBut(differences) || Date.now() > deadline) return differences;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The scenario's results per path step, for the QA report (`recordResults`): a step passed when all its
 * lines did, failed when one did (with a screenshot when `screenshots` is given), and lines after a
 * failure did not run.
 */
export function pathResult(
  plan: ScenarioPlan,
  lines: readonly LineResult[],
  screenshot?: { driver: string; taken: boolean },
): PathRunResult {
  const steps: StepRunResult[] = plan.path.steps.map((_step, index) => {
    // The lines right after opening belong to the first step when the page opens on a storage read.
    const own = lines.filter(({ line }) => Math.max(line.step, 0) === index && line.role !== 'context');
    const failed = own.find((result) => result.status === 'failed');
    if (failed) {
      return {
        index,
        status: 'failed',
        error: own
          .flatMap((result) => result.errors.map((error) => `${result.line.text}: ${error}`))
          .join('\n'),
        ...(screenshot?.taken && { screenshot: screenshotPath(screenshot.driver, plan.id, index) }),
      };
    }
    return {
      index,
      status: own.length && own.every((result) => result.status === 'passed') ? 'passed' : 'not-run',
    };
  });
  const status = steps.some((step) => step.status === 'failed') ? 'failed' : 'passed';
  return { id: plan.id, status, steps };
}

/** Where a failed step's screenshot goes in the report's folder. */
export function failureScreenshot(
  dir: string,
  driver: string,
  plan: ScenarioPlan,
  lines: readonly LineResult[],
) {
  const failed = lines.find((result) => result.status === 'failed');
  const index = Math.max(failed?.line.step ?? 0, 0);
  return join(dir, screenshotPath(driver, plan.id, index));
}
