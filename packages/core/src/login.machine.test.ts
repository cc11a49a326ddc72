import { afterEach, describe, expect, it, vi } from 'vitest';
import { waitFor } from 'xstate';
import { connect } from './connect.js';
import { fixedOtp, flush, type Harness, phone, routes, startHarness, wrongOtp } from './test-utils.js';

let harness: Harness;
afterEach(async () => {
  await harness?.close();
});

/** Sends a phone login and waits for the code. */
async function reachAwaitingOtp(h: Harness) {
  h.actor.send({ type: 'login.phone', ...phone });
  await h.until('awaitingOtp');
}

describe('loginMachine', () => {
  it('starts in idle when nothing is stored', async () => {
    harness = await startHarness();
    expect(harness.actor.getSnapshot().value).toBe('idle');
  });

  it('logs in with a phone: sending → awaitingOtp → confirming → authenticated', async () => {
    harness = await startHarness();
    const steps: string[] = [connect(harness.actor.getSnapshot(), harness.actor.send).step];
    harness.actor.subscribe((snapshot) => {
      const step = connect(snapshot, harness.actor.send).step;
      if (steps.at(-1) !== step) steps.push(step);
    });
    await reachAwaitingOtp(harness);
    harness.actor.send({ type: 'otp.submit', otp: fixedOtp });
    await harness.until('authenticated');
    expect(steps).toEqual(['idle', 'sending', 'awaitingOtp', 'confirming', 'authenticated']);
    expect(harness.actor.getSnapshot().context.session?.accessToken).toMatch(/^ey/);
  });

  it('logs in with an email', async () => {
    harness = await startHarness();
    harness.actor.send({ type: 'login.email', email: 'user@example.com' });
    await harness.until('awaitingOtp');
    expect(harness.actor.getSnapshot().context.challenge?.gateway).toBe('email');
    harness.actor.send({ type: 'otp.submit', otp: fixedOtp });
    await harness.until('authenticated');
  });

  describe('1. double submission', () => {
    it('sends one request for two login.phone in a row', async () => {
      harness = await startHarness();
      harness.actor.send({ type: 'login.phone', ...phone });
      harness.actor.send({ type: 'login.phone', ...phone });
      await harness.until('awaitingOtp');
      await flush();
      expect(await harness.requests(routes.phoneLogin)).toHaveLength(1);
    });

    it('sends one confirm for two otp.submit in a row', async () => {
      harness = await startHarness();
      await reachAwaitingOtp(harness);
      harness.actor.send({ type: 'otp.submit', otp: fixedOtp });
      harness.actor.send({ type: 'otp.submit', otp: fixedOtp });
      await harness.until('authenticated');
      await flush();
      expect(await harness.requests(routes.phoneConfirm)).toHaveLength(1);
    });
  });

  describe('2. login.cancel', () => {
    /** Waits (up to 10 s: a busy machine) until the mock has `route`'s request: the call is in flight. */
    const reached = (route: string) =>
      vi.waitFor(async () => expect(await harness.requests(route)).toHaveLength(1), { timeout: 10_000 });
    /** Waits until the mock saw that request's client hang up. */
    const abortedAt = (route: string) =>
      vi.waitFor(async () => expect((await harness.requests(route))[0]?.aborted).toBe(true), {
        timeout: 10_000,
      });

    it('aborts the request during sending, and the late response changes nothing', async () => {
      harness = await startHarness();
      // Held long enough that the cancel comes first even on a busy machine.
      await harness.fault({ route: routes.phoneLogin, delayMs: 3_000 });
      harness.actor.send({ type: 'login.phone', ...phone });
      await harness.until('sending');
      await reached(routes.phoneLogin);
      harness.actor.send({ type: 'login.cancel' });
      expect(harness.actor.getSnapshot().value).toBe('idle');
      await abortedAt(routes.phoneLogin);
      // The held answer's time passes: it would have come by now.
      await new Promise((resolve) => setTimeout(resolve, 400));
      const { value, context } = harness.actor.getSnapshot();
      expect(value).toBe('idle');
      expect(context.challenge).toBeNull();
      expect(context.identifier).toEqual({ method: 'phone', ...phone });
    });

    it('aborts the request during confirming, and the late response changes nothing', async () => {
      harness = await startHarness();
      await reachAwaitingOtp(harness);
      await harness.fault({ route: routes.phoneConfirm, delayMs: 3_000 });
      harness.actor.send({ type: 'otp.submit', otp: fixedOtp });
      await reached(routes.phoneConfirm);
      harness.actor.send({ type: 'login.cancel' });
      await abortedAt(routes.phoneConfirm);
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(harness.actor.getSnapshot().value).toBe('idle');
      expect(harness.actor.getSnapshot().context.session).toBeNull();
    });
  });

  describe('3. OTP expiry', () => {
    it("expires at the server's expiresAt, then resends with a fresh expiry", async () => {
      harness = await startHarness({ mock: { otpTtlMs: 60_000, resendCooldownMs: 10_000 } });
      await reachAwaitingOtp(harness);
      const first = harness.actor.getSnapshot().context.challenge?.expiresAt ?? 0;
      expect(first).toBe(harness.clock.now() + 60_000);
      harness.advance(59_000);
      expect(harness.actor.getSnapshot().matches('awaitingOtp')).toBe(true);
      harness.advance(1_000);
      expect(harness.actor.getSnapshot().value).toBe('expired');
      expect(harness.actor.getSnapshot().context.expiredReason).toBe('otp');
      harness.actor.send({ type: 'otp.resend' });
      await harness.until('awaitingOtp');
      const second = harness.actor.getSnapshot().context.challenge?.expiresAt ?? 0;
      expect(second).toBe(harness.clock.now() + 60_000);
      expect(second).toBe(first + 60_000);
      expect(await harness.inbox()).toHaveLength(2);
    });
  });

  describe('4. wrong code', () => {
    it('stays in awaitingOtp with invalid_otp, counts the attempt, and takes the next code', async () => {
      harness = await startHarness();
      await reachAwaitingOtp(harness);
      harness.actor.send({ type: 'otp.submit', otp: wrongOtp });
      await harness.until('awaitingOtp', (context) => context.error !== null);
      expect(harness.actor.getSnapshot().context.error?.code).toBe('invalid_otp');
      expect(harness.actor.getSnapshot().context.attempts).toBe(1);
      harness.actor.send({ type: 'otp.submit', otp: wrongOtp });
      await harness.until('awaitingOtp', (context) => context.attempts === 2);
      harness.actor.send({ type: 'otp.submit', otp: fixedOtp });
      await harness.until('authenticated');
    });
  });

  describe('5. expired code on confirm', () => {
    it('goes to expired with reason otp on a 412', async () => {
      harness = await startHarness();
      await reachAwaitingOtp(harness);
      await harness.fault({
        route: routes.phoneConfirm,
        status: 412,
        body: { code: 'PreconditionFailed', message: 'phoneValidation_has_expired' },
      });
      harness.actor.send({ type: 'otp.submit', otp: fixedOtp });
      await harness.until('expired');
      expect(harness.actor.getSnapshot().context).toMatchObject({
        expiredReason: 'otp',
        error: { code: 'otp_expired', status: 412 },
      });
    });
  });

  describe('6. resend cooldown', () => {
    it('refuses a resend before the cooldown ends and sends nothing', async () => {
      harness = await startHarness({ machine: { resendCooldownMs: 30_000 } });
      await reachAwaitingOtp(harness);
      const availableAt = harness.actor.getSnapshot().context.resendAvailableAt;
      harness.actor.send({ type: 'otp.resend' });
      expect(harness.actor.getSnapshot().matches({ awaitingOtp: 'cooldown' })).toBe(true);
      expect(harness.actor.getSnapshot().context.error).toMatchObject({
        code: 'resend_too_soon',
        retryAt: availableAt,
      });
      await flush();
      expect(await harness.requests(routes.phoneLogin)).toHaveLength(1);
      harness.advance(30_000);
      expect(harness.actor.getSnapshot().matches({ awaitingOtp: 'ready' })).toBe(true);
      harness.actor.send({ type: 'otp.resend', gateway: 'sms' });
      await harness.until('awaitingOtp');
      expect(harness.actor.getSnapshot().context.challenge?.gateway).toBe('sms');
    });

    it("moves the cooldown to a 409 otp_recently_sent's retryAt", async () => {
      harness = await startHarness({ machine: { resendCooldownMs: 1_000 } });
      await reachAwaitingOtp(harness);
      harness.advance(1_000);
      await harness.fault({
        route: routes.phoneLogin,
        status: 409,
        body: { code: 'Conflict', message: 'otp_recently_sent' },
        headers: { 'Retry-After': '90' },
      });
      harness.actor.send({ type: 'otp.resend' });
      await harness.until('awaitingOtp', (context) => context.error !== null);
      const { context } = harness.actor.getSnapshot();
      expect(context.error).toMatchObject({ code: 'resend_too_soon', status: 409 });
      expect(context.error?.retryAt).toBeGreaterThan(harness.clock.now());
      expect(context.resendAvailableAt).toBe(context.error?.retryAt);
      expect(harness.actor.getSnapshot().matches({ awaitingOtp: 'cooldown' })).toBe(true);
    });

    it("moves the cooldown to a 429's Retry-After", async () => {
      harness = await startHarness({ machine: { resendCooldownMs: 1_000 } });
      await reachAwaitingOtp(harness);
      harness.advance(1_000);
      await harness.fault({
        route: routes.phoneLogin,
        status: 429,
        body: {},
        headers: { 'Retry-After': '45' },
      });
      harness.actor.send({ type: 'otp.resend' });
      await harness.until('awaitingOtp', (context) => context.error !== null);
      const { context } = harness.actor.getSnapshot();
      expect(context.error?.code).toBe('rate_limited');
      expect(context.resendAvailableAt).toBe(harness.clock.now() + 45_000);
      harness.advance(44_000);
      expect(harness.actor.getSnapshot().matches({ awaitingOtp: 'cooldown' })).toBe(true);
      harness.advance(1_000);
      expect(harness.actor.getSnapshot().matches({ awaitingOtp: 'ready' })).toBe(true);
    });
  });

  describe('7. requires2FA', () => {
    it('is a hint: the app code typed up front signs in at once, and the code alone reaches the step', async () => {
      harness = await startHarness({
        mock: { clients: { phones: [{ ...phone, authenticator: 'set-up' }] }, authenticatorOtp: '246810' },
      });
      await reachAwaitingOtp(harness);
      expect(harness.actor.getSnapshot().context.challenge?.requires2FA).toBe(true);
      harness.actor.send({ type: 'otp.submit', otp: fixedOtp, authenticatorOtp: '246810' });
      await harness.until('authenticated');
      harness.actor.send({ type: 'session.logout' });
      harness.advance(5 * 60_000); // past the mock's wait between codes to one phone
      await reachAwaitingOtp(harness);
      harness.actor.send({ type: 'otp.submit', otp: fixedOtp });
      await harness.until('awaitingAuthenticator');
      expect(harness.actor.getSnapshot().context.fieldErrors).toEqual({});
    });
  });
});

describe('restoring', () => {
  it('does not lose a login sent before the stored session was read', async () => {
    harness = await startHarness();
    const actor = harness.spawn();
    expect(actor.getSnapshot().value).toBe('restoring');
    actor.send({ type: 'login.phone', ...phone });
    expect(actor.getSnapshot().value).toBe('sending');
    await waitFor(actor, (snapshot) => snapshot.matches('awaitingOtp'));
  });
});
