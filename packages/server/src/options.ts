import type { FetchLike } from '@verifik-auth/core/client';
import type { RateLimitOptions } from './limits.js';
import type { VerifikAuthStore } from './store.js';

/** Where the handler's routes live unless {@link VerifikAuthOptions.basePath} says otherwise. */
export const DEFAULT_BASE_PATH = '/auth/verifik';

/** What a host gives the handler besides the request (`toNodeHandler` fills it in). */
export interface HandlerContext {
  /** The peer's IP address as the host sees it (`req.socket.remoteAddress` in Node). */
  clientAddress?: string;
}

/** The session cookie's name and attributes. It is always `HttpOnly`. */
export interface CookieOptions {
  /**
   * The cookie's name. Default `__Host-verifik-session` when the cookie is `Secure` (and `path` is
   * `/`), `verifik-session` otherwise (plain http on localhost), `__Secure-verifik-session` when
   * `Secure` with another `path`.
   */
  name?: string;
  /**
   * `SameSite`. `lax` keeps the user signed in when they follow a link to the app; `strict` does not
   * send the cookie on any navigation from another site.
   *
   * @default 'lax'
   */
  sameSite?: 'lax' | 'strict';
  /**
   * `Secure`. Default: on, except for requests to `http://localhost`, `http://127.0.0.1` and
   * `http://[::1]` (development without TLS). Always on for a `__Host-` or `__Secure-` name.
   */
  secure?: boolean;
  /**
   * `Path`.
   *
   * @default '/'
   */
  path?: string;
}

/** Options of {@link createVerifikAuth}. Only `secret` is required. */
export interface VerifikAuthOptions {
  /**
   * The secret the session cookie is sealed with: at least 32 characters (`openssl rand -base64 32`).
   * A list rotates secrets: the first seals, any of them opens, so put the new one first and drop the
   * old one once the cookies it sealed have expired (30 days). Shorter secrets throw at creation.
   */
  secret: string | readonly string[];
  /**
   * Verifik's API (or the mock server). `https://` only, except `http://localhost` and
   * `http://127.0.0.1`. `verifikFetch` refuses any other origin.
   *
   * @default 'https://api.verifik.co'
   */
  verifikBaseUrl?: string;
  /**
   * Where the routes live: `{basePath}/phone-login`, `{basePath}/session`, … Requests outside it get
   * a 404.
   *
   * @default '/auth/verifik'
   */
  basePath?: string;
  /** The session cookie's name and attributes. */
  cookie?: CookieOptions;
  /**
   * Origins, besides the request URL's own, whose pages may POST and DELETE here (and use the session
   * in the app's routes, see `checkRequest`), e.g. `["https://app.example"]`. Needed when the app is
   * served from another origin than the handler, or when a proxy rewrites the URL the handler sees
   * (its origin is then not the browser's). Their host names are allowed hosts too.
   */
  allowedOrigins?: readonly string[];
  /**
   * Host names, besides the defaults, that this server answers for: **a production app must list
   * its own**, e.g. `["app.example"]`, or `[".app.example"]` for it and all its subdomains. Any other
   * `Host` (the request URL's host name as the handler sees it) gets a 403 that says how to list it,
   * and `getSession`, `verifikFetch` and `checkRequest` refuse it. This stops a DNS-rebinding page,
   * whose `Origin` and `Host` agree, from using the login routes (the cookie, bound to the real host
   * name, already keeps the session from it; this is defence in depth).
   *
   * Always allowed: `localhost` and `*.localhost`, IP literals (v4 and v6: a page at an address has
   * nothing to rebind), and the host names of `allowedOrigins`. Names only: the port is not compared.
   *
   * @default []
   */
  allowedHosts?: readonly string[];
  /**
   * The client's IP address, for the per-address limits. Default: `context.clientAddress`, the peer
   * the host saw. Behind a reverse proxy that peer is the proxy: derive the address from the header
   * your proxy sets and you trust (e.g. the last `X-Forwarded-For` entry your own proxy appended),
   * never from `X-Forwarded-For` as the client sent it, which anyone can forge. When it returns
   * nothing, sends and confirms are refused (503) and one warning naming this option is logged: a
   * mount that passes no address would otherwise be a relay with no per-address limit.
   */
  getClientAddress?: (
    request: Request,
    context: HandlerContext | undefined,
  ) => string | undefined | null | Promise<string | undefined | null>;
  /** Overrides of the abuse limits; see {@link DEFAULT_RATE_LIMITS}. */
  rateLimit?: RateLimitOptions;
  /**
   * Where limits and logouts are kept. Default {@link memoryStore}: right for one instance; several
   * instances share `redisStore` from `@verifik-auth/server/redis`.
   */
  store?: VerifikAuthStore;
  /** A `fetch` for the calls to Verifik (login calls and `verifikFetch`). Default the global one. */
  fetch?: FetchLike;
  /**
   * The clock, epoch ms, for cookie expiry and the durations in answers (tests).
   *
   * @default Date.now
   */
  now?: () => number;
}

/** Normalizes `basePath`: a leading slash, no trailing one (`/` becomes the empty prefix). */
export function parseBasePath(basePath: string = DEFAULT_BASE_PATH): string {
  if (typeof basePath !== 'string' || !basePath.startsWith('/') || /[?#\s]/.test(basePath)) {
    throw new TypeError(
      `createVerifikAuth: \`basePath\` must be a path starting with "/", got ${JSON.stringify(basePath)}.`,
    );
  }
  return basePath.replace(/\/+$/, '');
}

/** Each allowed origin as `URL.origin` spells it, so the comparison with `Origin` is exact. */
export function parseAllowedOrigins(origins: readonly string[] = []): ReadonlySet<string> {
  return new Set(
    origins.map((origin) => {
      let parsed: URL | undefined;
      try {
        parsed = new URL(origin);
      } catch {
        parsed = undefined;
      }
      if (!parsed || parsed.origin === 'null' || parsed.href.replace(/\/$/, '') !== parsed.origin) {
        throw new TypeError(
          `createVerifikAuth: \`allowedOrigins\` takes origins such as "https://app.example" (scheme, host, port; no path), got ${JSON.stringify(origin)}.`,
        );
      }
      return parsed.origin;
    }),
  );
}
