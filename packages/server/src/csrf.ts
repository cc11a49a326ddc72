import { Refusal } from './errors.js';

/** Whether a page of `origin` may change state at `url`: the URL's own origin, or a listed one. */
export const isAllowedOrigin = (origin: string, url: URL, allowedOrigins: ReadonlySet<string>) =>
  origin === url.origin || allowedOrigins.has(origin);

/**
 * Refuses a state-changing request whose `Origin` is neither the request URL's own nor allowed. A
 * missing `Origin` is refused too: every browser sends it on POST and DELETE, so only a non-browser
 * client lacks it, and that one has no victim's cookie to abuse but gets no exception either.
 * `Sec-Fetch-Site` is not enough: a page on another port of the same host is `same-site`.
 */
export function checkOrigin(request: Request, url: URL, allowedOrigins: ReadonlySet<string>): void {
  const origin = request.headers.get('origin');
  if (origin !== null && isAllowedOrigin(origin, url, allowedOrigins)) return;
  throw new Refusal(
    403,
    'unauthorized',
    origin === null
      ? 'Refused: the request has no Origin header.'
      : 'Refused: requests from this origin are not allowed.',
  );
}

/**
 * Refuses a POST that is not `application/json` (parameters such as `charset` are fine): a form or a
 * `text/plain` fetch from another site cannot send it without a CORS preflight.
 */
export function checkJsonContentType(request: Request): void {
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') return;
  throw new Refusal(
    415,
    'missing_parameter',
    'Refused: the body must be JSON (Content-Type: application/json).',
  );
}
