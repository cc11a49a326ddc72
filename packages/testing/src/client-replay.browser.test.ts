import { type MockServer, startMockServer } from '@verifik-auth/mock-server';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { getIgnoredPaths, getLoginPaths } from './catalogue.js';
import { createClientReplayDriver, realizeOutcome, withDeviceAhead } from './client-replay.js';
import { runPath } from './run-path.js';
import { createPathClock, createServerDriver, pathMockOptions } from './server-driver.js';

// Browser mode: the machine → createVerifikClient → HTTP → the mock server, the device clock ahead
// of the mock's, the session in core's webStorage with another tab on a real BroadcastChannel.
const clock = withDeviceAhead(createPathClock());
let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ port: 0, ...pathMockOptions, now: clock.serverNow });
});
afterAll(async () => {
  await mock?.close();
});

const driver = () =>
  createClientReplayDriver(
    createServerDriver({ baseUrl: mock.url, clock, realize: realizeOutcome, otherTabs: 'broadcast' }),
    { mockUrl: mock.url, clock },
  );

describe.each(['shortest', 'simple', 'journey'] as const)(
  'every committed %s path through the real client over HTTP',
  (strategy) => {
    it.each(getLoginPaths({ strategy }))('$id: $description', (path) => runPath(path, driver()));
  },
);

describe('the events each state ignores, through the real client over HTTP', () => {
  it.each(getIgnoredPaths())('$id: $description', (path) => runPath(path, driver()));
});
