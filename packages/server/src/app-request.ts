import { isAllowedOrigin } from './csrf.js';
import { type HostCheck, hostNotAllowedMessage } from './hosts.js';

/** Why a request may not use the session: see {@link UnsafeRequestError}. */
export type UnsafeRequestReason =
  /** The request URL's host is not one this server answers for (a DNS-rebinding page). */
  | 'host-not-allowed'
  /** A state-changing method without `Origin`. */
  | 'origin-missing'
  /** A state-changing method from a page of another origin (another site, or another port). */
  | 'origin-not-allowed'
  /** A GET, HEAD or OPTIONS that another site's page made (an `<img>`, a no-cors fetch), not a navigation. */
  | 'cross-site-subrequest';

/**
 * A request the app's routes must not act on with the user's session: another page could have made
 * the browser send it, cookie included. `getSession` answers `null` for it, `verifikFetch` throws
 * this, and `checkRequest` returns it. Its message names no secret and no header value.
 */
export class UnsafeRequestError extends Error {
  /** Always `"UnsafeRequestError"`. */
  override name = 'UnsafeRequestError' as const;
  constructor(
    /** Which rule refused the request. */
    readonly reason: UnsafeRequestReason,
    message: string,
  ) {
    super(message);
  }
}

/** What the check compares a request with, resolved from the options once. */
export interface AppRequestPolicy {
  allowedOrigins: ReadonlySet<string>;
  isAllowedHost: HostCheck;
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses what a page of another origin can make the browser send with the user's cookie:
 * - any request to a host that is not allowed;
 * - an unsafe method (anything but GET, HEAD, OPTIONS) whose `Origin` is missing or neither the
 *   request URL's own nor listed: every browser sends `Origin` on those, and `SameSite=Lax` does not
 *   stop another port of the same site;
 * - a GET, HEAD or OPTIONS whose `Sec-Fetch-Site` is `same-site` or `cross-site`, unless it is a
 *   navigation (`Sec-Fetch-Mode: navigate`: a followed link). Without `Sec-Fetch-Site` (old browsers,
 *   non-browser clients) it passes, which is why a GET must never spend the token.
 *
 * @returns `null` when the request may use the session, else why not.
 */
export function checkAppRequest(request: Request, policy: AppRequestPolicy): UnsafeRequestError | null {
  const url = new URL(request.url);
  if (!policy.isAllowedHost(url.hostname)) {
    return new UnsafeRequestError('host-not-allowed', hostNotAllowedMessage(url.hostname));
  }
  if (!safeMethods.has(request.method.toUpperCase())) {
    const origin = request.headers.get('origin');
    if (origin === null) {
      return new UnsafeRequestError(
        'origin-missing',
        `Refused: a ${request.method} without an Origin header.`,
      );
    }
    return isAllowedOrigin(origin, url, policy.allowedOrigins)
      ? null
      : new UnsafeRequestError(
          'origin-not-allowed',
          `Refused: a ${request.method} from a page of another origin (not listed in allowedOrigins).`,
        );
  }
  const site = request.headers.get('sec-fetch-site')?.toLowerCase();
  if (
    (site === 'same-site' || site === 'cross-site') &&
    request.headers.get('sec-fetch-mode')?.toLowerCase() !== 'navigate'
  ) {
    return new UnsafeRequestError(
      'cross-site-subrequest',
      `Refused: a ${request.method} another site's page made (Sec-Fetch-Site: ${site}), not a navigation.`,
    );
  }
  return null;
}
