import { parseSetCookie } from 'cookie';
import { describe, expect, it } from 'vitest';
import { createCookiePolicy } from './cookies.js';
import { login, useMockVerifik } from './test-helpers/index.js';

const mock = useMockVerifik();

/** The Set-Cookie of a confirm answer, parsed. */
const setCookieOf = (response: Response) => parseSetCookie(response.headers.getSetCookie()[0] as string);

describe('the session cookie', () => {
  it('is HttpOnly, Secure, SameSite=Lax, Path=/, __Host- named, living as long as the token', async () => {
    const { response } = await login(mock.auth());
    const raw = response.headers.getSetCookie()[0] as string;
    expect(raw).toMatch(/; HttpOnly/);
    expect(raw).toMatch(/; Secure/);
    expect(raw).toMatch(/; SameSite=Lax/);
    const cookie = setCookieOf(response);
    expect(cookie).toMatchObject({ name: '__Host-verifik-session', path: '/', httpOnly: true, secure: true });
    expect(cookie.domain).toBeUndefined();
    const { session } = await response.json();
    expect(cookie.maxAge).toBe(Math.floor(session.expiresInMs / 1000));
    expect(cookie.maxAge).toBeGreaterThan(29 * 86_400);
  });

  it('takes SameSite=Strict and another name', async () => {
    const { response } = await login(mock.auth({ cookie: { sameSite: 'strict', name: 'my-session' } }));
    const raw = response.headers.getSetCookie()[0] as string;
    expect(raw).toMatch(/^my-session=/);
    expect(raw).toMatch(/; SameSite=Strict/);
  });

  it('is not Secure on http://localhost, 127.0.0.1 and [::1], and is named verifik-session there', async () => {
    for (const url of [
      'http://localhost:5173/auth/verifik',
      'http://127.0.0.1/auth/verifik',
      'http://[::1]:3000/auth/verifik',
    ]) {
      // Such hosts have to be listed (`allowedHosts`), as the proxy's own name would be.
      const auth = mock.auth({ allowedHosts: ['app.internal', 'localhost.evil.example'] });
      const { response } = await login(auth, undefined, url);
      const cookie = setCookieOf(response);
      expect(cookie.secure, url).toBeFalsy();
      expect(cookie.name, url).toBe('verifik-session');
    }
  });

  it('is Secure on plain http to any other host (TLS ended by a proxy) and on https://localhost', async () => {
    for (const url of [
      'http://app.internal/auth/verifik',
      'https://localhost/auth/verifik',
      'http://localhost.evil.example/auth/verifik',
    ]) {
      // Such hosts have to be listed (`allowedHosts`), as the proxy's own name would be.
      const auth = mock.auth({ allowedHosts: ['app.internal', 'localhost.evil.example'] });
      const { response } = await login(auth, undefined, url);
      expect(setCookieOf(response), url).toMatchObject({ secure: true, name: '__Host-verifik-session' });
    }
  });

  it('follows `secure` when set, and names a Secure cookie on another path __Secure-', () => {
    const local = new URL('http://localhost/');
    expect(createCookiePolicy({ secure: true })(local)).toMatchObject({
      secure: true,
      name: '__Host-verifik-session',
    });
    expect(createCookiePolicy({ secure: false })(new URL('https://app.example/'))).toMatchObject({
      secure: false,
      name: 'verifik-session',
    });
    expect(createCookiePolicy({ path: '/app' })(new URL('https://app.example/'))).toMatchObject({
      name: '__Secure-verifik-session',
      path: '/app',
    });
    expect(() => createCookiePolicy({ name: '__Host-s', path: '/app' })).toThrow(/path/);
    expect(() => createCookiePolicy({ name: 'a;b' })).toThrow(/not a valid cookie name/);
  });
});
