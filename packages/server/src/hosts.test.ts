// The Host allow-list (issue 17, item 7): a DNS-rebinding page is same-origin with the server, so its
// Origin passes; only the host name it had to use gives it away.
import { describe, expect, it } from 'vitest';
import { createVerifikAuth, UnsafeRequestError } from './index.js';
import { get, login, post, secret, uniquePhone, useMockVerifik } from './test-helpers/index.js';

const mock = useMockVerifik();

/** `GET {url}/session` through `auth`'s handler: its status. */
const sessionStatus = async (auth: ReturnType<typeof mock.auth>, url: string) =>
  (await auth.handler(get('/session', undefined, url))).status;

describe('the Host allow-list', () => {
  it('refuses a rebinding page (Host and Origin evil.example) before any limit or Verifik call, saying how to list the host', async () => {
    const auth = mock.auth({ allowedHosts: [] });
    const response = await auth.handler(
      post('/phone-login', uniquePhone(), { url: 'https://evil.example/auth/verifik' }),
    );
    expect(response.status).toBe(403);
    const body = (await response.json()) as { code: string; message: string };
    expect(body.code).toBe('unauthorized');
    expect(body.message).toContain(`allowedHosts: ['evil.example']`);
    expect(body.message).toContain('createVerifikAuth');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await mock.dev().requests()).toEqual([]);
    expect(await sessionStatus(auth, 'http://evil.example:3000/auth/verifik')).toBe(403);
    // Anywhere on that host, not only under basePath: it is not this server's.
    expect((await auth.handler(get('/elsewhere', undefined, 'https://evil.example'))).status).toBe(403);
  });

  it('refuses the same request in getSession, checkRequest and verifikFetch', async () => {
    const auth = mock.auth({ allowedHosts: ['app.example'] });
    const { cookie } = await login(auth);
    const rebound = () => get('/x', cookie, 'https://rebind.evil.example');
    expect(await auth.getSession(rebound())).toBeNull();
    expect(auth.checkRequest(rebound())).toMatchObject({ reason: 'host-not-allowed' });
    await expect(auth.verifikFetch(rebound(), '/v2/auth/session')).rejects.toBeInstanceOf(UnsafeRequestError);
    // The same cookie on the listed host still works.
    expect(await auth.getSession(get('/x', cookie, 'https://app.example'))).not.toBeNull();
  });

  it('accepts loopback names, IP literals and the hosts of allowedOrigins by default, on any port', async () => {
    const auth = mock.auth({ allowedHosts: [], allowedOrigins: ['https://www.app.example'] });
    for (const origin of [
      'http://localhost:3000',
      'http://localhost.',
      'http://demo.localhost:5173',
      'http://127.0.0.1:8080',
      'http://[::1]:8080',
      'http://192.168.1.20',
      'https://[2001:db8::1]:8443',
      'https://www.app.example',
      'https://www.app.example:8443',
    ]) {
      expect(await sessionStatus(auth, `${origin}/auth/verifik`), origin).toBe(200);
    }
    for (const origin of [
      'https://app.example',
      'http://localhost.evil.example',
      'http://127.0.0.1.nip.io',
    ]) {
      expect(await sessionStatus(auth, `${origin}/auth/verifik`), origin).toBe(403);
    }
  });

  it('accepts a listed host on any port, and a leading dot for the name and its subdomains', async () => {
    const auth = mock.auth({ allowedHosts: ['App.Example', '.tenants.example'] });
    for (const origin of [
      'https://app.example',
      'http://app.example:8080',
      'https://app.example.',
      'https://tenants.example',
      'https://a.b.tenants.example',
    ]) {
      expect(await sessionStatus(auth, `${origin}/auth/verifik`), origin).toBe(200);
    }
    for (const origin of ['https://www.app.example', 'https://eviltenants.example', 'https://example']) {
      expect(await sessionStatus(auth, `${origin}/auth/verifik`), origin).toBe(403);
    }
  });

  it('throws at creation on an entry that is not a host name', () => {
    for (const entry of [
      'https://app.example',
      'app.example:443',
      'app.example/path',
      '[::1]:80',
      'user@app.example',
      '',
      '.',
      42,
    ]) {
      expect(
        () => createVerifikAuth({ secret, allowedHosts: [entry as string] }),
        JSON.stringify(entry),
      ).toThrow(/allowedHosts/);
    }
  });
});
