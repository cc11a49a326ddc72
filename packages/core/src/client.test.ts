import { beforeEach, describe, expect, it } from 'vitest';
import { createVerifikClient, DEFAULT_OTP_TTL_MS } from './client.js';
import type { VerifikClient } from './client.types.js';
import { isLoginError, LoginError } from './errors.js';
import { decodeJwtPayload, SESSION_TTL_MS } from './session-token.js';
import { loginError, rejection, signedIn, useClientMockServer } from './test-utils.js';

/** The client's simulated clock: far from the real one, so fallbacks are easy to tell apart. */
const NOW = Date.UTC(2030, 0, 1);
const DAY_MS = 24 * 60 * 60 * 1000;

/** The documented example token: not a decodable JWT. */
const DOCUMENTED_TOKEN = 'eyJhbGcpXVCJ9.eyJjbGllbnR...JZCIYiUzNjEaIWxYShWeBaRs';

/** The documented 200 of `POST /v2/projects/phone-login`, verbatim. */
const documentedPhoneLogin = {
  data: {
    client: '613375a1eab2fe08527f81e2',
    project: '6266193db77ccc8111730c90',
    projectFlow: '658ed28b0990f300134d7b78',
    status: 'sent',
    countryCode: '+1',
    phone: '1234566663',
    phoneGateway: 'whatsapp',
    otp: '$2a$10$fdoxDgtv6J7E4nnZoCORSOiUbpCGOOE5JWghrvAUNZIoX5h81zJLq',
    expiresAt: '2024-05-29T03:51:26.000Z',
    phoneData: { title: 'Verifik Client' },
    type: 'login',
    redirectUrl: 'https://verifik.co',
    requires2FA: false,
    language: 'en',
    _id: '6656a3e6eb43abfd7146abb6',
    updatedAt: '2024-05-29T03:41:27.009Z',
    createdAt: '2024-05-29T03:41:27.009Z',
    __v: 0,
    new: true,
    providerConfirmation: {},
  },
  signature: { dateTime: 'May 29, 2024 3:41 AM', message: 'Certified by Verifik.co' },
  id: 'Y0628',
};

let client: VerifikClient;
const mock = useClientMockServer();
const { inject, requests: apiRequests, inbox } = mock;

/** A real `fetch` that also keeps what was sent, to check the wire format. */
function recordingFetch() {
  const sent: { method: string; url: URL; headers: Headers; body: string }[] = [];
  const recorder: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    sent.push({
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: await request.clone().text(),
    });
    return fetch(request);
  };
  return { sent, fetch: recorder };
}

/**
 * The client's clock (NOW, years away from the mock's real one) sees the token's lifetime on the
 * server's clock: `exp` minus the response's `Date`, which has whole seconds.
 */
function expectJwtLifetimeFromNow(session: { accessToken: string; expiresAt: number }) {
  const claims = decodeJwtPayload(session.accessToken);
  const lifetime = ((claims?.exp as number) - (claims?.iat as number)) * 1000;
  // The token's iat and the answer's Date header are whole seconds, read at two moments of the answer
  // (a second boundary can fall between them on a busy machine): up to 2 s apart.
  expect(session.expiresAt).toBeGreaterThanOrEqual(NOW + lifetime - 2000);
  expect(session.expiresAt).toBeLessThanOrEqual(NOW + lifetime + 2000);
}

beforeEach(async () => {
  client = createVerifikClient({ baseUrl: mock.url, now: () => NOW });
});

describe('createVerifikClient', () => {
  it('refuses an http:// baseUrl on another host, naming the URL and saying why', () => {
    expect(() => createVerifikClient({ baseUrl: 'http://api.verifik.co' })).toThrow(TypeError);
    expect(() => createVerifikClient({ baseUrl: 'http://api.verifik.co' })).toThrow(
      /"http:\/\/api\.verifik\.co".*https:\/\//,
    );
    expect(() => createVerifikClient({ baseUrl: 'http://192.168.1.10:4010' })).toThrow(TypeError);
    expect(() => createVerifikClient({ baseUrl: 'ftp://api.verifik.co' })).toThrow(TypeError);
  });

  it('accepts https:// anywhere and http:// on localhost or 127.0.0.1 with any port', () => {
    for (const baseUrl of [
      'https://api.verifik.co',
      'https://proxy.example.com:8443/verifik/',
      'http://localhost',
      'http://localhost:4010',
      'http://127.0.0.1:9',
    ]) {
      expect(() => createVerifikClient({ baseUrl })).not.toThrow();
    }
    expect(() => createVerifikClient()).not.toThrow();
  });

  it('never repeats a password given in the baseUrl, even one that breaks the URL', () => {
    for (const baseUrl of [
      'https://user:hunter2@api.verifik.co',
      'https://user:hunt/er2@api.verifik.co',
      'http://u:hunter2@example.com',
    ]) {
      expect(() => createVerifikClient({ baseUrl })).toThrow(TypeError);
      try {
        createVerifikClient({ baseUrl });
      } catch (error) {
        expect(String((error as Error).message)).not.toMatch(/hunt/);
      }
    }
  });

  it('refuses a baseUrl that is not an absolute URL', () => {
    expect(() => createVerifikClient({ baseUrl: 'api.verifik.co' })).toThrow(/not an absolute URL/);
  });

  it('refuses a timeout that is not a positive number of milliseconds', () => {
    for (const timeout of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => createVerifikClient({ baseUrl: mock.url, timeout })).toThrow(TypeError);
    }
  });

  it('sends the extra headers with every request and asks for JSON', async () => {
    const recorder = recordingFetch();
    client = createVerifikClient({ baseUrl: mock.url, fetch: recorder.fetch, headers: { 'x-app': 'demo' } });
    await client.requestEmailOtp({ email: 'user@example.com' });
    expect(recorder.sent[0]?.headers.get('x-app')).toBe('demo');
    expect(recorder.sent[0]?.headers.get('accept')).toBe('application/json');
  });

  it('resolves endpoint paths under a baseUrl that has a path of its own', async () => {
    const urls: string[] = [];
    client = createVerifikClient({
      baseUrl: 'https://proxy.example.com/verifik',
      fetch: async (input) => {
        urls.push(input instanceof Request ? input.url : String(input));
        return Response.json({ data: { status: 'sent' } });
      },
    });
    await client.requestEmailOtp({ email: 'user@example.com' });
    expect(new URL(urls[0] ?? '').pathname).toBe('/verifik/v2/projects/email-login');
  });
});

describe('requestPhoneOtp', () => {
  it('sends phone as a string of digits (as Verifik\'s own page does), adds type "login" and sends the gateway as phoneGateway', async () => {
    const recorder = recordingFetch();
    client = createVerifikClient({ baseUrl: mock.url, fetch: recorder.fetch });
    await client.requestPhoneOtp({ countryCode: '+1', phone: '1234566663', gateway: 'sms', language: 'es' });
    const [request] = recorder.sent;
    expect(request?.method).toBe('POST');
    expect(request?.url.pathname).toBe('/v2/projects/phone-login');
    expect(request?.headers.get('content-type')).toMatch(/^application\/json/);
    expect(JSON.parse(request?.body ?? '')).toStrictEqual({
      countryCode: '+1',
      phone: '1234566663',
      type: 'login',
      phoneGateway: 'sms',
      language: 'es',
    });
  });

  it.each([
    ['pt-BR', 'pt'],
    ['es_CO', 'es'],
    ['EN', 'en'],
    [' fil-PH ', 'fil'],
  ])(
    'sends the language %j as its lower-cased primary subtag %j, on phone and email sends',
    async (given, sent) => {
      const recorder = recordingFetch();
      client = createVerifikClient({ baseUrl: mock.url, fetch: recorder.fetch });
      const challenge = await client.requestPhoneOtp({
        countryCode: '+1',
        phone: '1234566663',
        language: given,
      });
      await client.requestEmailOtp({ email: 'user@example.com', language: given });
      expect(recorder.sent.map((request) => JSON.parse(request.body ?? '').language)).toEqual([sent, sent]);
      expect(challenge.language).toBe(sent);
    },
  );

  it('leaves out phoneGateway and language when not given', async () => {
    const recorder = recordingFetch();
    client = createVerifikClient({ baseUrl: mock.url, fetch: recorder.fetch });
    await client.requestPhoneOtp({ countryCode: '+1', phone: '1234566663' });
    expect(JSON.parse(recorder.sent[0]?.body ?? '')).toStrictEqual({
      countryCode: '+1',
      phone: '1234566663',
      type: 'login',
    });
  });

  it('strips spaces, dashes and parentheses from the phone before sending it', async () => {
    const challenge = await client.requestPhoneOtp({ countryCode: ' +1 ', phone: '(123) 456-6663' });
    expect(challenge).toMatchObject({ countryCode: '+1', phone: '1234566663' });
  });

  it('normalizes the server answer into an OtpChallenge', async () => {
    const challenge = await client.requestPhoneOtp({ countryCode: '+1', phone: '1234566663' });
    const [message] = await inbox();
    expect(challenge).toStrictEqual({
      method: 'phone',
      countryCode: '+1',
      phone: '1234566663',
      gateway: 'whatsapp',
      // The code's lifetime on the server's clock (expiresAt − createdAt), from now on the client's.
      expiresAt: NOW + (Date.parse(message?.expiresAt ?? '') - Date.parse(message?.sentAt ?? '')),
      expiry: { source: 'createdAt' },
      requires2FA: false,
      language: 'en',
    });
  });

  it('reports the gateway the server chose', async () => {
    const challenge = await client.requestPhoneOtp({
      countryCode: '+1',
      phone: '1234566663',
      gateway: 'sms',
    });
    expect(challenge.gateway).toBe('sms');
  });

  it('reports requires2FA for an account that needs an authenticator code', async () => {
    const challenge = await client.requestPhoneOtp({ countryCode: '+57', phone: '3001234567' });
    expect(challenge.requires2FA).toBe(true);
  });

  it('reads the documented example 200 body', async () => {
    await inject({ route: '/v2/projects/phone-login', status: 200, body: documentedPhoneLogin });
    const challenge = await client.requestPhoneOtp({ countryCode: '+1', phone: '1234566663' });
    expect(challenge).toStrictEqual({
      method: 'phone',
      countryCode: '+1',
      phone: '1234566663',
      gateway: 'whatsapp',
      // expiresAt − createdAt of the documented answer, from the moment it arrived.
      expiresAt: NOW + Date.parse('2024-05-29T03:51:26.000Z') - Date.parse('2024-05-29T03:41:27.009Z'),
      expiry: { source: 'createdAt' },
      requires2FA: false,
      language: 'en',
    });
  });

  it('accepts the phone as a number in the answer and ignores fields it does not know', async () => {
    await inject({
      route: '/v2/projects/phone-login',
      status: 200,
      body: { data: { ...documentedPhoneLogin.data, phone: 1234566663, somethingNew: { nested: true } } },
    });
    const challenge = await client.requestPhoneOtp({ countryCode: '+1', phone: '1234566663' });
    expect(challenge.phone).toBe('1234566663');
  });

  it('falls back to the requested gateway, then to whatsapp, when the server names none', async () => {
    await inject({
      route: '/v2/projects/phone-login',
      status: 200,
      body: { data: { status: 'sent' } },
      times: 2,
    });
    const sms = await client.requestPhoneOtp({ countryCode: '+1', phone: '1234566663', gateway: 'sms' });
    expect(sms.gateway).toBe('sms');
    const fallback = await client.requestPhoneOtp({ countryCode: '+1', phone: '1234566663' });
    expect(fallback.gateway).toBe('whatsapp');
  });

  it('uses now + 10 minutes when the server omits expiresAt or sends one it cannot parse', async () => {
    await inject({ route: '/v2/projects/phone-login', status: 200, body: { data: {} } });
    await inject({ route: '/v2/projects/phone-login', status: 200, body: { data: { expiresAt: 'soon' } } });
    for (let i = 0; i < 2; i += 1) {
      const challenge = await client.requestPhoneOtp({ countryCode: '+1', phone: '1234566663' });
      expect(challenge.expiresAt).toBe(NOW + DEFAULT_OTP_TTL_MS);
    }
  });
});

describe('confirmPhoneOtp', () => {
  it('sends phone as a string of digits with the code and returns a session that expires at the JWT exp', async () => {
    const recorder = recordingFetch();
    client = createVerifikClient({ baseUrl: mock.url, fetch: recorder.fetch, now: () => NOW });
    await client.requestPhoneOtp({ countryCode: '+1', phone: '1234566663' });
    const session = await signedIn(
      client.confirmPhoneOtp({ countryCode: '+1', phone: '1234566663', otp: '123456' }),
    );
    expect(recorder.sent[1]?.url.pathname).toBe('/v2/projects/phone-login/confirm');
    expect(JSON.parse(recorder.sent[1]?.body ?? '')).toStrictEqual({
      countryCode: '+1',
      phone: '1234566663',
      otp: '123456',
    });
    expect(session).toStrictEqual({
      accessToken: session.accessToken,
      tokenType: 'bearer',
      issuedAt: NOW,
      expiresAt: session.expiresAt,
      expiry: { source: 'date' },
    });
    expectJwtLifetimeFromNow(session);
  });

  it('sends authenticatorOtp as authenticatorOTP and logs a 2FA account in', async () => {
    const recorder = recordingFetch();
    client = createVerifikClient({ baseUrl: mock.url, fetch: recorder.fetch });
    await client.requestPhoneOtp({ countryCode: '+57', phone: '3001234567' });
    const session = await signedIn(
      client.confirmPhoneOtp({
        countryCode: '+57',
        phone: '300 123 4567',
        otp: '123456',
        authenticatorOtp: '000000',
      }),
    );
    expect(JSON.parse(recorder.sent[1]?.body ?? '')).toStrictEqual({
      countryCode: '+57',
      phone: '3001234567',
      otp: '123456',
      authenticatorOTP: '000000',
    });
    expect(session.accessToken).not.toBe('');
  });

  it('gives the documented example token, which does not decode, 30 days from receipt', async () => {
    await inject({
      route: '/v2/projects/phone-login/confirm',
      status: 200,
      body: { data: { accessToken: DOCUMENTED_TOKEN, tokenType: 'bearer' } },
    });
    const session = await signedIn(
      client.confirmPhoneOtp({ countryCode: '+1', phone: '1234566663', otp: '123456' }),
    );
    expect(session).toStrictEqual({
      accessToken: DOCUMENTED_TOKEN,
      tokenType: 'bearer',
      issuedAt: NOW,
      expiresAt: NOW + SESSION_TTL_MS,
      expiry: { source: 'default', reason: 'the token carries no readable exp' },
    });
  });

  it('assumes tokenType "bearer" when the server leaves it out', async () => {
    await inject({
      route: '/v2/projects/phone-login/confirm',
      status: 200,
      body: { data: { accessToken: DOCUMENTED_TOKEN } },
    });
    const session = await signedIn(
      client.confirmPhoneOtp({ countryCode: '+1', phone: '1234566663', otp: '123456' }),
    );
    expect(session.tokenType).toBe('bearer');
  });
});

describe('requestEmailOtp', () => {
  it('sends the email in the JSON body and as the ?email= query parameter', async () => {
    const recorder = recordingFetch();
    client = createVerifikClient({ baseUrl: mock.url, fetch: recorder.fetch });
    await client.requestEmailOtp({ email: 'user@example.com', language: 'es' });
    const [request] = recorder.sent;
    expect(request?.method).toBe('POST');
    expect(request?.url.pathname).toBe('/v2/projects/email-login');
    expect(request?.url.searchParams.get('email')).toBe('user@example.com');
    expect(JSON.parse(request?.body ?? '')).toStrictEqual({ email: 'user@example.com', language: 'es' });
  });

  it('normalizes the server answer into an OtpChallenge with gateway "email"', async () => {
    const challenge = await client.requestEmailOtp({ email: ' user@example.com ' });
    const [message] = await inbox();
    expect(challenge).toStrictEqual({
      method: 'email',
      email: 'user@example.com',
      gateway: 'email',
      expiresAt: challenge.expiresAt,
      expiry: { source: 'date' },
      requires2FA: false,
    });
    // No createdAt in an email answer: its lifetime is measured against the Date header (whole seconds).
    const lifetime = Date.parse(message?.expiresAt ?? '') - Date.parse(message?.sentAt ?? '');
    expect(Math.abs(challenge.expiresAt - (NOW + lifetime))).toBeLessThanOrEqual(1000);
  });

  it('reads the documented example 200 body', async () => {
    await inject({
      route: '/v2/projects/email-login',
      status: 200,
      body: {
        data: { status: 'sent', email: 'user@example.com', expiresAt: '2025-06-13T17:24:58.000Z' },
        signature: { message: 'Certified by Verifik.co', dateTime: 'January 16, 2024 3:44 PM' },
        id: 'EML01',
      },
    });
    const challenge = await client.requestEmailOtp({ email: 'user@example.com', language: 'en' });
    expect(challenge).toStrictEqual({
      method: 'email',
      email: 'user@example.com',
      gateway: 'email',
      // The documented expiry lies more than a year before the mock's Date: implausible, so 10 minutes.
      expiresAt: NOW + DEFAULT_OTP_TTL_MS,
      expiry: { source: 'default', reason: expect.stringContaining('by the date clock') },
      requires2FA: false,
      language: 'en',
    });
  });
});

describe('confirmEmailOtp', () => {
  it('sends the email and code and returns a session', async () => {
    const recorder = recordingFetch();
    client = createVerifikClient({ baseUrl: mock.url, fetch: recorder.fetch, now: () => NOW });
    await client.requestEmailOtp({ email: 'user@example.com' });
    const [message] = await inbox();
    const session = await signedIn(
      client.confirmEmailOtp({ email: 'user@example.com', otp: message?.otp ?? '' }),
    );
    expect(recorder.sent[1]?.url.pathname).toBe('/v2/projects/email-login/confirm');
    expect(JSON.parse(recorder.sent[1]?.body ?? '')).toStrictEqual({
      email: 'user@example.com',
      otp: '123456',
    });
    expect(session.issuedAt).toBe(NOW);
    expectJwtLifetimeFromNow(session);
  });

  it('reads the documented 200 body', async () => {
    await inject({
      route: '/v2/projects/email-login/confirm',
      status: 200,
      body: { data: { accessToken: DOCUMENTED_TOKEN, tokenType: 'bearer' } },
    });
    const session = await signedIn(client.confirmEmailOtp({ email: 'user@example.com', otp: '123456' }));
    expect(session.expiresAt).toBe(NOW + SESSION_TTL_MS);
  });
});

/** Logs the mock's phone user in with the current client; its access token. */
async function logIn(): Promise<string> {
  await client.requestPhoneOtp({ countryCode: '+1', phone: '1234566663' });
  const session = await signedIn(
    client.confirmPhoneOtp({ countryCode: '+1', phone: '1234566663', otp: '123456' }),
  );
  return session.accessToken;
}

describe('refreshSession', () => {
  it('sends GET /v2/auth/session?origin=refresh with a Bearer token and reads the unwrapped body', async () => {
    const token = await logIn();
    const recorder = recordingFetch();
    client = createVerifikClient({ baseUrl: mock.url, fetch: recorder.fetch, now: () => NOW });
    const session = await client.refreshSession(token);
    const [request] = recorder.sent;
    expect(request?.method).toBe('GET');
    expect(request?.url.pathname).toBe('/v2/auth/session');
    expect([...(request?.url.searchParams ?? [])]).toStrictEqual([['origin', 'refresh']]);
    expect(request?.headers.get('authorization')).toBe(`Bearer ${token}`);
    expect(session.issuedAt).toBe(NOW);
    expectJwtLifetimeFromNow(session);
  });

  it('asks for a lifetime in months with expiresIn', async () => {
    const token = await logIn();
    const recorder = recordingFetch();
    client = createVerifikClient({ baseUrl: mock.url, fetch: recorder.fetch });
    const before = Date.now();
    const session = await client.refreshSession(token, { expiresInMonths: 2 });
    expect(recorder.sent[0]?.url.searchParams.get('expiresIn')).toBe('2');
    // The mock counts a month as 30 days.
    expect(session.expiresAt).toBeGreaterThanOrEqual(before + 60 * DAY_MS - 1000);
    expect(session.expiresAt).toBeLessThanOrEqual(Date.now() + 60 * DAY_MS + 1000);
  });

  it('does not add a second Bearer prefix to a token that already has one', async () => {
    const token = await logIn();
    const recorder = recordingFetch();
    client = createVerifikClient({ baseUrl: mock.url, fetch: recorder.fetch });
    await client.refreshSession(`Bearer ${token}`);
    expect(recorder.sent[0]?.headers.get('authorization')).toBe(`Bearer ${token}`);
  });

  it('reads the documented 200 body, whose token does not decode, as 30 days from receipt', async () => {
    await inject({
      route: '/v2/auth/session',
      status: 200,
      body: { accessToken: DOCUMENTED_TOKEN, tokenType: 'bearer' },
    });
    const session = await client.refreshSession('old-token');
    expect(session).toStrictEqual({
      accessToken: DOCUMENTED_TOKEN,
      tokenType: 'bearer',
      issuedAt: NOW,
      expiresAt: NOW + SESSION_TTL_MS,
      expiry: { source: 'default', reason: 'the token carries no readable exp' },
    });
  });

  it('also accepts a token inside a data wrapper', async () => {
    await inject({
      route: '/v2/auth/session',
      status: 200,
      body: { data: { accessToken: DOCUMENTED_TOKEN, tokenType: 'bearer' } },
    });
    const session = await client.refreshSession('old-token');
    expect(session.accessToken).toBe(DOCUMENTED_TOKEN);
  });
});

describe('renewAndRevoke', () => {
  it('POSTs /v2/auth/renew-and-revoke with a Bearer token: the new token works, every earlier one gets 401', async () => {
    const old = await logIn();
    // A refresh keeps the old token valid: a second copy, as another device would hold.
    const otherDevice = (await client.refreshSession(old)).accessToken;
    const recorder = recordingFetch();
    client = createVerifikClient({ baseUrl: mock.url, fetch: recorder.fetch, now: () => NOW });
    const session = await client.renewAndRevoke(old);
    const [request] = recorder.sent;
    expect(request?.method).toBe('POST');
    expect(request?.url.pathname).toBe('/v2/auth/renew-and-revoke');
    expect(request?.headers.get('authorization')).toBe(`Bearer ${old}`);
    expect(session.accessToken).not.toBe(old);
    expect(session.issuedAt).toBe(NOW);
    expectJwtLifetimeFromNow(session);
    for (const token of [old, otherDevice]) {
      expect(await loginError(client.refreshSession(token))).toMatchObject({ code: 'unauthorized' });
    }
    expect((await client.refreshSession(session.accessToken)).accessToken).toBeTruthy();
  });

  it('reads accessToken too, and gives a token that does not decode 30 days from receipt', async () => {
    await inject({
      route: '/v2/auth/renew-and-revoke',
      status: 200,
      body: { accessToken: DOCUMENTED_TOKEN },
    });
    const session = await client.renewAndRevoke('old-token');
    expect(session).toStrictEqual({
      accessToken: DOCUMENTED_TOKEN,
      tokenType: 'bearer',
      issuedAt: NOW,
      expiresAt: NOW + SESSION_TTL_MS,
      expiry: { source: 'default', reason: 'the token carries no readable exp' },
    });
  });

  it('is never retried, and a refusal is unauthorized without the token in it', async () => {
    await inject({ route: '/v2/auth/renew-and-revoke', status: 503, body: { code: 'ServiceUnavailable' } });
    expect(await loginError(client.renewAndRevoke('secret-token-1'))).toMatchObject({ code: 'server' });
    expect(await apiRequests()).toHaveLength(1);
    const refused = await loginError(client.renewAndRevoke('secret-token-1'));
    expect(refused).toMatchObject({ code: 'unauthorized', status: 401 });
    expect(JSON.stringify({ ...refused, cause: String(refused.cause) })).not.toContain('secret-token-1');
    expect(await loginError(client.renewAndRevoke(' '))).toMatchObject({ code: 'unauthorized' });
    expect(await apiRequests()).toHaveLength(2);
  });
});

describe('input validation', () => {
  const cases: [string, () => Promise<unknown>, string][] = [
    [
      'a country code without +',
      () => client.requestPhoneOtp({ countryCode: '1', phone: '1234566663' }),
      'invalid_phone',
    ],
    [
      'a 5-digit country code',
      () => client.requestPhoneOtp({ countryCode: '+12345', phone: '1234566663' }),
      'invalid_phone',
    ],
    ['a 3-digit phone', () => client.requestPhoneOtp({ countryCode: '+1', phone: '123' }), 'invalid_phone'],
    [
      'a 16-digit phone',
      () => client.requestPhoneOtp({ countryCode: '+1', phone: '1234567890123456' }),
      'invalid_phone',
    ],
    [
      'a phone with letters',
      () => client.requestPhoneOtp({ countryCode: '+1', phone: '123-ABC-6663' }),
      'invalid_phone',
    ],
    [
      'a bad phone on confirm',
      () => client.confirmPhoneOtp({ countryCode: '+1', phone: 'x', otp: '123456' }),
      'invalid_phone',
    ],
    [
      'a code with letters',
      () => client.confirmPhoneOtp({ countryCode: '+1', phone: '1234566663', otp: '12a456' }),
      'invalid_otp',
    ],
    [
      'a 3-digit code',
      () => client.confirmPhoneOtp({ countryCode: '+1', phone: '1234566663', otp: '123' }),
      'invalid_otp',
    ],
    [
      'a 9-digit code',
      () => client.confirmEmailOtp({ email: 'user@example.com', otp: '123456789' }),
      'invalid_otp',
    ],
    [
      'a malformed authenticator code',
      () =>
        client.confirmPhoneOtp({
          countryCode: '+1',
          phone: '1234566663',
          otp: '123456',
          authenticatorOtp: 'x',
        }),
      'invalid_otp',
    ],
    ['an address without @', () => client.requestEmailOtp({ email: 'user.example.com' }), 'invalid_email'],
    ['an address without a domain', () => client.requestEmailOtp({ email: 'user@' }), 'invalid_email'],
    [
      'an empty address on confirm',
      () => client.confirmEmailOtp({ email: '', otp: '123456' }),
      'invalid_email',
    ],
    ['an empty token', () => client.refreshSession('  '), 'unauthorized'],
  ];

  it.each(cases)('rejects %s with a LoginError and sends nothing', async (_name, call, code) => {
    const error = await rejection(call());
    expect(isLoginError(error)).toBe(true);
    expect(error).toMatchObject({ code, retryable: false });
    expect(await apiRequests()).toStrictEqual([]);
  });

  it('throws a TypeError for a gateway that is not whatsapp, sms or none, and sends nothing', async () => {
    const error = await rejection(
      client.requestPhoneOtp({ countryCode: '+1', phone: '1234566663', gateway: 'pigeon' as 'sms' }),
    );
    expect(error).toBeInstanceOf(TypeError);
    expect(error).not.toBeInstanceOf(LoginError);
    expect(await apiRequests()).toStrictEqual([]);
  });

  it('throws a TypeError for expiresInMonths that is not a whole number of months', async () => {
    await expect(client.refreshSession('token', { expiresInMonths: 1.5 })).rejects.toThrow(TypeError);
    await expect(client.refreshSession('token', { expiresInMonths: 0 })).rejects.toThrow(TypeError);
    expect(await apiRequests()).toStrictEqual([]);
  });
});
