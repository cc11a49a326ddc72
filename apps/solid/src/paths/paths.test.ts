import { getIgnoredPaths, getLoginPaths, runPath } from '@verifik-auth/testing';
import { afterAll, beforeAll, describe, it, vi } from 'vitest';
import { createSolidPathDriver } from './path-driver.js';

// Only `Date` is faked: the page's countdowns read the path's device clock (set by the driver),
// while the machine's timers run on the driver's simulated clock and nothing really sleeps.
beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterAll(() => {
  vi.useRealTimers();
});

describe.each(['shortest', 'simple', 'journey'] as const)('%s paths in the Solid demo', (strategy) => {
  it.each(getLoginPaths({ strategy }))('$id: $description', (path) => runPath(path, createSolidPathDriver()));
});

describe('the events each state ignores, in the Solid demo', () => {
  it.each(getIgnoredPaths())('$id: $description', (path) => runPath(path, createSolidPathDriver()));
});
