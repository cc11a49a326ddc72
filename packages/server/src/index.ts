/**
 * `@verifik-auth/server`: keeps Verifik's access token off the browser. A Fetch handler for the
 * login routes that seals the token into an HttpOnly cookie, with CSRF checks and abuse limits.
 * @module @verifik-auth/server
 */
import { createVerifikClient, DEFAULT_BASE_URL } from '@verifik-auth/core/client';
import { createCookiePolicy } from './cookies.js';
import { createKeyHasher } from './limit-keys.js';
import { createLimiter, resolveRateLimits } from './limits.js';
import {
  type HandlerContext,
  parseAllowedOrigins,
  parseBasePath,
  type VerifikAuthOptions,
} from './options.js';
import { createRouter } from './routes.js';
import { createChallengeSealer, createSealer, parseSecrets } from './seal.js';
import { readSession } from './session.js';
import { memoryStore } from './store.js';
import { createVerifikFetch } from './verifik-fetch.js';

export { DEFAULT_RATE_LIMITS, type RateLimit, type RateLimitOptions, type RateLimits } from './limits.js';
export { type NodeHandler, type NodeRequest, type NodeResponse, toNodeHandler } from './node.js';
export {
  type CookieOptions,
  DEFAULT_BASE_PATH,
  type HandlerContext,
  type VerifikAuthOptions,
} from './options.js';
export {
  type ConsumeResult,
  type CounterCheck,
  type MemoryStoreOptions,
  memoryStore,
  StoreFullError,
  type VerifikAuthStore,
} from './store.js';

/** The signed-in user's token, for the app's own server code. Never send it to the browser. */
export interface ServerSession {
  /** Verifik's access token, for `Authorization: Bearer …`. */
  accessToken: string;
  /** The token's scheme, e.g. `"bearer"`. */
  tokenType: string;
  /** Epoch ms (this server's clock) when the token stops working. */
  expiresAt: number;
}

/** What {@link createVerifikAuth} returns. */
export interface VerifikAuth {
  /**
   * The Fetch handler for every route under `basePath`; anything else gets a 404. It never rejects:
   * every failure is an answer with a `{ code, message }` body.
   */
  handler: (request: Request, context?: HandlerContext) => Promise<Response>;
  /**
   * The signed-in user's session from the request's cookie, or `null` (no cookie, a tampered or
   * expired one, a logged-out one, or a store that cannot say).
   */
  getSession: (request: Request) => Promise<ServerSession | null>;
  /**
   * Calls Verifik as the signed-in user: `path` is resolved against `verifikBaseUrl` and refused
   * (before any network) when it leaves that origin; `Authorization: Bearer` is added; redirects are
   * never followed (a 3xx throws). Throws when the request has no valid session.
   */
  verifikFetch: (request: Request, path: string | URL, init?: RequestInit) => Promise<Response>;
}

/**
 * Creates the server side of server mode: a Fetch handler for the login routes (see the README for
 * the routes and their answers), plus `getSession` and `verifikFetch` for the app's own routes.
 * Throws at once on a bad option (a secret shorter than 32 characters, a non-https Verifik URL).
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createVerifikAuth, toNodeHandler } from '@verifik-auth/server';
 *
 * const auth = createVerifikAuth({ secret: process.env.VERIFIK_AUTH_SECRET! });
 * createServer(toNodeHandler(auth.handler)).listen(3000);
 *
 * // In a route of your own:
 * const response = await auth.verifikFetch(request, '/v2/some/api');
 * ```
 */
export function createVerifikAuth(options: VerifikAuthOptions): VerifikAuth {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('createVerifikAuth: options with a `secret` are required.');
  }
  const secrets = parseSecrets(options.secret);
  const sealer = createSealer(secrets);
  const now = options.now ?? Date.now;
  const verifikBaseUrl = options.verifikBaseUrl ?? DEFAULT_BASE_URL;
  // The client checks the base URL (https, or http on loopback) and throws a clear error.
  const client = createVerifikClient({
    baseUrl: verifikBaseUrl,
    now,
    ...(options.fetch && { fetch: options.fetch }),
  });
  const store = options.store ?? memoryStore({ now });
  const cookiePolicy = createCookiePolicy(options.cookie);
  const cookieFor = (request: Request) => cookiePolicy(new URL(request.url));

  const getSession = async (request: Request): Promise<ServerSession | null> => {
    let settings: ReturnType<typeof cookieFor>;
    try {
      settings = cookieFor(request);
    } catch {
      return null;
    }
    const read = await readSession(request, settings, sealer, store, now());
    if (read.state !== 'active') return null;
    const { accessToken, tokenType, expiresAt } = read.session;
    return { accessToken, tokenType, expiresAt };
  };

  const handler = createRouter({
    basePath: parseBasePath(options.basePath),
    client,
    sealer,
    challengeSealer: createChallengeSealer(secrets),
    limiter: createLimiter(
      store,
      resolveRateLimits(options.rateLimit),
      createKeyHasher(secrets[0] as string),
    ),
    store,
    cookiePolicy,
    allowedOrigins: parseAllowedOrigins(options.allowedOrigins),
    getClientAddress: options.getClientAddress ?? ((_request, context) => context?.clientAddress),
    now,
  });

  const verifikFetch = createVerifikFetch({
    baseUrl: new URL(verifikBaseUrl),
    fetch: options.fetch,
    token: getSession,
  });

  return { handler, getSession, verifikFetch };
}
