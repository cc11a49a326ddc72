import { type MockServer, startMockServer } from '@verifik-auth/mock-server';
import { createVerifikAuth, toNodeHandler } from '@verifik-auth/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getIgnoredPaths, getLoginPaths } from './catalogue.js';
import { createClientReplayDriver, realizeOutcome, withDeviceAhead } from './client-replay.js';
import { runPath } from './run-path.js';
import { createPathClock, pathMockOptions } from './server-driver.js';
import {
  createHandlerTraffic,
  createServerModeDriver,
  type HandlerTraffic,
  listenOnLoopback,
  serverModeCannotDrive,
} from './server-mode-driver.js';

// Server mode: the machine → core's server client → a real @verifik-auth/server handler on
// node:http → the mock server, the device clock ahead of the mock's and the handler's.
const clock = withDeviceAhead(createPathClock());
const basePath = '/auth/verifik';
let mock: MockServer;
let traffic: HandlerTraffic;
let site: Awaited<ReturnType<typeof listenOnLoopback>>;

beforeAll(async () => {
  mock = await startMockServer({ port: 0, ...pathMockOptions, now: clock.serverNow });
  traffic = createHandlerTraffic({ verifikBaseUrl: mock.url });
  const unlimited = { max: Number.POSITIVE_INFINITY };
  const auth = createVerifikAuth({
    secret: 'client-replay-secret-0123456789-abcdefghij',
    verifikBaseUrl: mock.url,
    basePath,
    fetch: traffic.fetch,
    now: clock.serverNow,
    // The paths send and check many codes for one identifier; the limits have tests of their own.
    rateLimit: {
      sendsPerIdentifier: unlimited,
      sendsPerAddress: unlimited,
      sendsTotal: unlimited,
      confirmsPerCode: unlimited,
      confirmsPerAddress: unlimited,
      confirmsPerIdentifier: unlimited,
    },
  });
  site = await listenOnLoopback(toNodeHandler(traffic.observe(auth.handler)));
});
afterAll(async () => {
  await site?.close();
  await mock?.close();
});

const driver = () =>
  createClientReplayDriver(
    createServerModeDriver({
      verifikBaseUrl: mock.url,
      handlerUrl: `${site.url}${basePath}`,
      traffic,
      clock,
      realize: realizeOutcome,
    }),
    { mockUrl: mock.url, clock, latestToken: () => [...traffic.tokens].at(-1) },
  );

const all = [...getLoginPaths(), ...getIgnoredPaths()];
const driven = all.filter((path) => !serverModeCannotDrive(path));

describe('every committed path server mode can drive, through core’s server client and the handler', () => {
  it.each(driven)('$id: $description', (path) => runPath(path, driver()));
});

describe('the paths server mode cannot drive', () => {
  it('are only those the catalogue stores a dead session for, or whose storage read fails', () => {
    const reasons = new Set(all.flatMap((path) => serverModeCannotDrive(path) ?? []));
    expect({ driven: driven.length, of: all.length, reasons: reasons.size }).toMatchInlineSnapshot(`
      {
        "driven": 128,
        "of": 170,
        "reasons": 3,
      }
    `);
  });
});
