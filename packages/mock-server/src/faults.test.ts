import { describe, expect, it } from 'vitest';
import { phoneLogin, startTestMock, testClock, waitFor } from './test-helpers.js';

const loginPath = '/v2/projects/phone-login';

describe('POST /__dev/faults', () => {
  it('makes the next request to the route answer the injected status and default body, then recovers', async () => {
    const { post } = await startTestMock();
    const added = await post('/__dev/faults', { route: loginPath, status: 503 });
    expect(added).toMatchObject({
      status: 201,
      body: { fault: { id: 1, route: loginPath, kind: 'status', status: 503, remaining: 1 } },
    });
    expect(await post(loginPath, phoneLogin)).toMatchObject({
      status: 503,
      body: { code: 'InternalServerError', message: 'injected fault' },
    });
    expect((await post(loginPath, phoneLogin)).status).toBe(200);
  });

  it('injects a 429 with Retry-After that a browser script may read, for `times` requests', async () => {
    const { post, request } = await startTestMock();
    await post('/__dev/faults', {
      route: '/v2/auth/session',
      status: 429,
      body: { code: 'TooManyRequests', message: 'slow down' },
      headers: { 'Retry-After': '30' },
      times: 2,
    });
    for (let i = 0; i < 2; i++) {
      const answer = await request('GET', '/v2/auth/session', {
        headers: { Origin: 'http://localhost:5173' },
      });
      expect(answer).toMatchObject({ status: 429, body: { code: 'TooManyRequests', message: 'slow down' } });
      expect(answer.headers.get('retry-after')).toBe('30');
      expect(answer.headers.get('access-control-expose-headers')).toContain('Retry-After');
    }
    expect((await request('GET', '/v2/auth/session')).status).toBe(409);
  });

  it('answers a malformed body as 200 text/html', async () => {
    const { post } = await startTestMock();
    await post('/__dev/faults', { route: loginPath, malformed: true });
    const answer = await post(loginPath, phoneLogin);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
    expect(answer.text).toBe('<html>oops');
    expect(answer.body).toBeUndefined();
  });

  it('drops the connection so that fetch rejects, and serves the next request normally', async () => {
    const { url, post, get } = await startTestMock();
    await post('/__dev/faults', { route: loginPath, drop: true });
    await expect(
      fetch(`${url}${loginPath}`, { method: 'POST', body: JSON.stringify(phoneLogin) }),
    ).rejects.toThrow(TypeError);
    expect((await post(loginPath, phoneLogin)).status).toBe(200);
    expect((await get('/__dev/requests')).body.requests).toEqual([
      expect.objectContaining({ route: loginPath, fault: 'drop', aborted: false }),
      expect.objectContaining({ route: loginPath, status: 200 }),
    ]);
  });

  it('delays an answer that is otherwise normal, or a fault', async () => {
    const { post } = await startTestMock();
    await post('/__dev/faults', { route: loginPath, delayMs: 150 });
    let started = performance.now();
    expect((await post(loginPath, phoneLogin)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);

    await post('/__dev/faults', { route: loginPath, delayMs: 150, status: 502 });
    started = performance.now();
    expect((await post(loginPath, { ...phoneLogin, phoneGateway: 'sms' })).status).toBe(502);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('records a request the client aborted during a delay as aborted in /__dev/requests', async () => {
    const { url, post, get } = await startTestMock();
    await post('/__dev/faults', { route: loginPath, delayMs: 10_000 });
    const controller = new AbortController();
    const pending = fetch(`${url}${loginPath}`, {
      method: 'POST',
      body: JSON.stringify(phoneLogin),
      signal: controller.signal,
    });
    const requests = async () => (await get('/__dev/requests')).body.requests;
    await waitFor(async () => (await requests()).length === 1);
    expect((await requests())[0]).toMatchObject({ aborted: false, fault: 'delay' });
    controller.abort();
    await expect(pending).rejects.toThrow();
    await waitFor(async () => (await requests())[0].aborted === true);
    expect((await requests())[0]).toEqual({
      route: loginPath,
      method: 'POST',
      startedAt: expect.any(String),
      aborted: true,
      fault: 'delay',
    });
  });

  it('closes promptly while a request waits on a delay', async () => {
    const { mock, post, url } = await startTestMock();
    await post('/__dev/faults', { route: loginPath, delayMs: 10_000 });
    const pending = fetch(`${url}${loginPath}`, { method: 'POST', body: JSON.stringify(phoneLogin) });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await mock.close();
    expect(performance.now() - started).toBeLessThan(1000);
    await expect(pending).rejects.toThrow();
  });

  it('does not let a CORS preflight use up a fault', async () => {
    const { post, request } = await startTestMock();
    await post('/__dev/faults', { route: loginPath, status: 500 });
    const preflight = await request('OPTIONS', loginPath, {
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect((await post(loginPath, phoneLogin)).status).toBe(500);
  });

  it('makes a send fail after answering (sendFails): the code never arrives and confirming it answers 409 otp_send_failed', async () => {
    const clock = testClock();
    const { post, get, inbox } = await startTestMock({ now: clock.now, fixedOtp: '123456' });
    const added = await post('/__dev/faults', { route: loginPath, sendFails: true });
    expect(added.body.fault).toMatchObject({ kind: 'sendFailed', route: loginPath, remaining: 1 });
    expect(await post(loginPath, phoneLogin)).toMatchObject({
      status: 200,
      body: { data: { status: 'sent' } },
    });
    expect(await inbox()).toEqual([]);
    const confirmation = { ...phoneLogin, otp: '123456' };
    expect(await post(`${loginPath}/confirm`, confirmation)).toMatchObject({
      status: 409,
      body: { code: 'Conflict', message: 'otp_send_failed' },
    });
    expect((await get('/__dev/requests')).body.requests[0]).toMatchObject({
      fault: 'sendFailed',
      status: 200,
    });
    // A new code, once the resend wait is over, is sent and confirmed as usual.
    clock.advance(120_000);
    expect((await post(loginPath, phoneLogin)).status).toBe(200);
    expect(await inbox()).toHaveLength(1);
    expect((await post(`${loginPath}/confirm`, confirmation)).status).toBe(200);
  });

  it('lists pending faults and forgets them on reset', async () => {
    const { post, get } = await startTestMock();
    await post('/__dev/faults', { route: loginPath, status: 500, times: 3 });
    expect((await get('/__dev/faults')).body.faults).toEqual([expect.objectContaining({ remaining: 3 })]);
    expect(await post('/__dev/reset', {})).toMatchObject({ status: 200, body: { reset: true } });
    expect((await get('/__dev/faults')).body.faults).toEqual([]);
    expect((await post(loginPath, phoneLogin)).status).toBe(200);
  });

  it.each([
    ['an unknown route', { route: '/v2/nope', status: 500 }, 'route must be one of'],
    ['a fault that does nothing', { route: loginPath }, 'a fault needs'],
    ['an out-of-range status', { route: loginPath, status: 99 }, 'status must be'],
    ['a status without a body', { route: loginPath, status: 204 }, 'cannot carry a body'],
    ['drop with a status', { route: loginPath, drop: true, status: 500 }, 'drop cannot be combined'],
    ['a negative delay', { route: loginPath, delayMs: -1 }, 'delayMs must be'],
    ['zero times', { route: loginPath, status: 500, times: 0 }, 'times must be'],
    [
      'headers that are not strings',
      { route: loginPath, status: 429, headers: { 'Retry-After': 30 } },
      'headers',
    ],
    ['a body that is not an object', [loginPath], 'Body must be a JSON object.'],
    [
      'sendFails on a confirm route',
      { route: `${loginPath}/confirm`, sendFails: true },
      'sendFails applies to',
    ],
    [
      'sendFails with a status',
      { route: loginPath, sendFails: true, status: 500 },
      'sendFails cannot be combined',
    ],
  ])('refuses %s with 400', async (_, fault, message) => {
    const { post, get } = await startTestMock();
    const answer = await post('/__dev/faults', fault);
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('BadRequest');
    expect(answer.body.message).toContain(message);
    expect((await get('/__dev/faults')).body.faults).toEqual([]);
  });
});
