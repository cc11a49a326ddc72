import type { MiddlewareHandler } from 'hono';
import { isApiRoute } from './api-routes.js';
import { hostNotAllowed, jsonRequired, originNotAllowed } from './errors.js';
import type { MockEnv } from './state.js';

/**
 * Who may talk to the mock. It is a local tool whose `/__dev/` routes hand out every code and steer
 * its answers, so it answers this machine only:
 * - `Host` must be a loopback name (or one of `allowedHosts`, on the Verifik routes). A DNS-rebinding
 *   page is same-origin with the mock and sends no `Origin` on GET, so only the `Host` header it
 *   cannot choose gives it away.
 * - A request with an `Origin` (a browser page) must come from a loopback origin (or one of
 *   `allowedOrigins`, on the Verifik routes). Loopback by default because that is where the demos
 *   and the e2e pages live, on ports only known once their dev servers listen; any page served from
 *   this machine is already as trusted as the mock. Other origins get a 403 without CORS headers.
 * - Requests without an `Origin` (curl, Node, the CLI) are not browsers' cross-site requests: they pass.
 * - `/__dev/` POSTs must be `application/json`, which a page of another site cannot send without a
 *   preflight. Not the Verifik routes: the documented email login sends an empty body.
 */
export interface AccessPolicy {
  /** Origins other than loopback ones allowed on the Verifik routes, e.g. `"https://app.example"`. */
  allowedOrigins: readonly string[];
  /** Host names other than loopback ones allowed on the Verifik routes, lowercased, without a port. */
  allowedHosts: readonly string[];
}

const loopbackNames = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether a URL hostname (as `URL#hostname` writes it: lowercased, IPv6 in brackets) is a loopback name. */
export function isLoopbackName(hostname: string): boolean {
  return loopbackNames.has(hostname);
}

// `name[:port]`, the name a DNS name or IPv4 address, or an IPv6 address in brackets.
const hostPattern = /^(?:\[[0-9a-f:.]+\]|[^\s/?#@[\]:\\]+)(?::\d{1,5})?$/i;

/** The hostname of a `Host` header value (lowercased, as `URL#hostname`), or undefined when it is not one. */
function hostName(host: string): string | undefined {
  if (!hostPattern.test(host)) return undefined;
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return undefined;
  }
}

/** Whether `origin` is an http(s) origin on a loopback name, with any port. */
export function isLoopbackOrigin(origin: string): boolean {
  return serializedOrigin(origin) !== undefined && isLoopbackName(new URL(origin).hostname);
}

/** `value` as an http(s) origin when that is exactly what it is, else undefined. */
function serializedOrigin(value: unknown): string | undefined {
  if (typeof value !== 'string' || !URL.canParse(value)) return undefined;
  const url = new URL(value);
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value ? value : undefined;
}

function list(values: unknown, name: string): readonly unknown[] {
  if (values === undefined) return [];
  if (!Array.isArray(values)) throw new TypeError(`${name}: expected an array of strings`);
  return values;
}

/**
 * Checks the `allowedOrigins` option: each entry must be a serialized origin (`scheme://host[:port]`,
 * nothing after it), since that is what browsers send. Throws a `TypeError` naming a bad entry.
 */
export function parseAllowedOrigins(values: readonly string[] | undefined): string[] {
  return list(values, 'allowedOrigins').map((value, index) => {
    const origin = serializedOrigin(value);
    if (origin === undefined) {
      throw new TypeError(
        `allowedOrigins[${index}]: expected an origin like "https://app.example", got ${JSON.stringify(value)}`,
      );
    }
    return origin;
  });
}

/** Checks the `allowedHosts` option: host names without scheme or port. Throws a `TypeError` naming a bad entry. */
export function parseAllowedHosts(values: readonly string[] | undefined): string[] {
  return list(values, 'allowedHosts').map((value, index) => {
    const name = typeof value === 'string' ? hostName(value) : undefined;
    if (name === undefined || name !== (value as string).toLowerCase()) {
      throw new TypeError(
        `allowedHosts[${index}]: expected a host name without port, got ${JSON.stringify(value)}`,
      );
    }
    return name;
  });
}

/** Whether a path is under the developer routes. */
export function isDevPath(path: string): boolean {
  return path === '/__dev' || path.startsWith('/__dev/');
}

/**
 * Whether a page of `origin` may call `path`: loopback origins anywhere, `allowedOrigins` on the
 * Verifik routes only. Everything else (`/__dev/`, unknown paths) is this machine's alone.
 */
export function originAllowed(origin: string, path: string, policy: AccessPolicy): boolean {
  return isLoopbackOrigin(origin) || (isApiRoute(path) && policy.allowedOrigins.includes(origin));
}

function hostAllowed(hostname: string | undefined, path: string, policy: AccessPolicy): boolean {
  if (hostname === undefined) return false;
  return isLoopbackName(hostname) || (isApiRoute(path) && policy.allowedHosts.includes(hostname));
}

const jsonOnly = /^application\/json\s*(;|$)/i;

/**
 * Enforces the `Host` and `Origin` rules of {@link AccessPolicy}. Mount it before CORS, so that a
 * refused request, preflight included, carries no CORS header at all, and before the request log
 * and the faults, so that it neither counts nor uses one up.
 */
export function originGuard(policy: AccessPolicy): MiddlewareHandler<MockEnv> {
  return async (c, next) => {
    const { path } = c.req;
    const header = c.req.header('host');
    // The URL's host comes from the Host header too, except for an absolute request target: check both.
    const hosts = [new URL(c.req.url).hostname, ...(header === undefined ? [] : [hostName(header)])];
    if (!hosts.every((hostname) => hostAllowed(hostname, path, policy))) throw hostNotAllowed();
    const origin = c.req.header('origin');
    if (origin !== undefined && !originAllowed(origin, path, policy)) throw originNotAllowed();
    await next();
  };
}

/**
 * Refuses a `/__dev/` POST that is not `application/json` with a 415. Mount it after CORS, so that
 * a page of this machine can read why.
 */
export const devPostsJsonOnly: MiddlewareHandler<MockEnv> = async (c, next) => {
  if (
    isDevPath(c.req.path) &&
    c.req.method === 'POST' &&
    !jsonOnly.test(c.req.header('content-type') ?? '')
  ) {
    throw jsonRequired();
  }
  await next();
};
