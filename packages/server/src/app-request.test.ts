// The app's own routes: getSession, verifikFetch and checkRequest refuse the requests another page
// can make the browser send with the user's cookie (issue 17, item 6).
import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { UnsafeRequestError } from './index.js';
import { appOrigin, login, useMockVerifik } from './test-helpers/index.js';

const mock = useMockVerifik();

/** The URL a fetch was called with (ky passes a Request). */
const hrefOf = (input: unknown) => (input instanceof Request ? input.url : String(input));

/** A handler whose fetch lets the login calls through to the mock and records every other call. */
function authWithSpy(options: Parameters<typeof mock.auth>[0] = {}) {
  const spent = vi.fn(async () => Response.json({ ok: true }));
  const auth = mock.auth({
    ...options,
    fetch: async (input, init) =>
      hrefOf(input).includes('/v2/projects/') ? globalThis.fetch(input as Request, init) : spent(),
  });
  return { auth, spent };
}

/** A request to the app's own route `/api/thing`, with the session cookie and the given headers. */
function appRequest(cookie: string, method: string, headers: Record<string, string>): Request {
  return new Request(`${appOrigin}/api/thing`, {
    method,
    headers: { cookie, ...headers },
    ...(method === 'POST' && { body: '{}' }),
  });
}

const refused: Array<[string, string, Record<string, string>, string]> = [
  ['a cross-origin POST', 'POST', { origin: 'https://evil.example' }, 'origin-not-allowed'],
  [
    'a POST from another port of the same site',
    'POST',
    { origin: 'https://app.example:8443', 'sec-fetch-site': 'same-site' },
    'origin-not-allowed',
  ],
  ['a POST with Origin null (a sandboxed page)', 'POST', { origin: 'null' }, 'origin-not-allowed'],
  ['a POST without Origin', 'POST', {}, 'origin-missing'],
  ['a DELETE from another site', 'DELETE', { origin: 'https://evil.example' }, 'origin-not-allowed'],
  ['a PATCH without Origin', 'PATCH', {}, 'origin-missing'],
  [
    'a same-site no-cors GET',
    'GET',
    { 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'empty' },
    'cross-site-subrequest',
  ],
  [
    'a cross-site <img> GET',
    'GET',
    { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' },
    'cross-site-subrequest',
  ],
  [
    'a cross-site credentialed cors GET',
    'GET',
    { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors', origin: 'https://evil.example' },
    'cross-site-subrequest',
  ],
  [
    'a cross-site no-cors HEAD',
    'HEAD',
    { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' },
    'cross-site-subrequest',
  ],
];

const accepted: Array<[string, string, Record<string, string>]> = [
  ['a same-origin POST', 'POST', { origin: appOrigin, 'sec-fetch-site': 'same-origin' }],
  [
    'a cross-site top-level navigation GET',
    'GET',
    {
      'sec-fetch-site': 'cross-site',
      'sec-fetch-mode': 'navigate',
      'sec-fetch-dest': 'document',
    },
  ],
  ['a same-origin fetch GET', 'GET', { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' }],
  ['a GET typed in the address bar', 'GET', { 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate' }],
  ['a GET without Sec-Fetch-Site (an old browser, curl)', 'GET', {}],
];

describe('getSession and verifikFetch refuse what another page can make the browser send', () => {
  it.each(refused)(
    '%s gets no session, and verifikFetch never calls Verifik',
    async (_name, method, headers, reason) => {
      const { auth, spent } = authWithSpy();
      const { cookie } = await login(auth);
      const request = () => appRequest(cookie, method, headers);
      expect(await auth.getSession(request())).toBeNull();
      const error = await auth.verifikFetch(request(), '/v2/some/api').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(UnsafeRequestError);
      expect(error).toMatchObject({ name: 'UnsafeRequestError', reason });
      expect(spent).not.toHaveBeenCalled();
      expect(auth.checkRequest(request())).toMatchObject({ name: 'UnsafeRequestError', reason });
    },
  );

  it.each(accepted)('%s still gets the session and reaches Verifik', async (_name, method, headers) => {
    const { auth, spent } = authWithSpy();
    const { cookie } = await login(auth);
    const request = () => appRequest(cookie, method, headers);
    expect(auth.checkRequest(request())).toBeNull();
    expect(await auth.getSession(request())).toMatchObject({ accessToken: expect.stringMatching(/^ey/) });
    expect((await auth.verifikFetch(request(), '/v2/some/api')).status).toBe(200);
    expect(spent).toHaveBeenCalledTimes(1);
  });

  it('accepts a POST from an origin listed in allowedOrigins', async () => {
    const { auth } = authWithSpy({ allowedOrigins: ['https://www.app.example'] });
    const { cookie } = await login(auth);
    const listed = appRequest(cookie, 'POST', { origin: 'https://www.app.example' });
    expect(await auth.getSession(listed)).not.toBeNull();
    const other = appRequest(cookie, 'POST', { origin: 'https://www2.app.example' });
    expect(await auth.getSession(other)).toBeNull();
  });

  it('names no token, cookie or header value in the error it throws', async () => {
    const { auth } = authWithSpy();
    const { cookie } = await login(auth);
    const token = (await auth.getSession(appRequest(cookie, 'GET', {})))?.accessToken as string;
    const error = await auth
      .verifikFetch(appRequest(cookie, 'POST', { origin: 'https://evil.example' }), '/v2/some/api')
      .catch((caught: unknown) => caught);
    const printed = inspect(error, { depth: Number.POSITIVE_INFINITY });
    expect(printed).toContain('UnsafeRequestError');
    for (const secret of [token, cookie.split('=')[1] as string, 'evil.example']) {
      expect(printed).not.toContain(secret);
    }
  });
});
