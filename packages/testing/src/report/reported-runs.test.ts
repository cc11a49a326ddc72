import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getLoginPaths } from '../catalogue.js';
import type { PathStep } from '../path.types.js';
import type { LoginPathDriver } from '../run-path.js';
import { createScriptedDriver } from '../scripted-driver.js';
import { reportedRuns } from './reported-runs.js';
import { readResults } from './results.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The core's driver, but one that sees something else than expected at step `failAt` (from 0). */
function failingAt(failAt: number): LoginPathDriver {
  const driver = createScriptedDriver();
  let steps: readonly PathStep[] = [];
  return {
    start: (path) => {
      steps = path.steps;
      return driver.start(path);
    },
    send: (event, step) => driver.send(event, step),
    settle: (actor, outcome, step) => driver.settle(actor, outcome, step),
    advance: (ms, step) => driver.advance(ms, step),
    adjustClock: (ms, step) => driver.adjustClock(ms, step),
    reload: (step) => driver.reload(step),
    syncStorage: (session, step) => driver.syncStorage(session, step),
    assertState: (expected, step) => {
      if (step && steps.indexOf(step) === failAt) throw new Error('a binding that shows the wrong step');
      return driver.assertState(expected, step);
    },
    stop: () => driver.stop(),
  };
}

describe('reportedRuns', () => {
  it("records each path's steps as passed, failed and not run, for the report's column of the driver", async () => {
    dir = mkdtempSync(join(tmpdir(), 'reported-runs-'));
    const [first, second] = getLoginPaths({ strategy: 'journey' }).filter((path) => path.steps.length >= 3);
    if (!first || !second) throw new Error('no journeys of three steps');
    const reported = reportedRuns('jsdom-test', dir);
    await reported.run(first, createScriptedDriver());
    await expect(reported.run(second, failingAt(1))).rejects.toThrow('a binding that shows the wrong step');
    reported.save();
    const [results] = readResults(dir);
    expect(results?.driver).toBe('jsdom-test');
    expect(results?.paths.map(({ id, status }) => [id, status])).toEqual([
      [first.id, 'passed'],
      [second.id, 'failed'],
    ]);
    expect(results?.paths[1]?.steps.map(({ status }) => status)).toEqual([
      'passed',
      'failed',
      ...second.steps.slice(2).map(() => 'not-run'),
    ]);
    expect(results?.paths[1]?.steps[1]?.error).toContain('a binding that shows the wrong step');
  });

  it('writes nothing without a folder', () => {
    expect(reportedRuns('jsdom-test', undefined).save()).toBeUndefined();
  });
});
