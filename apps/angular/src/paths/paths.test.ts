import { getIgnoredPaths, getLoginPaths } from '@verifik-auth/testing';
import { reportedRuns } from '@verifik-auth/testing/report';
import { afterAll, beforeAll, describe, it, vi } from 'vitest';
import { createAngularPathDriver } from './path-driver.js';

// Only `Date` is faked: the page's countdowns read the path's device clock (set by the driver),
// while the machine's timers run on the driver's simulated clock and nothing really sleeps.
beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterAll(() => {
  vi.useRealTimers();
});

// With VERIFIK_REPORT_DIR, the QA report gets this binding's column (`jsdom-angular`).
const reported = reportedRuns('jsdom-angular');
afterAll(() => {
  reported.save();
});

describe.each(['shortest', 'simple', 'journey'] as const)('%s paths in the Angular demo', (strategy) => {
  it.each(getLoginPaths({ strategy }))('$id: $description', (path) =>
    reported.run(path, createAngularPathDriver()),
  );
});

describe('the events each state ignores, in the Angular demo', () => {
  it.each(getIgnoredPaths())('$id: $description', (path) => reported.run(path, createAngularPathDriver()));
});
