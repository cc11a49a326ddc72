import { afterEach, describe, expect, it, vi } from 'vitest';
import { createActor, waitFor } from 'xstate';
import { createVerifikClient } from './client.js';
import { connect, stepOf } from './connect.js';
import { loginErrorCodes } from './errors.js';
import { loginLabels, statusLabel } from './labels.js';
import { es } from './locales/es.js';
import { createLoginMachine } from './login.machine.js';
import { maskEmail, maskPhone, maskToken } from './mask.js';
import { errorMessages, fieldErrorMessages, registerLocale, resolveLocale } from './messages.js';
import { serverMode } from './server-mode.js';
import { webStorage } from './storage.js';
import { fixedOtp, type Harness, logIn, MapStorage, phone, startHarness, wrongOtp } from './test-utils.js';

let harness: Harness;
afterEach(async () => {
  await harness?.close();
});

describe('connect', () => {
  it('shows the awaitingOtp step with a masked identifier, gateway and absolute deadlines', async () => {
    harness = await startHarness({ machine: { resendCooldownMs: 30_000 } });
    harness.actor.send({ type: 'login.phone', ...phone });
    await harness.until('awaitingOtp');
    const view = connect(harness.actor.getSnapshot(), harness.actor.send);
    expect(view).toMatchObject({
      step: 'awaitingOtp',
      busy: false,
      maskedIdentifier: '+1 ••• ••• 6663',
      gateway: 'whatsapp',
      requires2FA: false,
      attempts: 0,
      canResend: false,
      otpExpiresAt: harness.clock.now() + 600_000,
      resendAvailableAt: harness.clock.now() + 30_000,
      session: null,
      error: null,
      expiredReason: null,
    });
    harness.advance(30_000);
    expect(connect(harness.actor.getSnapshot(), harness.actor.send).canResend).toBe(true);
  });

  it('its commands send the events of the flow', async () => {
    harness = await startHarness();
    const view = () => connect(harness.actor.getSnapshot(), harness.actor.send);
    view().sendEmail({ email: 'user@example.com' });
    expect(view()).toMatchObject({ step: 'sending', busy: true });
    await harness.until('awaitingOtp');
    expect(view().maskedIdentifier).toBe('u•••@example.com');
    view().submitOtp(wrongOtp);
    await harness.until('awaitingOtp', (context) => context.attempts === 1);
    expect(view().error?.message).toBe(errorMessages.en.invalid_otp);
    view().submitOtp(fixedOtp);
    await harness.until('authenticated');
    expect(view().session?.accessToken).toBeTruthy();
    view().logout();
    expect(view().step).toBe('idle');
  });

  it('revokeOthers() signs out everywhere else; a 401 later shows the revoked reason and its sentence', async () => {
    harness = await startHarness();
    await logIn(harness);
    const view = () => connect(harness.actor.getSnapshot(), harness.actor.send);
    const before = view().session?.accessToken;
    view().revokeOthers();
    expect(view()).toMatchObject({ step: 'authenticated', busy: true });
    await harness.until('authenticated', () => !harness.actor.getSnapshot().hasTag('busy'));
    expect(view().session?.accessToken).not.toBe(before);
    // Another device revokes in turn: this session's token is refused before its expiry.
    await createVerifikClient({ baseUrl: harness.url }).renewAndRevoke(view().session?.accessToken ?? '');
    view().refresh();
    await harness.until('expired');
    expect(view().expiredReason).toBe('revoked');
    expect(statusLabel(view(), loginLabels.en)).toBe(loginLabels.en.expiredRevoked);
    expect(loginLabels.es.expiredRevoked).not.toBe(loginLabels.en.expiredRevoked);
  });

  it('shows a locale whose messages were never registered in English, and in it once registered', async () => {
    harness = await startHarness();
    harness.actor.send({ type: 'login.phone', countryCode: '57', phone: 'abc' });
    const snapshot = harness.actor.getSnapshot();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const before = connect(snapshot, harness.actor.send, { locale: 'es-CO' });
    connect(harness.actor.getSnapshot(), harness.actor.send, { locale: 'es' });
    // Said once, so a forgotten registerLocale() is noticed without flooding the console on each render.
    expect(warn.mock.calls).toEqual([[expect.stringContaining('Call registerLocale(es) once')]]);
    expect(before.fieldErrors).toEqual({
      countryCode: { code: 'country_code_format', message: fieldErrorMessages.en.country_code_format },
      phone: { code: 'phone_format', message: fieldErrorMessages.en.phone_format },
    });
    registerLocale(es);
    // The same snapshot: the English view made before the registration is not served from the cache.
    const after = connect(snapshot, harness.actor.send, { locale: 'es-CO' });
    expect(after.fieldErrors).toEqual({
      countryCode: { code: 'country_code_format', message: es.fields.country_code_format },
      phone: { code: 'phone_format', message: es.fields.phone_format },
    });
    expect(after.fieldErrors.phone?.message).toBe(
      'Usa solo dígitos: al menos 4, y como mucho 15 con el código de país.',
    );
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });

  it('keeps the identity of unchanged parts, so shallow-equal selectors skip re-renders', async () => {
    harness = await startHarness();
    harness.actor.send({ type: 'login.phone', countryCode: 'x', phone: '1' });
    const first = connect(harness.actor.getSnapshot(), harness.actor.send);
    const second = connect(harness.actor.getSnapshot(), harness.actor.send);
    expect(second.fieldErrors).toBe(first.fieldErrors);
    expect(second.sendPhone).toBe(first.sendPhone);
    expect(second.submitOtp).toBe(first.submitOtp);
  });

  it('gives the same empty fieldErrors object whenever there are none', async () => {
    harness = await startHarness();
    const before = connect(harness.actor.getSnapshot(), harness.actor.send).fieldErrors;
    harness.actor.send({ type: 'login.phone', ...phone });
    await harness.until('awaitingOtp');
    expect(connect(harness.actor.getSnapshot(), harness.actor.send).fieldErrors).toBe(before);
  });

  it('reports the top-level step of nested states', async () => {
    harness = await startHarness();
    harness.actor.send({ type: 'login.phone', ...phone });
    await harness.until('awaitingOtp');
    expect(harness.actor.getSnapshot().value).toEqual({ awaitingOtp: 'cooldown' });
    expect(stepOf(harness.actor.getSnapshot())).toBe('awaitingOtp');
  });
});

describe('message catalogue', () => {
  it.each([
    ['en', errorMessages.en],
    ['es', es.errors],
  ])('has a non-empty %s message for every LoginErrorCode', (_, messages) => {
    for (const code of loginErrorCodes) expect(messages[code]).toMatch(/\S/);
  });

  it('has an es message for every field error code en has', () => {
    expect(Object.keys(es.fields).sort()).toEqual(Object.keys(fieldErrorMessages.en).sort());
    for (const message of Object.values(es.fields)) expect(message).toMatch(/\S/);
  });

  it('falls back to English for an unknown locale', () => {
    expect(resolveLocale('fr-FR')).toBe('en');
    expect(resolveLocale('ES')).toBe('es');
  });
});

describe('masks', () => {
  it.each([
    ['+1', '1234566663', '+1 ••• ••• 6663'],
    ['+57', '3001234567', '+57 ••• ••• 4567'],
    ['+44', '7911123', '+44 ••• 1123'],
    ['+1', '123', '+1 123'],
  ])('maskPhone(%s, %s) → %s', (countryCode, number, masked) => {
    expect(maskPhone(countryCode, number)).toBe(masked);
  });

  it('masks an email and a token', () => {
    expect(maskEmail('user@example.com')).toBe('u•••@example.com');
    expect(maskToken('eyJhbGciOiJIUzI1NiJ9.eyJjbGllbnQiOiJ4In0.c2lnbmF0dXJl')).toBe('eyJhbG…dXJl');
  });
});

describe('connect › resending', () => {
  it('is true while a resend is sending, false for a first send', async () => {
    harness = await startHarness({ machine: { resendCooldownMs: 1_000 } });
    harness.actor.send({ type: 'login.phone', ...phone });
    expect(connect(harness.actor.getSnapshot(), harness.actor.send)).toMatchObject({
      step: 'sending',
      resending: false,
    });
    await harness.until('awaitingOtp');
    harness.advance(1_000);
    harness.actor.send({ type: 'otp.resend' });
    expect(connect(harness.actor.getSnapshot(), harness.actor.send)).toMatchObject({
      step: 'sending',
      resending: true,
    });
    await harness.until('awaitingOtp');
  });
});

describe('connect › per snapshot', () => {
  it('gives the same view for the same snapshot, send and locale, and a new one when they change', async () => {
    harness = await startHarness();
    const snapshot = harness.actor.getSnapshot();
    const view = connect(snapshot, harness.actor.send);
    expect(connect(snapshot, harness.actor.send, { locale: 'en' })).toBe(view);
    expect(connect(snapshot, harness.actor.send, { locale: 'es' })).not.toBe(view);
    expect(connect(snapshot, () => undefined)).not.toBe(view);
  });
});

describe('connect › who is signed in', () => {
  const day = 86_400_000;
  const masked = '+1 ••• ••• 6663';

  it('server mode: after a reload, shows the masked identifier of the session the server holds', async () => {
    // What `GET /session` answers for a cookie of a phone login: the session without its token.
    const fetch = async () =>
      new Response(
        JSON.stringify({
          session: { tokenType: 'bearer', ageMs: 60_000, expiresInMs: 29 * day, maskedIdentifier: masked },
        }),
        { headers: { 'content-type': 'application/json' } },
      );
    const actor = createActor(createLoginMachine(serverMode({ baseUrl: 'http://127.0.0.1:9/auth', fetch })));
    actor.start();
    const snapshot = await waitFor(actor, (current) => !current.matches('restoring'));
    const view = connect(snapshot, actor.send);
    expect(view.step).toBe('authenticated');
    expect(view.session).toMatchObject({ heldBy: 'server', maskedIdentifier: masked });
    expect(view.maskedIdentifier).toBe(masked);
    actor.stop();
  });

  it('browser mode: after a login, a refresh and a reload, shows who signed in', async () => {
    harness = await startHarness({ machine: { storage: new MapStorage() } });
    await logIn(harness);
    expect(connect(harness.actor.getSnapshot(), harness.actor.send).maskedIdentifier).toBe(masked);
    harness.actor.send({ type: 'session.refresh' });
    await harness.until('authenticated', () =>
      harness.actor.getSnapshot().matches({ authenticated: 'active' }),
    );
    expect(harness.actor.getSnapshot().context.error).toBeNull();
    expect(connect(harness.actor.getSnapshot(), harness.actor.send).maskedIdentifier).toBe(masked);

    harness.actor.stop();
    const reloaded = harness.spawn();
    const snapshot = await waitFor(reloaded, (current) => !current.matches('restoring'));
    const view = connect(snapshot, reloaded.send);
    expect(view.step).toBe('authenticated');
    expect(view.identifier).toBeNull();
    expect(view.maskedIdentifier).toBe(masked);
  });

  it("shows the session's identifier, not the one this tab typed, when another tab signs in", async () => {
    const shared = new MapStorage();
    harness = await startHarness({ machine: { storage: webStorage(shared) } });
    const otherTab = createActor(
      createLoginMachine({
        baseUrl: harness.url,
        storage: webStorage(shared),
        now: () => harness.clock.now(),
      }),
      { clock: harness.clock },
    ).start();
    await waitFor(otherTab, (current) => current.matches('idle'));
    otherTab.send({ type: 'login.email', email: 'someone.else@example.com' });
    await waitFor(otherTab, (current) => current.matches('awaitingOtp'));
    otherTab.send({ type: 'login.cancel' });
    expect(connect(otherTab.getSnapshot(), otherTab.send).maskedIdentifier).toBe('s•••@example.com');

    await logIn(harness);
    const synced = await waitFor(otherTab, (current) => current.matches('authenticated'));
    const view = connect(synced, otherTab.send);
    expect(view.session?.accessToken).toBe(harness.actor.getSnapshot().context.session?.accessToken);
    expect(view.maskedIdentifier).toBe(masked);
    otherTab.stop();
  });
});
