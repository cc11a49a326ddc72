import type { HttpBindings } from '@hono/node-server';
import { AuthenticatorRegistry } from './authenticator.js';
import { FaultQueue } from './faults.js';
import { type MockAppOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { RequestLog } from './request-log.js';
import { MockStore } from './store.js';
import { createTokenIssuer, type TokenIssuer } from './tokens.js';

/** Everything a running mock holds in memory. */
export interface MockState {
  /** The options it was created with, checked and with defaults filled in. */
  options: ResolvedOptions;
  /** Codes on file, resend cooldowns and the inbox. */
  store: MockStore;
  /** Faults waiting to be injected into the next requests. */
  faults: FaultQueue;
  /** Every request to a Verifik endpoint, for tests that count or inspect calls. */
  requests: RequestLog;
  /** Signs and checks the access tokens it hands out, and revokes them per account. */
  tokens: TokenIssuer;
  /** The accounts' authenticators: keys and setup state. */
  authenticators: AuthenticatorRegistry;
}

/**
 * The app's Hono environment. Under @hono/node-server the Node request and response are bindings
 * (needed to drop a connection); under `app.request()` in tests they are absent.
 */
export type MockEnv = {
  /** The Node request and response, when served by @hono/node-server. */
  Bindings: Partial<HttpBindings>;
  /** Set by an injected `sendFails` fault for the send route it applies to. */
  Variables: { sendFails?: boolean };
};

/** Fresh state for one mock; throws on invalid options. */
export function createMockState(options?: MockAppOptions): MockState {
  const resolved = resolveOptions(options);
  return {
    options: resolved,
    store: new MockStore(resolved),
    faults: new FaultQueue(),
    requests: new RequestLog(),
    tokens: createTokenIssuer(resolved.tokenSecret, resolved.now),
    authenticators: new AuthenticatorRegistry(resolved.clients.authenticators(), resolved),
  };
}
