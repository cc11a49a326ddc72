import { verifikRoutes } from '@verifik-auth/mock-server';
import { describe, expect, it } from 'vitest';
import { createVerifikAuth } from './index.js';
import {
  appOrigin,
  base,
  challengeCookieOf,
  cookieOf,
  del,
  fixedOtp,
  get,
  login,
  post,
  secret,
  uniquePhone,
  useMockVerifik,
  wrongOtp,
} from './test-helpers/index.js';

const mock = useMockVerifik();

describe('the login routes, against the mock Verifik over HTTP', () => {
  it('sends a phone code and answers with the challenge as a duration', async () => {
    const phone = uniquePhone();
    const response = await mock
      .auth()
      .handler(post('/phone-login', { ...phone, gateway: 'sms', language: 'es' }));
    expect(response.status).toBe(200);
    const { challenge } = await response.json();
    expect(challenge).toMatchObject({ method: 'phone', ...phone, gateway: 'sms', requires2FA: false });
    // The mock's codes live 10 minutes; the answer says how long from now, not when.
    expect(challenge.expiresInMs).toBeGreaterThan(9 * 60_000);
    expect(challenge.expiresInMs).toBeLessThanOrEqual(10 * 60_000);
    expect(challenge).not.toHaveProperty('expiresAt');
    const [sent] = await mock.dev().requests();
    expect(sent?.route).toBe(verifikRoutes.phoneLogin);
  });

  it('signs in by phone: the session without the token, and the token sealed in an HttpOnly cookie', async () => {
    const auth = mock.auth();
    const { response, cookie, phone } = await login(auth);
    const { session } = await response.json();
    expect(session).toEqual({
      tokenType: 'bearer',
      ageMs: 0,
      expiresInMs: expect.any(Number),
      maskedIdentifier: `+1 ••• ••• ${phone.phone.slice(-4)}`,
    });
    expect(session.expiresInMs).toBeGreaterThan(29 * 86_400_000);
    const signedIn = await auth.getSession(get('/session', cookie));
    expect(signedIn?.accessToken).toMatch(/^ey/);
    expect(cookie).not.toContain(signedIn?.accessToken);
  });

  it('signs in by email, answering with the masked address', async () => {
    const auth = mock.auth();
    const sent = await auth.handler(post('/email-login', { email: 'Person@Example.com' }));
    expect(sent.status).toBe(200);
    expect((await sent.json()).challenge).toMatchObject({ method: 'email', gateway: 'email' });
    const challenge = challengeCookieOf(sent);
    const confirmed = await auth.handler(
      post('/email-login/confirm', { email: 'Person@Example.com', otp: fixedOtp }, { cookie: challenge }),
    );
    expect(confirmed.status).toBe(200);
    expect((await confirmed.json()).session.maskedIdentifier).toBe('P•••@Example.com');
    // The session cookie, and the used challenge deleted.
    const [session, cleared, ...more] = confirmed.headers.getSetCookie();
    expect(session).toMatch(/^__Host-verifik-session=ey/);
    expect(cleared).toMatch(/^__Host-verifik-session-challenge=; Max-Age=0/);
    expect(more).toEqual([]);
  });

  it('takes Verifik’s own body shape too: the phone as a number, phoneGateway', async () => {
    const phone = uniquePhone();
    const response = await mock.auth().handler(
      post('/phone-login', {
        countryCode: '+1',
        phone: Number(phone.phone),
        type: 'login',
        phoneGateway: 'sms',
      }),
    );
    expect(response.status).toBe(200);
    expect((await response.json()).challenge.gateway).toBe('sms');
  });

  it('maps a wrong code to invalid_otp with Verifik’s status, and sets no cookie', async () => {
    const auth = mock.auth();
    const phone = uniquePhone();
    const cookie = challengeCookieOf(await auth.handler(post('/phone-login', phone)));
    const response = await auth.handler(
      post('/phone-login/confirm', { ...phone, otp: wrongOtp }, { cookie }),
    );
    const [confirm] = (await mock.dev().requests()).filter(
      (record) => record.route === verifikRoutes.phoneConfirm,
    );
    expect(response.status).toBe(confirm?.status);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(await response.json()).toEqual({ code: 'invalid_otp', message: expect.any(String) });
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it('refuses malformed input before calling Verifik', async () => {
    const auth = mock.auth();
    const cases = [
      [post('/phone-login', { countryCode: '+1', phone: '12' }), 400, 'invalid_phone'],
      [post('/phone-login', { countryCode: '1', phone: '1234566663' }), 400, 'invalid_phone'],
      [post('/phone-login', { phone: '1234566663' }), 400, 'missing_parameter'],
      [post('/phone-login', { ...uniquePhone(), gateway: 'pigeon' }), 400, 'missing_parameter'],
      [post('/email-login', { email: 'not-an-address' }), 400, 'invalid_email'],
      [post('/email-login', {}), 400, 'missing_parameter'],
      [post('/email-login/confirm', { email: 'a@example.com', otp: '12ab' }), 400, 'invalid_otp'],
      [post('/phone-login', '{not json'), 400, 'missing_parameter'],
      [post('/phone-login', '[1,2]'), 400, 'missing_parameter'],
      [post('/phone-login', JSON.stringify({ pad: 'x'.repeat(9000) })), 413, 'missing_parameter'],
    ] as const;
    for (const [index, [request, status, code]] of cases.entries()) {
      const response = await auth.handler(request);
      expect([response.status, (await response.json()).code], `case ${index}`).toEqual([status, code]);
    }
    expect(await mock.dev().requests()).toEqual([]);
  });

  it('passes a Verifik outage through as `server` with a 5xx', async () => {
    await mock.dev().fault({ route: verifikRoutes.phoneLogin, status: 500 });
    const response = await mock.auth().handler(post('/phone-login', uniquePhone()));
    expect(response.status).toBe(502);
    expect((await response.json()).code).toBe('server');
  });

  it("answers Verifik's plain-text 404 (a wrong verifikBaseUrl) as 502 endpoint_not_found, not as the handler's own 404", async () => {
    await mock
      .dev()
      .fault({ route: verifikRoutes.phoneLogin, malformed: true, status: 404, body: 'Not Found' });
    const response = await mock.auth().handler(post('/phone-login', uniquePhone()));
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({
      code: 'endpoint_not_found',
      message: 'The login service address is wrong. Please contact the site owner.',
    });
  });

  it("passes Verifik's refusals of a send through with its status and the catalogue's sentence", async () => {
    const cases = [
      [403, { code: 'Forbidden', message: 'gateway_sms_disabled' }, 'send_refused'],
      [
        412,
        { code: 'PreconditionFailed', message: 'phone_could_not_be_validated' },
        'identifier_not_validated',
      ],
      [
        404,
        { code: 'projectFlow_not_found', message: '404:projectFlow_not_found' },
        'project_flow_not_found',
      ],
    ] as const;
    for (const [status, body, code] of cases) {
      await mock.dev().fault({ route: verifikRoutes.phoneLogin, status, body });
      const response = await mock.auth().handler(post('/phone-login', uniquePhone()));
      const answer = await response.json();
      expect([response.status, answer.code], code).toEqual([status, code]);
      // The catalogue's words, never Verifik's.
      expect(answer.message).not.toContain(body.message);
    }
  });

  it('answers 404 for unknown routes and paths outside basePath, 405 with Allow for a wrong method', async () => {
    const auth = mock.auth();
    for (const url of [`${base}/nope`, `${appOrigin}/phone-login`, `${base}`, `${base}/session/`]) {
      const response = await auth.handler(new Request(url));
      expect(response.status, url).toBe(404);
    }
    const wrong = await auth.handler(new Request(`${base}/phone-login`));
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
  });

  it('serves another basePath', async () => {
    const auth = mock.auth({ basePath: '/api/login/' });
    expect((await auth.handler(new Request(`${appOrigin}/api/login/session`))).status).toBe(200);
    expect((await auth.handler(new Request(`${base}/session`))).status).toBe(404);
  });
});

describe('GET /session', () => {
  it('says signed in, with age and expiry as durations, never the token', async () => {
    let clock = Date.now();
    const auth = mock.auth({ now: () => clock });
    const { cookie } = await login(auth);
    clock += 60_000;
    const response = await auth.handler(get('/session', cookie));
    const { session } = await response.json();
    expect(session.ageMs).toBeGreaterThanOrEqual(60_000);
    expect(session.ageMs).toBeLessThan(70_000);
    expect(session.expiresInMs).toBeLessThan(30 * 86_400_000 - 59_000);
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it('says signed out without a cookie, and drops a cookie that does not open', async () => {
    const auth = mock.auth();
    const none = await auth.handler(get('/session'));
    expect(await none.json()).toEqual({ session: null });
    const bad = await auth.handler(get('/session', '__Host-verifik-session=eyJhbGciOiJub25lIn0.e30.'));
    expect(bad.status).toBe(200);
    expect(await bad.json()).toEqual({ session: null });
    expect(bad.headers.getSetCookie()[0]).toMatch(/^__Host-verifik-session=;.*Max-Age=0/);
  });

  it('is signed out for a cookie of another secret, an expired one, a truncated one: never a 500', async () => {
    let clock = Date.now();
    const auth = mock.auth({ now: () => clock });
    const { cookie } = await login(auth);
    const foreign = createVerifikAuth({
      secret: 'x'.repeat(40),
      verifikBaseUrl: mock.url(),
      allowedHosts: ['app.example'],
    });
    expect(await (await foreign.handler(get('/session', cookie))).json()).toEqual({ session: null });
    expect(await (await auth.handler(get('/session', cookie.slice(0, -5)))).json()).toEqual({
      session: null,
    });
    expect(await (await auth.handler(get('/session', `${cookie}%ZZ`))).json()).toEqual({ session: null });
    clock += 31 * 86_400_000;
    const expired = await auth.handler(get('/session', cookie));
    expect(expired.status).toBe(200);
    expect(await expired.json()).toEqual({ session: null });
    expect(await auth.getSession(get('/session', cookie))).toBeNull();
  });
});

describe('POST /session/refresh', () => {
  it('trades the token for a new one in a new cookie and revokes the old cookie', async () => {
    const auth = mock.auth();
    const { cookie } = await login(auth);
    const before = await auth.getSession(get('/session', cookie));
    const response = await auth.handler(post('/session/refresh', {}, { cookie }));
    expect(response.status).toBe(200);
    expect((await response.json()).session).toMatchObject({ tokenType: 'bearer', ageMs: 0 });
    const renewed = cookieOf(response);
    expect(renewed).not.toBe(cookie);
    expect((await mock.dev().requests()).map((record) => record.route)).toContain(verifikRoutes.session);
    expect(await auth.getSession(get('/session', renewed))).toMatchObject({ tokenType: 'bearer' });
    expect(before).not.toBeNull();
    expect(await auth.getSession(get('/session', cookie))).toBeNull();
  });

  it('is 401 unauthorized when signed out', async () => {
    const response = await mock.auth().handler(post('/session/refresh', {}));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ code: 'unauthorized', message: expect.any(String) });
  });
});

describe('POST /session/revoke-others', () => {
  it('records a new token in a new cookie; the old cookie, its token and every other login of the account stop working', async () => {
    const auth = mock.auth();
    const { cookie, phone } = await login(auth);
    // The same account signed in on another device.
    const other = (await login(auth, phone)).cookie;
    const oldToken = (await auth.getSession(get('/session', cookie)))?.accessToken as string;
    const response = await auth.handler(post('/session/revoke-others', {}, { cookie }));
    expect(response.status).toBe(200);
    const { session } = await response.json();
    expect(session).toMatchObject({ tokenType: 'bearer', ageMs: 0, maskedIdentifier: expect.any(String) });
    expect(session).not.toHaveProperty('accessToken');
    expect((await mock.dev().requests()).map((record) => record.route)).toContain(
      verifikRoutes.renewAndRevoke,
    );
    const renewed = cookieOf(response);
    const newToken = (await auth.getSession(get('/session', renewed)))?.accessToken;
    expect(newToken).toMatch(/^ey/);
    expect(newToken).not.toBe(oldToken);
    expect(await auth.getSession(get('/session', cookie))).toBeNull();
    expect((await auth.handler(post('/session/refresh', {}, { cookie }))).status).not.toBe(200);
    // At Verifik the old token is dead, and so is the other device's: its refresh ends its login.
    const refused = await fetch(`${mock.url()}/v2/auth/session?origin=refresh`, {
      headers: { authorization: `Bearer ${oldToken}` },
    });
    expect(refused.status).toBe(401);
    const otherRefresh = await auth.handler(post('/session/refresh', {}, { cookie: other }));
    expect(otherRefresh.status).toBe(401);
    expect(await auth.getSession(get('/session', other))).toBeNull();
    // The new cookie goes on working.
    expect((await auth.handler(post('/session/refresh', {}, { cookie: renewed }))).status).toBe(200);
  });

  it('checks the origin, is 401 signed out, and counts per login (429 over revokesPerLogin)', async () => {
    const auth = mock.auth({ rateLimit: { revokesPerLogin: { max: 1 } } });
    expect((await auth.handler(post('/session/revoke-others', {}))).status).toBe(401);
    let { cookie } = await login(auth);
    const evil = await auth.handler(
      post('/session/revoke-others', {}, { cookie, origin: 'https://evil.example' }),
    );
    expect(evil.status).toBe(403);
    const first = await auth.handler(post('/session/revoke-others', {}, { cookie }));
    expect(first.status).toBe(200);
    cookie = cookieOf(first);
    const second = await auth.handler(post('/session/revoke-others', {}, { cookie }));
    expect(second.status).toBe(429);
    expect(await second.json()).toMatchObject({ code: 'rate_limited' });
    expect(
      (await mock.dev().requests()).filter((record) => record.route === verifikRoutes.renewAndRevoke),
    ).toHaveLength(1);
  });

  it('of a refresh and a revoke of one cookie at once, one goes to Verifik and one cookie lives', async () => {
    const auth = mock.auth();
    const { cookie } = await login(auth);
    const answers = await Promise.all([
      auth.handler(post('/session/refresh', {}, { cookie })),
      auth.handler(post('/session/revoke-others', {}, { cookie })),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const won = answers.find((answer) => answer.status === 200) as Response;
    expect(await auth.getSession(get('/session', cookieOf(won)))).toMatchObject({ tokenType: 'bearer' });
    const routes = (await mock.dev().requests()).map((record) => record.route);
    expect(
      routes.filter((route) => route === verifikRoutes.session || route === verifikRoutes.renewAndRevoke),
    ).toHaveLength(1);
  });
});

describe('DELETE /session', () => {
  it('deletes the cookie and revokes it, so a copy of it is signed out', async () => {
    const auth = mock.auth();
    const { cookie } = await login(auth);
    const response = await auth.handler(del('/session', cookie));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ session: null });
    expect(response.headers.getSetCookie()[0]).toMatch(/^__Host-verifik-session=;.*Max-Age=0/);
    expect(await (await auth.handler(get('/session', cookie))).json()).toEqual({ session: null });
    expect((await auth.handler(post('/session/refresh', {}, { cookie }))).status).toBe(401);
    await expect(auth.verifikFetch(get('/session', cookie), '/v2/auth/session')).rejects.toThrow(
      /not signed in/,
    );
  });

  it('answers 200 when already signed out', async () => {
    const response = await mock.auth().handler(del('/session'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ session: null });
  });
});

describe('every answer', () => {
  it('has Cache-Control: no-store, errors and 404 included', async () => {
    const auth = mock.auth();
    const phone = uniquePhone();
    const { cookie } = await login(auth);
    const requests = [
      post('/phone-login', phone),
      post('/phone-login/confirm', { ...phone, otp: wrongOtp }),
      post('/phone-login/confirm', { ...phone, otp: fixedOtp }),
      post('/email-login', { email: 'user@example.com' }),
      post('/email-login/confirm', { email: 'user@example.com', otp: fixedOtp }),
      post('/email-login', { email: 'bad' }),
      get('/session'),
      get('/session', cookie),
      post('/session/refresh', {}, { cookie }),
      post('/session/refresh', {}),
      del('/session', cookie),
      post('/phone-login', phone, { origin: 'https://evil.example' }),
      post('/phone-login', phone, { contentType: 'text/plain' }),
      new Request(`${base}/nope`),
      new Request(`${base}/phone-login`, { method: 'PUT' }),
    ];
    for (const request of requests) {
      const response = await auth.handler(request);
      expect(
        response.headers.get('cache-control'),
        `${request.method} ${request.url} → ${response.status}`,
      ).toBe('no-store');
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    }
  });

  it('never carries the token outside the sealed cookie', async () => {
    const auth = mock.auth();
    const phone = uniquePhone();
    const answers: Response[] = [];
    const send = async (request: Request) => {
      const response = await auth.handler(request);
      answers.push(response);
      return response;
    };
    const challenge = challengeCookieOf(await send(post('/phone-login', phone)));
    await send(post('/phone-login/confirm', { ...phone, otp: wrongOtp }, { cookie: challenge }));
    const confirmed = await send(
      post('/phone-login/confirm', { ...phone, otp: fixedOtp }, { cookie: challenge }),
    );
    const cookie = cookieOf(confirmed);
    const token = (await auth.getSession(get('/session', cookie)))?.accessToken as string;
    expect(token.length).toBeGreaterThan(40);
    await send(get('/session', cookie));
    const refreshed = await send(post('/session/refresh', {}, { cookie }));
    const token2 = (await auth.getSession(get('/session', cookieOf(refreshed))))?.accessToken as string;
    await mock.dev().fault({ route: verifikRoutes.session, status: 401 });
    await send(post('/session/refresh', {}, { cookie: cookieOf(refreshed) }));
    await send(del('/session', cookieOf(refreshed)));
    // Pieces too: the signature alone is enough to recognise (and with the rest, to use) the token.
    const pieces = [token, token2, ...token.split('.'), ...token2.split('.')].filter(
      (piece) => piece.length > 8,
    );
    for (const answer of answers) {
      const text = await answer.text();
      const headers = [...answer.headers].map(([name, value]) => `${name}: ${value}`).join('\n');
      for (const piece of pieces) {
        expect(text).not.toContain(piece);
        expect(headers).not.toContain(piece);
      }
    }
  });
});

describe('options', () => {
  it('refuses a short secret, a plain-http Verifik and a malformed allowed origin at creation', () => {
    expect(() => createVerifikAuth({ secret: 'too-short' })).toThrow(/at least 32 characters/);
    expect(() => createVerifikAuth({ secret, verifikBaseUrl: 'http://api.verifik.co' })).toThrow(/https/);
    expect(() => createVerifikAuth({ secret, allowedOrigins: ['https://app.example/path'] })).toThrow(
      /allowedOrigins/,
    );
    expect(() => createVerifikAuth({ secret, rateLimit: { sendsTotal: { max: 0 } } })).toThrow(/sendsTotal/);
    expect(() => createVerifikAuth({ secret, cookie: { name: '__Host-x', secure: false } })).toThrow(
      /Secure/,
    );
    expect(createVerifikAuth({ secret, verifikBaseUrl: 'http://127.0.0.1:4010' }).handler).toBeTypeOf(
      'function',
    );
  });
});
