import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { createVerifikAuth } from './index.js';
import { get, login, secret, useMockVerifik } from './test-helpers/index.js';

const mock = useMockVerifik();

/** The URL a fetch was called with (ky passes a Request). */
const hrefOf = (input: unknown) => (input instanceof Request ? input.url : String(input));

/** A fetch that lets the login calls through to the mock and answers the rest with `other`. */
function fetchExceptLogin(other: (href: string, init?: RequestInit) => Promise<Response>) {
  return vi.fn(async (input: unknown, init?: RequestInit) =>
    hrefOf(input).includes('/v2/projects/')
      ? globalThis.fetch(input as Request, init)
      : other(hrefOf(input), init),
  );
}

describe('getSession', () => {
  it('returns the token, its type and expiry for a signed-in request, null otherwise', async () => {
    const auth = mock.auth();
    const { cookie } = await login(auth);
    const session = await auth.getSession(get('/anything', cookie));
    expect(session).toEqual({
      accessToken: expect.stringMatching(/^ey/),
      tokenType: 'bearer',
      expiresAt: expect.any(Number),
    });
    expect(session?.expiresAt).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    expect(await auth.getSession(get('/anything'))).toBeNull();
  });
});

describe('verifikFetch', () => {
  it('calls Verifik with the Bearer token of the signed-in user', async () => {
    const auth = mock.auth();
    const { cookie } = await login(auth);
    const response = await auth.verifikFetch(get('/x', cookie), '/v2/auth/session?origin=refresh');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ accessToken: expect.stringMatching(/^ey/) });
  });

  it('refuses, before any network and before reading the cookie, any URL off Verifik’s origin', async () => {
    const fetch = vi.fn(async () => new Response('{}'));
    const auth = createVerifikAuth({ secret, verifikBaseUrl: 'https://api.verifik.co', fetch });
    const request = get('/x', '__Host-verifik-session=whatever');
    for (const path of [
      'https://evil.example/v2/x',
      '//evil.example/v2/x',
      '\\\\evil.example/v2/x',
      '/\\evil.example/v2/x',
      'http://api.verifik.co/v2/x',
      'https://api.verifik.co:444/v2/x',
      'https://api.verifik.co.evil.example/v2/x',
      'https://api.verifik.co@evil.example/v2/x',
      'https://user:pass@api.verifik.co/v2/x',
      new URL('https://evil.example/'),
      'javascript:alert(1)',
    ]) {
      await expect(auth.verifikFetch(request, path), String(path)).rejects.toThrow(
        /outside https:\/\/api\.verifik\.co/,
      );
    }
    expect(fetch).not.toHaveBeenCalled();
  });

  it('keeps `..` inside the origin', async () => {
    const fetch = fetchExceptLogin(async () => new Response('{}'));
    const auth = mock.auth({ fetch });
    const { cookie } = await login(auth);
    fetch.mockClear();
    await auth.verifikFetch(get('/x', cookie), '/v2/../../../etc/passwd');
    expect(hrefOf(fetch.mock.calls[0]?.[0])).toBe(`${mock.url()}/etc/passwd`);
  });

  it('never follows a redirect: a 3xx throws without the token in the error', async () => {
    const fetch = fetchExceptLogin(
      async () => new Response(null, { status: 302, headers: { location: 'https://evil.example/' } }),
    );
    const auth = mock.auth({ fetch });
    const { cookie } = await login(auth);
    const token = (await auth.getSession(get('/x', cookie)))?.accessToken as string;
    const error = await auth
      .verifikFetch(get('/x', cookie), '/v2/some/api')
      .catch((caught: unknown) => caught);
    expect(String(error)).toMatch(/redirect \(302\)/);
    expect(inspect(error, { depth: Number.POSITIVE_INFINITY })).not.toContain(token);
    const init = fetch.mock.calls.at(-1)?.[1];
    expect(init?.redirect).toBe('manual');
    expect(new Headers(init?.headers).get('authorization')).toBe(`Bearer ${token}`);
  });

  it('throws a clear error when signed out, and one without the token when the network fails', async () => {
    const fetch = fetchExceptLogin(async (_href, init) => {
      throw new TypeError('fetch failed', { cause: { init } });
    });
    const auth = mock.auth({ fetch });
    await expect(auth.verifikFetch(get('/x'), '/v2/some/api')).rejects.toThrow(/not signed in/);
    const { cookie } = await login(auth);
    const token = (await auth.getSession(get('/x', cookie)))?.accessToken as string;
    const error = await auth
      .verifikFetch(get('/x', cookie), '/v2/some/api')
      .catch((caught: unknown) => caught);
    expect(String(error)).toMatch(/GET \/v2\/some\/api failed/);
    expect(inspect(error, { depth: Number.POSITIVE_INFINITY })).not.toContain(token);
  });
});
