// Test helper (not published: it needs @verifik-auth/server, a dev dependency of this package).
import { type MockServer, startMockServer } from '@verifik-auth/mock-server';
import { createVerifikAuth, toNodeHandler } from '@verifik-auth/server';
import type { PathClock } from './path-clock.js';
import { pathMockOptions } from './server-driver.js';
import {
  createHandlerTraffic,
  type HandlerTraffic,
  listenOnLoopback,
  type ServerModeDriverOptions,
} from './server-mode-driver.js';

/** A mock server and an `@verifik-auth/server` handler in front of it, for the server-mode replays. */
export interface ServerModeSite {
  mock: MockServer;
  traffic: HandlerTraffic;
  /** What `createServerModeDriver` needs of it, the clock aside. */
  driverOptions: Omit<ServerModeDriverOptions, 'clock'>;
  close(): Promise<void>;
}

/**
 * Starts the mock on `clock` and a handler on node:http in front of it, with its traffic recorded and
 * no rate limits (the paths send and check many codes for one identifier; the limits have tests of
 * their own).
 */
export async function startServerModeSite(clock: PathClock): Promise<ServerModeSite> {
  const mock = await startMockServer({ port: 0, ...pathMockOptions, now: clock.serverNow });
  const traffic = createHandlerTraffic({ verifikBaseUrl: mock.url });
  const unlimited = { max: Number.POSITIVE_INFINITY };
  const basePath = '/auth/verifik';
  const auth = createVerifikAuth({
    secret: 'server-mode-site-secret-0123456789-abcdefghij',
    verifikBaseUrl: mock.url,
    basePath,
    fetch: traffic.fetch,
    now: clock.serverNow,
    rateLimit: {
      sendsPerIdentifier: unlimited,
      sendsPerAddress: unlimited,
      sendsTotal: unlimited,
      confirmsPerCode: unlimited,
      confirmsPerAddress: unlimited,
      confirmsPerIdentifier: unlimited,
    },
  });
  const site = await listenOnLoopback(toNodeHandler(traffic.observe(auth.handler)));
  return {
    mock,
    traffic,
    driverOptions: {
      verifikBaseUrl: mock.url,
      handlerUrl: `${site.url}${basePath}`,
      traffic,
    },
    async close() {
      await site.close();
      await mock.close();
    },
  };
}
