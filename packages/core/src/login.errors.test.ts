import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from 'xstate';
import { type LoginErrorCode, loginErrorCodes } from './errors.js';
import { type FaultSpec, fixedOtp, type Harness, phone, routes, startHarness } from './test-utils.js';

let harness: Harness;
afterEach(async () => {
  await harness?.close();
});

type Phase = 'send' | 'confirm' | 'refresh';

/** For every code the client can produce: where it happens and the fault that makes the mock produce it. */
const cases: Array<{ code: LoginErrorCode; phase: Phase; fault: Omit<FaultSpec, 'route'>; email?: boolean }> =
  [
    {
      code: 'invalid_phone',
      phase: 'send',
      fault: { status: 400, body: { code: 'BadRequest', message: 'Invalid phone number format.' } },
    },
    {
      code: 'invalid_email',
      phase: 'send',
      email: true,
      fault: { status: 404, body: { code: 'NotFound', message: 'invalid_email' } },
    },
    {
      code: 'invalid_otp',
      phase: 'confirm',
      fault: { status: 403, body: { code: 'Forbidden', message: 'otp_does_not_match' } },
    },
    {
      code: 'otp_expired',
      phase: 'confirm',
      fault: { status: 412, body: { code: 'PreconditionFailed', message: 'phoneValidation_has_expired' } },
    },
    {
      code: 'resend_too_soon',
      phase: 'send',
      fault: { status: 409, body: { code: 'Conflict', message: 'otp_recently_sent' } },
    },
    {
      code: 'rate_limited',
      phase: 'send',
      fault: { status: 429, body: {}, headers: { 'Retry-After': '5' } },
    },
    {
      code: 'insufficient_credits',
      phase: 'send',
      fault: { status: 403, body: { code: 'Forbidden', message: 'insufficient_credits' } },
    },
    {
      code: 'unauthorized',
      phase: 'refresh',
      fault: { status: 401, body: { code: 'Unauthorized', message: 'Invalid or expired token.' } },
    },
    {
      code: 'missing_parameter',
      phase: 'send',
      fault: { status: 409, body: { code: 'MissingParameter', message: 'missing phone\n' } },
    },
    {
      code: 'identifier_not_validated',
      phase: 'send',
      fault: { status: 412, body: { code: 'PreconditionFailed', message: 'phone_could_not_be_validated' } },
    },
    {
      code: 'account_not_found',
      phase: 'send',
      fault: { status: 404, body: { code: 'NotFound', message: 'user_not_found' } },
    },
    {
      code: 'send_refused',
      phase: 'send',
      fault: { status: 403, body: { code: 'Forbidden', message: 'gateway_not_enabled' } },
    },
    {
      code: 'invalid_authenticator_otp',
      phase: 'confirm',
      fault: { status: 403, body: { code: 'Forbidden', message: 'authenticator_otp_does_not_match' } },
    },
    {
      code: 'otp_send_failed',
      phase: 'confirm',
      fault: { status: 409, body: { code: 'Conflict', message: 'otp_send_failed' } },
    },
    {
      code: 'project_flow_not_found',
      phase: 'send',
      fault: { status: 404, body: { code: 'projectFlow_not_found', message: '404:projectFlow_not_found' } },
    },
    { code: 'endpoint_not_found', phase: 'send', fault: { malformed: true, status: 404, body: 'Not Found' } },
    { code: 'server', phase: 'send', fault: { status: 500 } },
    { code: 'network', phase: 'confirm', fault: { drop: true } },
    { code: 'timeout', phase: 'send', fault: { delayMs: 1_000 } },
    { code: 'invalid_response', phase: 'confirm', fault: { malformed: true } },
    {
      code: 'unknown',
      phase: 'send',
      fault: { status: 418, body: { code: 'Teapot', message: 'short and stout' } },
    },
  ];

const routeOf = (phase: Phase, email?: boolean) =>
  phase === 'refresh'
    ? routes.session
    : phase === 'send'
      ? email
        ? routes.emailLogin
        : routes.phoneLogin
      : routes.phoneConfirm;

describe('12. every LoginErrorCode leaves a way on', () => {
  it.each(cases)(
    '$code (on $phase) can be followed by a successful login',
    async ({ code, phase, fault, email }) => {
      harness = await startHarness({ clientTimeoutMs: code === 'timeout' ? 150 : undefined });
      const { actor } = harness;
      const sendLogin = () =>
        actor.send(
          email ? { type: 'login.email', email: 'user@example.com' } : { type: 'login.phone', ...phone },
        );
      const logIn = async () => {
        sendLogin();
        await harness.until('awaitingOtp');
        actor.send({ type: 'otp.submit', otp: fixedOtp });
        await harness.until('authenticated');
      };
      if (phase === 'confirm') {
        sendLogin();
        await harness.until('awaitingOtp');
      }
      if (phase === 'refresh') await logIn();

      await harness.fault({ route: routeOf(phase, email), ...fault });
      if (phase === 'send') sendLogin();
      if (phase === 'confirm') actor.send({ type: 'otp.submit', otp: fixedOtp });
      if (phase === 'refresh') actor.send({ type: 'session.refresh' });
      await waitFor(actor, (snapshot) => snapshot.context.error !== null, { timeout: 3000 });
      const { context } = actor.getSnapshot();
      expect(context.error?.code).toBe(code);
      expect(actor.getSnapshot().hasTag('busy')).toBe(false);

      // The way on: retry (send), enter the code again (confirm), log in again (expired), or cancel.
      harness.advance(10 * 60_000);
      const step = actor.getSnapshot().value;
      if (step === 'expired' && context.expiredReason === 'otp') {
        actor.send({ type: 'otp.resend' });
        await harness.until('awaitingOtp');
        actor.send({ type: 'otp.submit', otp: fixedOtp });
        await harness.until('authenticated');
      } else if (phase === 'refresh') {
        await logIn();
      } else {
        actor.send({ type: 'login.cancel' });
        expect(actor.getSnapshot().value).toBe('idle');
        await logIn();
      }
      expect(actor.getSnapshot().context.session?.accessToken).toBeTruthy();
    },
  );
});

describe('where each failure leaves the login', () => {
  it('lists every LoginErrorCode above', () => {
    expect(cases.map(({ code }) => code).sort()).toEqual([...loginErrorCodes].sort());
  });

  const confirmFailing = async (fault: Omit<FaultSpec, 'route'>) => {
    harness = await startHarness();
    harness.actor.send({ type: 'login.phone', ...phone });
    await harness.until('awaitingOtp');
    await harness.fault({ route: routes.phoneConfirm, ...fault });
    harness.actor.send({ type: 'otp.submit', otp: fixedOtp, authenticatorOtp: '111111' });
    await waitFor(harness.actor, (snapshot) => snapshot.context.error !== null, { timeout: 3000 });
    return harness.actor.getSnapshot();
  };

  it('otp_send_failed: the code is dead, so the login waits for a new one as after otp_expired', async () => {
    const snapshot = await confirmFailing({
      status: 409,
      body: { code: 'Conflict', message: 'otp_send_failed' },
    });
    expect(snapshot.value).toBe('expired');
    expect(snapshot.context).toMatchObject({ expiredReason: 'otp', error: { code: 'otp_send_failed' } });
  });

  it('invalid_authenticator_otp: back to the code, counted as a wrong attempt like invalid_otp', async () => {
    const snapshot = await confirmFailing({
      status: 403,
      body: { code: 'Forbidden', message: 'authenticator_otp_does_not_match' },
    });
    expect(snapshot.matches('awaitingOtp')).toBe(true);
    expect(snapshot.context).toMatchObject({ attempts: 1, error: { code: 'invalid_authenticator_otp' } });
  });
});
