/**
 * `@verifik-auth/server`: keeps Verifik's access token off the browser. A Fetch handler for the
 * login routes that seals the token into an HttpOnly cookie, with CSRF checks and abuse limits.
 * @module @verifik-auth/server
 */
import { createVerifikClient, DEFAULT_BASE_URL } from '@verifik-auth/core/client';
import { checkAppRequest, type UnsafeRequestError } from './app-request.js';
import { createChallengeSigner } from './challenge.js';
import { createCookiePolicy } from './cookies.js';
import { createHostCheck } from './hosts.js';
import { createKeyHasher } from './limit-keys.js';
import { createLimiter, resolveRateLimits } from './limits.js';
import {
  type HandlerContext,
  parseAllowedOrigins,
  parseBasePath,
  type VerifikAuthOptions,
} from './options.js';
import { createRouter } from './routes.js';
import { createSealer, parseSecrets } from './seal.js';
import { readSession } from './session.js';
import { memoryStore } from './store.js';
import { createVerifikFetch } from './verifik-fetch.js';

export { UnsafeRequestError, type UnsafeRequestReason } from './app-request.js';
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
   * expired one, a logged-out one, a store that cannot say, or a request {@link VerifikAuth.checkRequest}
   * refuses).
   */
  getSession: (request: Request) => Promise<ServerSession | null>;
  /**
   * Calls Verifik as the signed-in user: `path` is resolved against `verifikBaseUrl` and refused
   * (before any network) when it leaves that origin; `Authorization: Bearer` is added; redirects are
   * never followed (a 3xx throws). Throws {@link UnsafeRequestError} for a request
   * {@link VerifikAuth.checkRequest} refuses, and an error when the request has no valid session.
   * Spend the token in POST routes only: a GET can be made by any page (an `<img>`, a link).
   */
  verifikFetch: (request: Request, path: string | URL, init?: RequestInit) => Promise<Response>;
  /**
   * Whether one of the app's own routes may act on the session for this request, or why not: the
   * check `getSession` and `verifikFetch` make first. It refuses a host that is not allowed (see
   * `allowedHosts`), a POST, PUT, PATCH or DELETE whose `Origin` is missing or not the app's own (nor
   * in `allowedOrigins`), and a GET or HEAD another site's page made without navigating
   * (`Sec-Fetch-Site` `same-site` or `cross-site`, `Sec-Fetch-Mode` not `navigate`).
   *
   * @returns `null` when the request may use the session, else the {@link UnsafeRequestError}.
   * @example
   * ```ts
   * // A route of your own that spends the user's token: POST only, checked first.
   * export async function POST(request: Request) {
   *   const unsafe = auth.checkRequest(request);
   *   if (unsafe) return Response.json({ message: unsafe.message }, { status: 403 });
   *   const session = await auth.getSession(request);
   *   if (!session) return Response.json({ message: 'Sign in first.' }, { status: 401 });
   *   return auth.verifikFetch(request, '/v2/some/api', { method: 'POST' });
   * }
   * ```
   */
  checkRequest: (request: Request) => UnsafeRequestError | null;
}

/**
 * Creates the server side of server mode: a Fetch handler for the login routes (see the README for
 * the routes and their answers), plus `getSession`, `verifikFetch` and `checkRequest` for the app's
 * own routes. Throws at once on a bad option (a secret shorter than 32 characters, a non-https
 * Verifik URL, an `allowedHosts` entry that is not a host name).
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createVerifikAuth, toNodeHandler } from '@verifik-auth/server';
 *
 * const auth = createVerifikAuth({
 *   secret: process.env.VERIFIK_AUTH_SECRET!,
 *   allowedHosts: ['app.example'], // the host name(s) your users reach this server on
 * });
 * createServer(toNodeHandler(auth.handler)).listen(3000);
 *
 * // In a POST route of your own (never a GET: any page can make the browser send one):
 * if (auth.checkRequest(request)) return new Response(null, { status: 403 });
 * const response = await auth.verifikFetch(request, '/v2/some/api', { method: 'POST' });
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
  const allowedOrigins = parseAllowedOrigins(options.allowedOrigins);
  const isAllowedHost = createHostCheck(options.allowedHosts, allowedOrigins);
  const checkRequest = (request: Request) => checkAppRequest(request, { allowedOrigins, isAllowedHost });

  const getSession = async (request: Request): Promise<ServerSession | null> => {
    if (checkRequest(request)) return null;
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

  const pseudonym = createKeyHasher(secrets[0] as string);
  const handler = createRouter({
    basePath: parseBasePath(options.basePath),
    client,
    sealer,
    challenges: createChallengeSigner(secrets),
    pseudonym,
    limiter: createLimiter(store, resolveRateLimits(options.rateLimit), pseudonym),
    store,
    cookiePolicy,
    allowedOrigins,
    isAllowedHost,
    getClientAddress: options.getClientAddress ?? ((_request, context) => context?.clientAddress),
    now,
  });

  const verifikFetch = createVerifikFetch({
    baseUrl: new URL(verifikBaseUrl),
    fetch: options.fetch,
    check: checkRequest,
    token: getSession,
  });

  return { handler, getSession, verifikFetch, checkRequest };
}
