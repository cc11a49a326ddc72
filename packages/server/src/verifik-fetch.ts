import type { FetchLike } from '@verifik-auth/core/client';
import type { UnsafeRequestError } from './app-request.js';

/**
 * What `verifikFetch` needs: where Verifik is, how to fetch, whether the request may use the session,
 * and the signed-in user's token.
 */
export interface VerifikFetchDeps {
  baseUrl: URL;
  fetch: FetchLike | undefined;
  check: (request: Request) => UnsafeRequestError | null;
  token: (request: Request) => Promise<{ accessToken: string } | null>;
}

/**
 * The URL `path` names under `baseUrl`, refused unless it stays on `baseUrl`'s origin: absolute URLs,
 * `//host`, `\\host` and `..` tricks are resolved by `new URL` first, so what is checked is what
 * would be fetched.
 */
export function resolveVerifikUrl(baseUrl: URL, path: string | URL): URL {
  let url: URL;
  try {
    url = new URL(path, baseUrl);
  } catch {
    throw new TypeError('verifikFetch: the path is not a valid URL.');
  }
  if (url.origin !== baseUrl.origin || url.username !== '' || url.password !== '') {
    // The target is not repeated: it is the caller's input, and the check exists because it may be hostile.
    throw new TypeError(
      `verifikFetch: refusing a URL outside ${baseUrl.origin}; the token goes to Verifik only.`,
    );
  }
  return url;
}

/** Makes `verifikFetch(request, path, init?)`. */
export function createVerifikFetch(deps: VerifikFetchDeps) {
  return async function verifikFetch(
    request: Request,
    path: string | URL,
    init: RequestInit = {},
  ): Promise<Response> {
    const url = resolveVerifikUrl(deps.baseUrl, path);
    const unsafe = deps.check(request);
    if (unsafe) throw unsafe;
    const session = await deps.token(request);
    if (!session) throw new Error('verifikFetch: not signed in (no valid session cookie on this request).');
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${session.accessToken}`);
    if (!headers.has('accept')) headers.set('accept', 'application/json');
    const fetch = deps.fetch ?? globalThis.fetch;
    let response: Response;
    try {
      response = await fetch(url.href, { ...init, headers, redirect: 'manual' });
    } catch (error) {
      if ((error as { name?: unknown } | null)?.name === 'AbortError') throw error;
      // Only the method and path: the init (its headers hold the token) is never part of an error.
      throw new Error(
        `verifikFetch: ${init.method ?? 'GET'} ${url.pathname} failed: the request did not complete.`,
      );
    }
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      await response.body?.cancel().catch(() => {});
      throw new Error(
        `verifikFetch: ${init.method ?? 'GET'} ${url.pathname} answered with a redirect (${response.status}), which is never followed.`,
      );
    }
    return response;
  };
}
