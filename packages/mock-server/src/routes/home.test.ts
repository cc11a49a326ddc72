import { describe, expect, it } from 'vitest';
import { phoneLogin, rawRequest, startTestMock } from '../test-helpers.js';

/** What Chrome and Firefox send for a page they navigate to. */
const browserAccept = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/** Written out by hand: the routes a person finds at `/`, method and path. */
const verifikEndpoints = [
  'POST /v2/projects/phone-login',
  'POST /v2/projects/phone-login/confirm',
  'POST /v2/projects/email-login',
  'POST /v2/projects/email-login/confirm',
  'GET /v2/auth/session',
  'POST /v2/auth/renew-and-revoke',
];
const devRoutes = [
  'GET /__dev/',
  'GET /__dev/inbox',
  'GET /__dev/requests',
  'GET /__dev/faults',
  'POST /__dev/faults',
  'GET /__dev/authenticators',
  'POST /__dev/reset',
];

const names = (routes: { method: string; path: string }[]) => routes.map((r) => `${r.method} ${r.path}`);

describe('GET /', () => {
  it('answers a browser with a page linking the dev inbox and listing every endpoint', async () => {
    const { get } = await startTestMock();
    const answer = await get('/', { Accept: browserAccept });

    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    expect(answer.headers.get('vary')).toMatch(/\bAccept\b/);
    expect(answer.text).toContain('<a href="/__dev/">Open the dev inbox</a>');
    for (const route of [...verifikEndpoints, ...devRoutes]) {
      const [method, path] = route.split(' ') as [string, string];
      expect(answer.text).toMatch(new RegExp(`<td>${method}</td><td><code>(<a href="${path}">)?${path}`));
    }
    expect(answer.text).not.toContain('<script');
  });

  it('answers curl and scripts (no Accept, or */*) with the same as JSON', async () => {
    const { url, get } = await startTestMock();
    const bare = await fetch(`${url}/`, { headers: { Accept: '*/*' } });
    const answer = await get('/');

    expect(bare.headers.get('content-type')).toBe('application/json');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ name: 'Verifik mock server', inbox: '/__dev/' });
    expect(names(answer.body.endpoints)).toEqual(verifikEndpoints);
    expect(names(answer.body.devRoutes)).toEqual(devRoutes);
  });

  it('lists only routes that exist', async () => {
    const { request } = await startTestMock();
    const listed = [...verifikEndpoints, ...devRoutes].map((route) => route.split(' ') as [string, string]);
    for (const [method, path] of listed) {
      // No body: an answer that is not 404 (a 409 for a missing field, a 401 without a token) is enough.
      const answer = await request(method, path, method === 'POST' ? { body: {} } : {});
      expect([path, answer.status]).not.toEqual([path, 404]);
      expect([path, answer.status]).not.toEqual([path, 405]);
    }
  });

  it('never shows a code, the fixed code or a token, after a login too', async () => {
    const { get, post } = await startTestMock({ fixedOtp: '482913', authenticatorOtp: '735102' });
    await post('/v2/projects/phone-login', phoneLogin);
    const confirmed = await post('/v2/projects/phone-login/confirm', { ...phoneLogin, otp: '482913' });
    const token: string = confirmed.body.data.accessToken;
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

    for (const accept of [browserAccept, 'application/json']) {
      const { text } = await get('/', { Accept: accept });
      for (const secret of ['482913', '735102', token, token.split('.')[1] as string]) {
        expect(text).not.toContain(secret);
      }
      expect(text).not.toContain(String(phoneLogin.phone));
    }
  });

  it('stays this machine’s, like /__dev/: another Host or page origin gets 403, allowedHosts included', async () => {
    const { url, get } = await startTestMock({
      allowedHosts: ['mock.internal'],
      allowedOrigins: ['https://app.example'],
    });
    for (const host of ['evil.example', 'mock.internal:4010']) {
      const answer = await rawRequest(url, { path: '/', headers: { Host: host, Accept: browserAccept } });
      expect(answer.status).toBe(403);
      expect(answer.text).toBe('{"code":"Forbidden","message":"Host not allowed"}');
    }
    for (const origin of ['https://evil.example', 'https://app.example']) {
      const answer = await get('/', { Origin: origin });
      expect(answer.status).toBe(403);
      expect(answer.body).toEqual({ code: 'Forbidden', message: 'Origin not allowed' });
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    }
    const local = await get('/', { Origin: 'http://localhost:5173' });
    expect(local.status).toBe(200);
    expect(local.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });

  it('answers 405 to a POST, and HEAD like GET without a body', async () => {
    const { request, url } = await startTestMock();
    const posted = await request('POST', '/', { body: {} });
    expect(posted.status).toBe(405);
    expect(posted.headers.get('allow')).toBe('GET, HEAD');

    const head = await fetch(`${url}/`, { method: 'HEAD', headers: { Accept: browserAccept } });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    expect(await head.text()).toBe('');
  });
});
