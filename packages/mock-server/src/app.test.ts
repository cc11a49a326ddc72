import { describe, expect, it } from 'vitest';
import { createMockApp } from './app.js';
import { phoneLogin, startTestMock, testClock } from './test-helpers.js';

const loginPath = '/v2/projects/phone-login';

describe('bad input', () => {
  it('answers 400 Body is not valid JSON. and keeps serving', async () => {
    const { post } = await startTestMock();
    expect(await post(loginPath, '{"countryCode":', { 'Content-Type': 'application/json' })).toMatchObject({
      status: 400,
      text: '{"code":"BadRequest","message":"Body is not valid JSON."}',
    });
    expect((await post(loginPath, phoneLogin)).status).toBe(200);
  });

  it('answers 400 for JSON that is not an object', async () => {
    const { post } = await startTestMock();
    expect((await post(loginPath, '[1,2]')).body).toEqual({
      code: 'BadRequest',
      message: 'Body must be a JSON object.',
    });
  });

  it('answers 413 for a body over 16 KiB, with or without Content-Length', async () => {
    const { post, url } = await startTestMock();
    const big = JSON.stringify({ ...phoneLogin, padding: 'x'.repeat(17 * 1024) });
    expect(await post(loginPath, big)).toMatchObject({
      status: 413,
      body: { code: 'PayloadTooLarge', message: 'Request body size exceeds 16384' },
    });
    const chunks = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const streamed = await fetch(`${url}${loginPath}`, {
      method: 'POST',
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await post(loginPath, phoneLogin)).status).toBe(200);
  });

  it('reads a small streamed body without Content-Length', async () => {
    const { url } = await startTestMock();
    const body = new Blob([JSON.stringify(phoneLogin)]).stream();
    const response = await fetch(`${url}${loginPath}`, {
      method: 'POST',
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(200);
  });

  it('answers 405 with Allow for a known route asked with another method', async () => {
    const { request } = await startTestMock();
    const answer = await request('GET', loginPath);
    expect(answer).toMatchObject({
      status: 405,
      body: { code: 'MethodNotAllowed', message: 'GET is not allowed' },
    });
    expect(answer.headers.get('allow')).toBe('POST');
    expect((await request('DELETE', '/v2/auth/session')).status).toBe(405);
  });

  it('answers 404 plain-text Not Found for an unknown route, as Verifik does', async () => {
    const { get } = await startTestMock();
    const answer = await get('/v2/nope');
    expect(answer).toMatchObject({ status: 404, text: 'Not Found' });
    expect(answer.headers.get('content-type')).toMatch(/^text\/plain/);
  });

  it('keeps answering when onMessage throws', async () => {
    const { post } = await startTestMock({
      onMessage: () => {
        throw new Error('listener bug');
      },
    });
    const original = console.error;
    console.error = () => {};
    try {
      expect((await post(loginPath, phoneLogin)).status).toBe(200);
    } finally {
      console.error = original;
    }
  });
});

describe('dev inbox', () => {
  it('lists sent codes newest last with ISO times, and reset empties it and the cooldowns', async () => {
    const clock = testClock();
    const { post, inbox } = await startTestMock({ now: clock.now });
    await post(loginPath, phoneLogin);
    clock.advance(1000);
    await post('/v2/projects/email-login', { email: 'user@example.com' });
    const messages = await inbox();
    expect(messages.map((m) => m.method)).toEqual(['phone', 'email']);
    expect(messages[0]).toEqual({
      method: 'phone',
      countryCode: '+1',
      phone: '1234566663',
      gateway: 'whatsapp',
      otp: expect.stringMatching(/^\d{6}$/),
      sentAt: '2024-05-29T03:41:27.009Z',
      expiresAt: '2024-05-29T03:51:27.009Z',
    });
    await post('/__dev/reset', {});
    expect(await inbox()).toEqual([]);
    expect((await post(loginPath, phoneLogin)).status).toBe(200);
  });

  it('serves an HTML page of the inbox at /__dev/ and redirects /__dev there', async () => {
    const { url } = await startTestMock();
    const page = await fetch(`${url}/__dev/`);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('<title>Verifik mock · inbox</title>');
    const redirect = await fetch(`${url}/__dev`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('/__dev/');
  });

  it('passes each sent code to onMessage', async () => {
    const sent: string[] = [];
    const { post } = await startTestMock({ onMessage: (m) => sent.push(`${m.phone}:${m.otp}`) });
    await post(loginPath, { ...phoneLogin });
    expect(sent).toEqual([expect.stringMatching(/^1234566663:\d{6}$/)]);
  });
});

describe('createMockApp', () => {
  it('serves through app.request() without a network', async () => {
    const { app, state } = createMockApp({ fixedOtp: '123456' });
    const response = await app.request(loginPath, { method: 'POST', body: JSON.stringify(phoneLogin) });
    expect(response.status).toBe(200);
    expect(state.store.inbox.at(-1)?.otp).toBe('123456');
  });

  it('makes a dropped connection a body that fails to read', async () => {
    const { app, state } = createMockApp();
    state.faults.add({ route: loginPath, drop: true });
    const response = await app.request(loginPath, { method: 'POST', body: JSON.stringify(phoneLogin) });
    await expect(response.text()).rejects.toThrow('connection dropped');
  });

  it.each([
    [{ otpTtlMs: 0 }, 'otpTtlMs'],
    [{ resendCooldownMs: -1 }, 'resendCooldownMs'],
    [{ fixedOtp: '12345' }, 'fixedOtp'],
    [{ authenticatorOtp: 'abcdef' }, 'authenticatorOtp'],
    [{ tokenSecret: '' }, 'tokenSecret'],
  ])('refuses the invalid option %j', (options, name) => {
    expect(() => createMockApp(options)).toThrow(name);
  });
});
