import { startMockServer } from '@verifik-auth/mock-server';
import { beforeEach, describe, expect, it } from 'vitest';
import { createVerifikClient } from './client.js';
import type { VerifikClient } from './client.types.js';
import { isAbortError, isLoginError, type LoginErrorCode } from './errors.js';
import { type FaultSpec, loginError, signedIn, useClientMockServer } from './test-utils.js';

/** The client's simulated clock. */
const NOW = Date.UTC(2030, 0, 1);
const signature = { dateTime: 'August 31, 2022 3:24 PM', message: 'Certified by Verifik.co' };

let client: VerifikClient;
/** Moves the mock's clock (not the client's) to expire codes without waiting. */
let serverOffsetMs = 0;
const mock = useClientMockServer({ now: () => Date.now() + serverOffsetMs });
const { inject, requests: apiRequests } = mock;

const requestPhone = () => client.requestPhoneOtp({ countryCode: '+1', phone: '1234566663' });
const confirmPhone = (otp = '123456') =>
  client.confirmPhoneOtp({ countryCode: '+1', phone: '1234566663', otp });
const requestEmail = () => client.requestEmailOtp({ email: 'user@example.com' });
const confirmEmail = (otp = '123456') => client.confirmEmailOtp({ email: 'user@example.com', otp });
const refresh = (token = 'some-token') => client.refreshSession(token);

async function logIn(): Promise<string> {
  await requestPhone();
  return (await signedIn(confirmPhone())).accessToken;
}

beforeEach(async () => {
  serverOffsetMs = 0;
  client = createVerifikClient({ baseUrl: mock.url, now: () => NOW });
});

describe('documented error bodies', () => {
  type Case = {
    name: string;
    route: FaultSpec['route'];
    status: number;
    body: unknown;
    call: () => Promise<unknown>;
    code: LoginErrorCode;
    retryable: boolean;
  };
  const cases: Case[] = [
    {
      name: 'a 400 "Invalid phone number format." to invalid_phone',
      route: '/v2/projects/phone-login',
      status: 400,
      body: { code: 'BadRequest', message: 'Invalid phone number format.', signature },
      call: requestPhone,
      code: 'invalid_phone',
      retryable: false,
    },
    {
      name: 'a 409 MissingParameter on phone-login to missing_parameter',
      route: '/v2/projects/phone-login',
      status: 409,
      body: { code: 'MissingParameter', message: 'missing countryCode\n. missing phone\n. missing type\n' },
      call: requestPhone,
      code: 'missing_parameter',
      retryable: false,
    },
    {
      name: 'a 400 "Invalid OTP code." to invalid_otp',
      route: '/v2/projects/phone-login/confirm',
      status: 400,
      body: { code: 'BadRequest', message: 'Invalid OTP code.', signature },
      call: confirmPhone,
      code: 'invalid_otp',
      retryable: false,
    },
    {
      name: 'a 409 MissingParameter on confirm to missing_parameter',
      route: '/v2/projects/phone-login/confirm',
      status: 409,
      body: { code: 'MissingParameter', message: 'missing countryCode\n. missing phone\n. missing otp\n' },
      call: confirmPhone,
      code: 'missing_parameter',
      retryable: false,
    },
    {
      name: 'a 404 invalid_email to invalid_email',
      route: '/v2/projects/email-login',
      status: 404,
      body: { code: 'NotFound', message: 'invalid_email' },
      call: requestEmail,
      code: 'invalid_email',
      retryable: false,
    },
    {
      name: 'a 400 {message:"invalid_otp",code:"ERROR"} to invalid_otp',
      route: '/v2/projects/email-login/confirm',
      status: 400,
      body: { message: 'invalid_otp', code: 'ERROR' },
      call: confirmEmail,
      code: 'invalid_otp',
      retryable: false,
    },
    {
      name: 'a 401 "Invalid or expired token." to unauthorized',
      route: '/v2/auth/session',
      status: 401,
      body: { code: 'Unauthorized', message: 'Invalid or expired token.', signature },
      call: refresh,
      code: 'unauthorized',
      retryable: false,
    },
    {
      name: 'a 409 "missing Authorization header" to missing_parameter',
      route: '/v2/auth/session',
      status: 409,
      body: { code: 'MissingParameter', message: 'missing Authorization header' },
      call: refresh,
      code: 'missing_parameter',
      retryable: false,
    },
    {
      name: 'a 403 otp_does_not_match to invalid_otp',
      route: '/v2/projects/phone-login/confirm',
      status: 403,
      body: { code: 'Forbidden', message: 'otp_does_not_match' },
      call: confirmPhone,
      code: 'invalid_otp',
      retryable: false,
    },
    {
      name: 'the other documented 403 otp_does_not_match ("403:otp_does_not_match") to invalid_otp',
      route: '/v2/projects/phone-login/confirm',
      status: 403,
      body: { code: 'otp_does_not_match', message: '403:otp_does_not_match' },
      call: confirmPhone,
      code: 'invalid_otp',
      retryable: false,
    },
    {
      name: 'a 412 phoneValidation_has_expired to otp_expired',
      route: '/v2/projects/phone-login/confirm',
      status: 412,
      body: { code: 'PreconditionFailed', message: 'phoneValidation_has_expired' },
      call: confirmPhone,
      code: 'otp_expired',
      retryable: false,
    },
    {
      name: 'a 409 phone_validation_already_validated to otp_expired',
      route: '/v2/projects/phone-login/confirm',
      status: 409,
      body: { code: 'Conflict', message: 'phone_validation_already_validated' },
      call: confirmPhone,
      code: 'otp_expired',
      retryable: false,
    },
    {
      name: 'a 404 phone_validation_not_found to otp_expired',
      route: '/v2/projects/phone-login/confirm',
      status: 404,
      body: { code: 'NotFound', message: 'phone_validation_not_found' },
      call: confirmPhone,
      code: 'otp_expired',
      retryable: false,
    },
    {
      name: 'a 409 otp_not_sent to a retryable server error',
      route: '/v2/projects/phone-login',
      status: 409,
      body: { code: 'Conflict', message: 'otp_not_sent' },
      call: requestPhone,
      code: 'server',
      retryable: true,
    },
    {
      name: 'a 403 insufficient_credits to insufficient_credits',
      route: '/v2/projects/phone-login',
      status: 403,
      body: { code: 'Forbidden', message: 'insufficient_credits' },
      call: requestPhone,
      code: 'insufficient_credits',
      retryable: false,
    },
    {
      name: 'a 403 insufficient_credits on email-login to insufficient_credits',
      route: '/v2/projects/email-login',
      status: 403,
      body: { code: 'Forbidden', message: 'insufficient_credits' },
      call: requestEmail,
      code: 'insufficient_credits',
      retryable: false,
    },
  ];

  it.each(cases)('maps $name', async ({ route, status, body, call, code, retryable }) => {
    await inject({ route, status, body });
    const error = await loginError(call());
    const { code: serverCode, message: serverMessage } = body as { code: string; message: string };
    // Line breaks and other control characters in the server's words become single spaces.
    const shown = serverMessage.replace(/\s+/g, ' ').trim();
    expect(error).toMatchObject({ code, retryable, status, serverCode, serverMessage: shown });
    expect(error.cause).toMatchObject({ name: 'HTTPError' });
    // No login POST is ever sent twice, and the refresh GET does not retry these.
    expect(await apiRequests()).toHaveLength(1);
  });

  it('maps a 409 otp_recently_sent to resend_too_soon, retryable after now + 120 s', async () => {
    await inject({
      route: '/v2/projects/phone-login',
      status: 409,
      body: { code: 'Conflict', message: 'otp_recently_sent' },
    });
    const error = await loginError(requestPhone());
    expect(error).toMatchObject({
      code: 'resend_too_soon',
      retryable: true,
      status: 409,
      retryAt: NOW + 120_000,
    });
  });

  it('takes a resend_too_soon retryAt from Retry-After when the server sends one', async () => {
    await inject({
      route: '/v2/projects/phone-login',
      status: 409,
      headers: { 'Retry-After': '45' },
      body: { code: 'Conflict', message: 'otp_recently_sent' },
    });
    const error = await loginError(requestPhone());
    expect(error).toMatchObject({ code: 'resend_too_soon', retryAt: NOW + 45_000 });
  });
});

describe("messages Verifik's own code handles (verifik-api.md §7)", () => {
  type Case = {
    name: string;
    route: FaultSpec['route'];
    status: number;
    body: { code: string; message: string };
    call: () => Promise<unknown>;
    code: LoginErrorCode;
  };
  const phoneSend = '/v2/projects/phone-login';
  const emailSend = '/v2/projects/email-login';
  const phoneConfirm = '/v2/projects/phone-login/confirm';
  const emailConfirm = '/v2/projects/email-login/confirm';
  const cases: Case[] = [
    {
      name: 'a 403 authenticator_otp_does_not_match on confirm to invalid_authenticator_otp',
      route: phoneConfirm,
      status: 403,
      body: { code: 'Forbidden', message: 'authenticator_otp_does_not_match' },
      call: confirmPhone,
      code: 'invalid_authenticator_otp',
    },
    {
      name: 'a 409 otp_send_failed on a phone confirm to otp_send_failed',
      route: phoneConfirm,
      status: 409,
      body: { code: 'Conflict', message: 'otp_send_failed' },
      call: confirmPhone,
      code: 'otp_send_failed',
    },
    {
      name: 'a 409 otp_send_failed on an email confirm to otp_send_failed',
      route: emailConfirm,
      status: 409,
      body: { code: 'Conflict', message: 'otp_send_failed' },
      call: confirmEmail,
      code: 'otp_send_failed',
    },
    {
      name: 'a 404 user_not_found on a phone send to account_not_found',
      route: phoneSend,
      status: 404,
      body: { code: 'NotFound', message: 'user_not_found' },
      call: requestPhone,
      code: 'account_not_found',
    },
    {
      name: 'a 404 user_not_found on an email confirm to account_not_found',
      route: emailConfirm,
      status: 404,
      body: { code: 'NotFound', message: 'user_not_found' },
      call: confirmEmail,
      code: 'account_not_found',
    },
    {
      name: 'a 404 projectFlow_not_found ("404:projectFlow_not_found") to project_flow_not_found',
      route: phoneSend,
      status: 404,
      body: { code: 'projectFlow_not_found', message: '404:projectFlow_not_found' },
      call: requestPhone,
      code: 'project_flow_not_found',
    },
    {
      name: 'a 412 phone_could_not_be_validated on a phone send to identifier_not_validated',
      route: phoneSend,
      status: 412,
      body: { code: 'PreconditionFailed', message: 'phone_could_not_be_validated' },
      call: requestPhone,
      code: 'identifier_not_validated',
    },
    {
      name: 'a 412 email_could_not_be_validated on an email send to identifier_not_validated',
      route: emailSend,
      status: 412,
      body: { code: 'PreconditionFailed', message: 'email_could_not_be_validated' },
      call: requestEmail,
      code: 'identifier_not_validated',
    },
    {
      name: 'a 412 emailValidation_has_expired on an email confirm to otp_expired',
      route: emailConfirm,
      status: 412,
      body: { code: 'PreconditionFailed', message: 'emailValidation_has_expired' },
      call: confirmEmail,
      code: 'otp_expired',
    },
    {
      name: 'a 403 with an unknown message on a phone send (a gateway not enabled) to send_refused',
      route: phoneSend,
      status: 403,
      body: { code: 'Forbidden', message: 'whatsapp_gateway_disabled' },
      call: requestPhone,
      code: 'send_refused',
    },
    {
      name: 'a 403 Forbidden with an unknown message on an email send to send_refused',
      route: emailSend,
      status: 403,
      body: { code: 'Forbidden', message: 'Forbidden' },
      call: requestEmail,
      code: 'send_refused',
    },
  ];

  it.each(cases)('maps $name, not retryable as it is', async ({ route, status, body, call, code }) => {
    await inject({ route, status, body });
    const error = await loginError(call());
    expect(error).toMatchObject({
      code,
      retryable: false,
      status,
      serverCode: body.code,
      serverMessage: body.message,
    });
    expect(await apiRequests()).toHaveLength(1);
  });

  it('keeps a 403 with an unknown message on confirm as unknown: only a send is refused "this way"', async () => {
    await inject({ route: phoneConfirm, status: 403, body: { code: 'Forbidden', message: 'something_new' } });
    expect(await loginError(confirmPhone())).toMatchObject({ code: 'unknown', status: 403 });
  });

  it.each([
    [phoneSend, requestPhone],
    [phoneConfirm, confirmPhone],
    [emailSend, requestEmail],
    [emailConfirm, confirmEmail],
    ['/v2/auth/session', refresh],
  ] as const)(
    "maps an unknown route's plain-text 404 Not Found on %s to endpoint_not_found",
    async (route, call) => {
      await inject({ route, malformed: true, status: 404, body: 'Not Found' });
      const error = await loginError(call());
      expect(error).toMatchObject({ code: 'endpoint_not_found', retryable: false, status: 404 });
      expect(error).not.toHaveProperty('serverMessage');
    },
  );
});

describe('errors the mock server produces by itself', () => {
  it('maps a wrong phone code (400 "Invalid OTP code.") to invalid_otp', async () => {
    await requestPhone();
    const error = await loginError(confirmPhone('654321'));
    expect(error).toMatchObject({
      code: 'invalid_otp',
      retryable: false,
      status: 400,
      serverCode: 'BadRequest',
      serverMessage: 'Invalid OTP code.',
    });
  });

  it('maps a code used twice (409 phone_validation_already_validated) to otp_expired', async () => {
    await requestPhone();
    await confirmPhone();
    const error = await loginError(confirmPhone());
    expect(error).toMatchObject({
      code: 'otp_expired',
      status: 409,
      serverMessage: 'phone_validation_already_validated',
    });
  });

  it('maps a confirm with no code on file (404 phone_validation_not_found) to otp_expired', async () => {
    const error = await loginError(confirmPhone());
    expect(error).toMatchObject({
      code: 'otp_expired',
      status: 404,
      serverMessage: 'phone_validation_not_found',
    });
  });

  it('maps a code past its 10 minutes (412 phoneValidation_has_expired) to otp_expired', async () => {
    await requestPhone();
    serverOffsetMs = 11 * 60_000;
    const error = await loginError(confirmPhone());
    expect(error).toMatchObject({ code: 'otp_expired', status: 412, serverCode: 'PreconditionFailed' });
  });

  it('maps a second request inside the cooldown (409 otp_recently_sent) to resend_too_soon', async () => {
    await requestPhone();
    const error = await loginError(requestPhone());
    expect(error).toMatchObject({
      code: 'resend_too_soon',
      retryable: true,
      status: 409,
      serverMessage: 'otp_recently_sent',
      retryAt: NOW + 120_000,
    });
  });

  it('maps an unregistered phone (404 client_not_found) to invalid_phone', async () => {
    const error = await loginError(client.requestPhoneOtp({ countryCode: '+44', phone: '7700900123' }));
    expect(error).toMatchObject({
      code: 'invalid_phone',
      retryable: false,
      status: 404,
      serverMessage: 'client_not_found',
    });
  });

  it('maps a wrong authenticator code (403 authenticator_otp_does_not_match) to invalid_authenticator_otp', async () => {
    await client.requestPhoneOtp({ countryCode: '+57', phone: '3001234567' });
    const error = await loginError(
      client.confirmPhoneOtp({
        countryCode: '+57',
        phone: '3001234567',
        otp: '123456',
        authenticatorOtp: '111111',
      }),
    );
    expect(error).toMatchObject({
      code: 'invalid_authenticator_otp',
      status: 403,
      serverMessage: 'authenticator_otp_does_not_match',
    });
  });

  it('takes a missing authenticator code’s answer (Verifik’s 200 asking for it) as the authenticator step, not an error', async () => {
    await client.requestPhoneOtp({ countryCode: '+57', phone: '3001234567' });
    const answer = await client.confirmPhoneOtp({ countryCode: '+57', phone: '3001234567', otp: '123456' });
    expect(answer).toEqual({ authenticatorRequired: true });
  });

  it('maps an unregistered email (404 invalid_email) to invalid_email', async () => {
    const error = await loginError(client.requestEmailOtp({ email: 'nobody@example.com' }));
    expect(error).toMatchObject({ code: 'invalid_email', status: 404, serverCode: 'NotFound' });
  });

  it('maps a wrong email code (400 invalid_otp) to invalid_otp', async () => {
    await requestEmail();
    const error = await loginError(confirmEmail('654321'));
    expect(error).toMatchObject({
      code: 'invalid_otp',
      status: 400,
      serverCode: 'ERROR',
      serverMessage: 'invalid_otp',
    });
  });

  it('maps an email confirm with no code on file to otp_expired', async () => {
    const error = await loginError(confirmEmail());
    expect(error).toMatchObject({ code: 'otp_expired', status: 404 });
  });

  it('maps a refresh with a token the server rejects (401) to unauthorized, without retrying', async () => {
    const error = await loginError(refresh('not-a-token'));
    expect(error).toMatchObject({ code: 'unauthorized', retryable: false, status: 401 });
    expect(await apiRequests()).toHaveLength(1);
  });
});

describe('status codes without a documented body', () => {
  it('maps a 429 to rate_limited with retryAt from Retry-After in seconds', async () => {
    await inject({
      route: '/v2/projects/phone-login',
      status: 429,
      headers: { 'Retry-After': '30' },
      body: {},
    });
    const error = await loginError(requestPhone());
    expect(error).toMatchObject({
      code: 'rate_limited',
      retryable: true,
      status: 429,
      retryAt: NOW + 30_000,
    });
  });

  it('maps a 429 to rate_limited with retryAt from Retry-After as an HTTP date', async () => {
    const retryAfter = new Date(Date.now() + 30_000).toUTCString();
    await inject({
      route: '/v2/projects/email-login',
      status: 429,
      headers: { 'Retry-After': retryAfter },
      body: {},
    });
    const error = await loginError(requestEmail());
    expect(error.code).toBe('rate_limited');
    // Measured against the response's Date header, then put on the client's clock.
    expect(error.retryAt).toBeGreaterThanOrEqual(NOW + 28_000);
    expect(error.retryAt).toBeLessThanOrEqual(NOW + 31_000);
  });

  it('maps a 429 without Retry-After to rate_limited with retryAt now + 60 s', async () => {
    await inject({
      route: '/v2/projects/phone-login/confirm',
      status: 429,
      body: { code: 'TooManyRequests', message: 'slow down' },
    });
    const error = await loginError(confirmPhone());
    expect(error).toMatchObject({ code: 'rate_limited', retryAt: NOW + 60_000, serverMessage: 'slow down' });
  });

  it.each([500, 502, 503, 504])('maps a %i to a retryable server error', async (status) => {
    await inject({ route: '/v2/projects/phone-login', status });
    const error = await loginError(requestPhone());
    expect(error).toMatchObject({
      code: 'server',
      retryable: true,
      status,
      serverCode: 'InternalServerError',
    });
  });

  it('maps a 408 to timeout', async () => {
    await inject({
      route: '/v2/projects/phone-login',
      status: 408,
      body: { code: 'RequestTimeout', message: 'x' },
    });
    expect(await loginError(requestPhone())).toMatchObject({ code: 'timeout', status: 408 });
  });

  it('maps another 4xx with an unknown message to unknown', async () => {
    await inject({
      route: '/v2/projects/phone-login',
      status: 418,
      body: { code: 'Teapot', message: 'short and stout' },
    });
    expect(await loginError(requestPhone())).toMatchObject({
      code: 'unknown',
      status: 418,
      serverCode: 'Teapot',
    });
  });
});

describe('bodies the client cannot use', () => {
  it('maps a 200 whose body is not JSON to invalid_response', async () => {
    await inject({ route: '/v2/projects/phone-login', malformed: true });
    const error = await loginError(requestPhone());
    expect(error).toMatchObject({ code: 'invalid_response', retryable: true, status: 200 });
  });

  it('maps an empty 200 body to invalid_response', async () => {
    await inject({ route: '/v2/projects/phone-login/confirm', malformed: true, body: '' });
    expect(await loginError(confirmPhone())).toMatchObject({ code: 'invalid_response', status: 200 });
  });

  it('maps a 4xx whose body is not JSON to invalid_response', async () => {
    await inject({ route: '/v2/projects/phone-login/confirm', malformed: true, status: 400 });
    expect(await loginError(confirmPhone())).toMatchObject({ code: 'invalid_response', status: 400 });
  });

  it('maps a 5xx whose body is not JSON (a proxy page) to a server error', async () => {
    await inject({ route: '/v2/projects/phone-login/confirm', malformed: true, status: 502 });
    expect(await loginError(confirmPhone())).toMatchObject({ code: 'server', status: 502 });
  });

  it.each([
    ['/v2/projects/phone-login/confirm', { data: { foo: 1 } }, confirmPhone],
    ['/v2/projects/email-login/confirm', { data: { accessToken: '' } }, confirmEmail],
    ['/v2/projects/phone-login', { data: null }, requestPhone],
    ['/v2/projects/phone-login', { status: 'sent' }, requestPhone],
    ['/v2/projects/email-login', 'sent', requestEmail],
    ['/v2/auth/session', { data: { foo: 1 } }, refresh],
    ['/v2/auth/session', { accessToken: 42 }, refresh],
  ] as const)(
    'maps a 200 from %s that does not match the schema (%j) to invalid_response',
    async (route, body, call) => {
      await inject({ route, status: 200, body });
      const error = await loginError(call());
      expect(error).toMatchObject({ code: 'invalid_response', status: 200 });
      expect(error.cause).toMatchObject({ name: 'SchemaValidationError' });
    },
  );
});

describe('transport failures', () => {
  it('maps a dropped connection to network', async () => {
    await inject({ route: '/v2/projects/phone-login', drop: true });
    const error = await loginError(requestPhone());
    expect(error).toMatchObject({ code: 'network', retryable: true });
    expect(error.status).toBeUndefined();
  });

  it('maps a refused connection to network', async () => {
    const closed = await startMockServer({ port: 0 });
    await closed.close();
    client = createVerifikClient({ baseUrl: closed.url });
    expect(await loginError(requestEmail())).toMatchObject({ code: 'network' });
  });

  it('maps an answer slower than the timeout to timeout', async () => {
    client = createVerifikClient({ baseUrl: mock.url, timeout: 100 });
    await inject({ route: '/v2/projects/phone-login', delayMs: 2_000 });
    const started = Date.now();
    const error = await loginError(requestPhone());
    expect(error).toMatchObject({ code: 'timeout', retryable: true });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('rethrows the AbortError unchanged when the caller aborts during a slow answer', async () => {
    await inject({ route: '/v2/projects/phone-login', delayMs: 2_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const error = await client
      .requestPhoneOtp({ countryCode: '+1', phone: '1234566663' }, { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBe(controller.signal.reason);
    expect(isAbortError(error)).toBe(true);
    expect(isLoginError(error)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it("rethrows the caller's own abort reason unchanged", async () => {
    await inject({ route: '/v2/auth/session', delayMs: 2_000 });
    const controller = new AbortController();
    const reason = new DOMException('user left', 'AbortError');
    setTimeout(() => controller.abort(reason), 50);
    const error = await client
      .refreshSession('token', { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBe(reason);
  });

  it('rejects with the AbortError and sends nothing when the signal is already aborted', async () => {
    const error = await requestEmailWith(AbortSignal.abort()).catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    expect(await apiRequests()).toHaveLength(0);
  });
});

const requestEmailWith = (signal: AbortSignal) =>
  client.requestEmailOtp({ email: 'user@example.com' }, { signal });

describe('retries', () => {
  it('does not retry a login POST after a 503: the server sees one request', async () => {
    await inject({ route: '/v2/projects/phone-login', status: 503, times: 2 });
    expect(await loginError(requestPhone())).toMatchObject({ code: 'server', status: 503 });
    expect(await apiRequests()).toHaveLength(1);
  });

  it('does not retry a login POST after a dropped connection', async () => {
    await inject({ route: '/v2/projects/phone-login/confirm', drop: true, times: 2 });
    expect(await loginError(confirmPhone())).toMatchObject({ code: 'network' });
    expect(await apiRequests()).toHaveLength(1);
  });

  it('retries the refresh GET after one 503 and then succeeds', async () => {
    const token = await logIn();
    await mock.reset();
    await inject({ route: '/v2/auth/session', status: 503 });
    const session = await refresh(token);
    expect(session.accessToken).not.toBe('');
    expect((await apiRequests()).map((r) => r.status)).toStrictEqual([503, 200]);
  });

  it('retries the refresh GET after a dropped connection and then succeeds', async () => {
    await inject({ route: '/v2/auth/session', drop: true });
    await inject({
      route: '/v2/auth/session',
      status: 200,
      body: { accessToken: 'next', tokenType: 'bearer' },
    });
    const session = await refresh();
    expect(session.accessToken).toBe('next');
    expect(await apiRequests()).toHaveLength(2);
  });

  it('gives up on the refresh GET after three attempts and reports the server error', async () => {
    await inject({ route: '/v2/auth/session', status: 503, times: 3 });
    expect(await loginError(refresh())).toMatchObject({ code: 'server', status: 503 });
    expect(await apiRequests()).toHaveLength(3);
  });

  it('does not wait out a long Retry-After on refresh: it reports rate_limited with retryAt', async () => {
    await inject({ route: '/v2/auth/session', status: 429, headers: { 'Retry-After': '120' }, body: {} });
    expect(await loginError(refresh())).toMatchObject({ code: 'rate_limited', retryAt: NOW + 120_000 });
    expect(await apiRequests()).toHaveLength(1);
  });
});
