import type { LoginPath } from '../path.types.js';
import { type LoginPathDriver, PathError, runPath } from '../run-path.js';
import { type PathRunResult, recordResults } from './results.js';

/**
 * `runPath` that also keeps how each path went on one driver, for the QA report's column of that
 * driver (a binding's demo page in jsdom, e.g. `jsdom-svelte`). `save()` writes them to
 * `reportDir` (default: `VERIFIK_REPORT_DIR`; nothing is written without one).
 * @example
 * const reported = reportedRuns('jsdom-react');
 * afterAll(() => reported.save());
 * it.each(getLoginPaths())('$id', (path) => reported.run(path, createReactPathDriver()));
 */
export function reportedRuns(
  driver: string,
  reportDir = process.env.VERIFIK_REPORT_DIR?.trim() || undefined,
) {
  const paths: PathRunResult[] = [];
  return {
    async run(path: LoginPath, pathDriver: LoginPathDriver): Promise<void> {
      try {
        await runPath(path, pathDriver);
        paths.push({
          id: path.id,
          status: 'passed',
          steps: path.steps.map((_, index) => ({ index, status: 'passed' })),
        });
      } catch (error) {
        const failedAt = error instanceof PathError ? error.stepIndex : -1;
        const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
        const steps = path.steps.map((_, index) =>
          index < failedAt
            ? { index, status: 'passed' as const }
            : index === failedAt
              ? { index, status: 'failed' as const, ...(reason && { error: reason }) }
              : { index, status: 'not-run' as const },
        );
        paths.push({ id: path.id, status: 'failed', steps });
        throw error;
      }
    },
    /** Writes the results file of `driver` (see `recordResults`); returns it, or `undefined` without a folder. */
    save(): string | undefined {
      return reportDir ? recordResults(reportDir, { driver, paths }) : undefined;
    },
  };
}
