import { describe, expect, it } from 'vitest';
import { createMockApp } from './app.js';
import { phoneLogin, rawRequest, startTestMock } from './test-helpers.js';

const loginPath = '/v2/projects/phone-login';
const evil = 'https://evil.example';

/** Every `Access-Control-*` header of an answer: what lets a page read it or go on after a preflight. */
function corsHeaders(headers: Headers): string[] {
  return [...headers.keys()].filter((name) => name.startsWith('access-control-'));
}

const preflight = (origin: string, method = 'POST') => ({
  Origin: origin,
  'Access-Control-Request-Method': method,
  'Access-Control-Request-Headers': 'content-type',
});

describe('a page of another site', () => {
  it('cannot read /__dev/inbox: 403 and no CORS headers', async () => {
    const { post, get } = await startTestMock({ fixedOtp: '123456' });
    await post(loginPath, phoneLogin);
    const answer = await get('/__dev/inbox', { Origin: evil });
    expect(answer.status).toBe(403);
    expect(answer.text).not.toContain('123456');
    expect(answer.body).toEqual({ code: 'Forbidden', message: 'Origin not allowed' });
    expect(corsHeaders(answer.headers)).toEqual([]);
  });

  it('gets no CORS headers on a preflight, to /__dev/ or to a Verifik route', async () => {
    const { request } = await startTestMock();
    for (const path of ['/__dev/faults', '/__dev/reset', loginPath]) {
      const answer = await request('OPTIONS', path, { headers: preflight(evil) });
      expect(answer.status).toBe(403);
      expect(corsHeaders(answer.headers)).toEqual([]);
    }
  });

  it('cannot add faults or reset with a text/plain POST (no preflight needed): 403, nothing changes', async () => {
    const { mock, post } = await startTestMock();
    await post(loginPath, phoneLogin);
    const fault = JSON.stringify({ route: loginPath, status: 500 });
    const headers = { Origin: evil, 'Content-Type': 'text/plain' };
    expect((await post('/__dev/faults', fault, headers)).status).toBe(403);
    expect((await post('/__dev/reset', '{}', headers)).status).toBe(403);
    expect(mock.state.faults.pending).toEqual([]);
    expect(mock.state.store.inbox).toHaveLength(1);
  });

  it('cannot ask for codes either, unless allowedOrigins names it', async () => {
    const closed = await startTestMock();
    const refused = await closed.post(loginPath, phoneLogin, { Origin: 'https://app.example' });
    expect(refused.status).toBe(403);
    expect(closed.mock.state.store.inbox).toEqual([]);

    const open = await startTestMock({ allowedOrigins: ['https://app.example'] });
    const allowed = await open.post(loginPath, phoneLogin, { Origin: 'https://app.example' });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');
    const ask = await open.request('OPTIONS', loginPath, { headers: preflight('https://app.example') });
    expect(ask.headers.get('access-control-allow-origin')).toBe('https://app.example');
    // The dev routes stay for this machine's pages only.
    expect((await open.get('/__dev/inbox', { Origin: 'https://app.example' })).status).toBe(403);
    expect((await open.post(loginPath, phoneLogin, { Origin: evil })).status).toBe(403);
  });

  it('includes an opaque origin ("null": sandboxed frames, file: pages)', async () => {
    const { get } = await startTestMock();
    expect((await get('/__dev/inbox', { Origin: 'null' })).status).toBe(403);
  });
});

describe("this machine's pages (the demos)", () => {
  it.each(['http://localhost:5173', 'http://127.0.0.1:5174', 'http://[::1]:41234', 'http://localhost'])(
    '%s may use the Verifik routes and /__dev/, its origin echoed',
    async (origin) => {
      const { request, get, post } = await startTestMock();
      const ask = await request('OPTIONS', loginPath, { headers: preflight(origin) });
      expect(ask.status).toBe(204);
      expect(ask.headers.get('access-control-allow-origin')).toBe(origin);
      expect(ask.headers.get('access-control-allow-headers')).toMatch(/Content-Type,\s*Authorization/);
      expect(ask.headers.get('vary')).toMatch(/Origin/);
      const sent = await post(loginPath, phoneLogin, { Origin: origin });
      expect(sent.status).toBe(200);
      expect(sent.headers.get('access-control-allow-origin')).toBe(origin);
      expect(sent.headers.get('access-control-expose-headers')).toBe('Retry-After');
      const inbox = await get('/__dev/inbox', { Origin: origin });
      expect(inbox.status).toBe(200);
      expect(inbox.headers.get('access-control-allow-origin')).toBe(origin);
    },
  );

  it('send the documented email login: the address in the query, an empty body, no Content-Type', async () => {
    const { request } = await startTestMock();
    const answer = await request('POST', '/v2/projects/email-login?email=user%40example.com', {
      headers: { Origin: 'http://127.0.0.1:5173' },
    });
    expect(answer.status).toBe(200);
  });
});

describe('/__dev/ POSTs', () => {
  it('need application/json even from this machine, so no form or text/plain post can skip the preflight', async () => {
    const { mock, post } = await startTestMock();
    const fault = JSON.stringify({ route: loginPath, status: 500 });
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']) {
      const answer = await post('/__dev/faults', fault, { 'Content-Type': contentType });
      expect(answer).toMatchObject({
        status: 415,
        body: { code: 'UnsupportedMediaType', message: 'Content-Type must be application/json' },
      });
    }
    expect((await post('/__dev/reset')).status).toBe(415);
    expect(mock.state.faults.pending).toEqual([]);
    expect(
      (await post('/__dev/faults', fault, { 'Content-Type': 'application/json; charset=utf-8' })).status,
    ).toBe(201);
  });
});

describe('requests without an Origin (curl, Node, the CLI)', () => {
  it('keep working, and are not told any origin may read the answer', async () => {
    const { get, post } = await startTestMock();
    const sent = await post(loginPath, JSON.stringify(phoneLogin));
    expect(sent.status).toBe(200);
    const inbox = await get('/__dev/inbox');
    expect(inbox.status).toBe(200);
    expect(inbox.body.messages).toHaveLength(1);
    expect(inbox.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('the Host header', () => {
  it('must be a loopback name, so a DNS-rebound page (same origin, no Origin on GET) gets nothing', async () => {
    const { url, post } = await startTestMock({ fixedOtp: '123456' });
    await post(loginPath, phoneLogin);
    for (const host of ['evil.example:4010', 'evil.example', '192.168.1.20:4010', 'localhost.evil.example']) {
      const inbox = await rawRequest(url, { path: '/__dev/inbox', headers: { Host: host } });
      expect(inbox.status).toBe(403);
      expect(inbox.text).toBe('{"code":"Forbidden","message":"Host not allowed"}');
      const login = await rawRequest(url, {
        method: 'POST',
        path: loginPath,
        headers: { Host: host, 'Content-Type': 'application/json' },
        body: JSON.stringify(phoneLogin),
      });
      expect(login.status).toBe(403);
    }
    for (const host of ['localhost:4010', 'LOCALHOST', '127.0.0.1', '127.0.0.1:1', '[::1]:4010', '[::1]']) {
      expect((await rawRequest(url, { path: '/__dev/inbox', headers: { Host: host } })).status).toBe(200);
    }
  });

  it('may also be one of allowedHosts on the Verifik routes, never on /__dev/', async () => {
    const { url } = await startTestMock({ allowedHosts: ['mock.internal'] });
    const login = await rawRequest(url, {
      method: 'POST',
      path: loginPath,
      headers: { Host: 'mock.internal:4010', 'Content-Type': 'application/json' },
      body: JSON.stringify(phoneLogin),
    });
    expect(login.status).toBe(200);
    const inbox = await rawRequest(url, { path: '/__dev/inbox', headers: { Host: 'mock.internal:4010' } });
    expect(inbox.status).toBe(403);
  });
});

describe('the options', () => {
  it.each([
    [{ allowedOrigins: ['app.example'] }, 'allowedOrigins[0]'],
    [{ allowedOrigins: ['https://app.example/login'] }, 'allowedOrigins[0]'],
    [{ allowedOrigins: ['*'] }, 'allowedOrigins[0]'],
    [{ allowedHosts: ['mock.internal:4010'] }, 'allowedHosts[0]'],
    [{ allowedHosts: ['https://mock.internal'] }, 'allowedHosts[0]'],
  ])('refuse %j', (options, name) => {
    expect(() => createMockApp(options)).toThrow(name);
  });
});
