// Issue 9, sections 5 and 7: what the machine does with event payloads UI code gets wrong. These run
// against the machine as apps build it (createLoginMachine + the mock server over real HTTP).
import { afterEach, describe, expect, it } from 'vitest';
import { createVerifikClient } from './client.js';
import { connect } from './connect.js';
import { isLoginError } from './errors.js';
import { throwingAt, trap } from './hostile-inputs.js';
import { es } from './locales/es.js';
import type { LoginEvent } from './login.types.js';
import { fieldErrorMessages, registerLocale } from './messages.js';
import {
  fixedOtp,
  flush,
  type Harness,
  phone,
  routes,
  startHarness,
  useClientMockServer,
} from './test-utils.js';

let harness: Harness;
afterEach(async () => {
  await harness?.close();
});

/** Sends what UI code might send, whatever its type: the point of these tests. */
const sendRaw = (h: Harness, event: Record<string, unknown>) => h.actor.send(event as unknown as LoginEvent);

/** The actor is still alive and its snapshot still renders. */
function expectAlive(h: Harness) {
  const snapshot = h.actor.getSnapshot();
  expect(snapshot.status).toBe('active');
  expect(() => connect(snapshot, h.actor.send)).not.toThrow();
}

async function reachAwaitingOtp(h: Harness) {
  h.actor.send({ type: 'login.phone', ...phone });
  await h.until('awaitingOtp');
}

describe('5. bad event payloads never kill the actor', () => {
  it('takes a number phone, as v-model.number gives, as its digits', async () => {
    harness = await startHarness();
    sendRaw(harness, { type: 'login.phone', countryCode: '+1', phone: 1234566663 });
    expectAlive(harness);
    await harness.until('awaitingOtp');
    expect(harness.actor.getSnapshot().context.identifier).toMatchObject({ phone: '1234566663' });
    const [message] = await harness.inbox();
    expect(message).toMatchObject({ countryCode: '+1', phone: '1234566663' });
  });

  it.each([
    ['a negative number', -1234566663],
    ['a fraction', 1234566.663],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a number past 2^53', 2 ** 60],
    ['an object', { digits: '1234566663' }],
    ['an array', ['1234566663']],
    ['a boolean', true],
  ])('refuses %s as a phone with phone_format and sends nothing', async (_, value) => {
    harness = await startHarness();
    sendRaw(harness, { type: 'login.phone', countryCode: '+1', phone: value });
    expectAlive(harness);
    expect(harness.actor.getSnapshot().value).toBe('idle');
    expect(harness.actor.getSnapshot().context.fieldErrors).toEqual({ phone: 'phone_format' });
    await flush();
    expect(await harness.requests()).toEqual([]);
  });

  it('reports a missing phone and country code as required', async () => {
    harness = await startHarness();
    sendRaw(harness, { type: 'login.phone', countryCode: null });
    expectAlive(harness);
    expect(harness.actor.getSnapshot().context.fieldErrors).toEqual({
      countryCode: 'required',
      phone: 'required',
    });
  });

  it('refuses a number country code with country_code_format', async () => {
    harness = await startHarness();
    sendRaw(harness, { type: 'login.phone', countryCode: 57, phone: '3001234567' });
    expectAlive(harness);
    expect(harness.actor.getSnapshot().context.fieldErrors).toEqual({ countryCode: 'country_code_format' });
  });

  it('reports email: null as required, and the next login.email still works', async () => {
    harness = await startHarness();
    sendRaw(harness, { type: 'login.email', email: null });
    expectAlive(harness);
    expect(harness.actor.getSnapshot().context.fieldErrors).toEqual({ email: 'required' });
    sendRaw(harness, { type: 'login.email', email: 42 });
    expectAlive(harness);
    expect(harness.actor.getSnapshot().context.fieldErrors).toEqual({ email: 'email_format' });
    harness.actor.send({ type: 'login.email', email: 'user@example.com' });
    await harness.until('awaitingOtp');
  });

  it('refuses otp: 123456 (a number loses leading zeros) with otp_format and sends nothing', async () => {
    harness = await startHarness();
    await reachAwaitingOtp(harness);
    sendRaw(harness, { type: 'otp.submit', otp: 123456 });
    expectAlive(harness);
    expect(harness.actor.getSnapshot().matches('awaitingOtp')).toBe(true);
    expect(harness.actor.getSnapshot().context.fieldErrors).toEqual({ otp: 'otp_format' });
    await flush();
    expect(await harness.requests(routes.phoneConfirm)).toEqual([]);
    harness.actor.send({ type: 'otp.submit', otp: fixedOtp });
    await harness.until('authenticated');
  });

  it('refuses a malformed authenticator code even when the account does not need one', async () => {
    harness = await startHarness();
    await reachAwaitingOtp(harness);
    sendRaw(harness, { type: 'otp.submit', otp: fixedOtp, authenticatorOtp: 12 });
    expectAlive(harness);
    expect(harness.actor.getSnapshot().context.fieldErrors).toEqual({ authenticatorOtp: 'otp_format' });
    await flush();
    expect(await harness.requests(routes.phoneConfirm)).toEqual([]);
  });

  it('refuses an unknown gateway as a field error before any request, not as an unknown error', async () => {
    harness = await startHarness();
    sendRaw(harness, { type: 'login.phone', ...phone, gateway: 'telegram' });
    expectAlive(harness);
    const { value, context } = harness.actor.getSnapshot();
    expect(value).toBe('idle');
    expect(context.error).toBeNull();
    expect(context.fieldErrors).toEqual({ gateway: 'gateway_unsupported' });
    await flush();
    expect(await harness.requests()).toEqual([]);
  });

  it('refuses a malformed language as a field error before any request', async () => {
    harness = await startHarness();
    sendRaw(harness, { type: 'login.email', email: 'user@example.com', language: 'not a language!' });
    expectAlive(harness);
    expect(harness.actor.getSnapshot().context.fieldErrors).toEqual({ language: 'language_format' });
    sendRaw(harness, { type: 'login.phone', ...phone, language: 7 });
    expect(harness.actor.getSnapshot().context.fieldErrors).toEqual({ language: 'language_format' });
    await flush();
    expect(await harness.requests()).toEqual([]);
  });

  it('takes null for an optional gateway or language as not given', async () => {
    harness = await startHarness();
    sendRaw(harness, { type: 'login.phone', ...phone, gateway: null, language: null });
    await harness.until('awaitingOtp');
  });

  // No UI offers a gateway on resend, so a bad one is ignored (see isResendValid), not a field error.
  it('ignores a resend through an unknown gateway: nothing sent, no unknown error, the next resend works', async () => {
    harness = await startHarness({ machine: { resendCooldownMs: 1_000 } });
    await reachAwaitingOtp(harness);
    harness.advance(1_000);
    expect(harness.actor.getSnapshot().matches({ awaitingOtp: 'ready' })).toBe(true);
    sendRaw(harness, { type: 'otp.resend', gateway: 'carrier-pigeon' });
    expectAlive(harness);
    expect(harness.actor.getSnapshot().matches({ awaitingOtp: 'ready' })).toBe(true);
    expect(harness.actor.getSnapshot().context.error).toBeNull();
    await flush();
    expect(await harness.requests(routes.phoneLogin)).toHaveLength(1);
    harness.actor.send({ type: 'otp.resend', gateway: 'sms' });
    await harness.until('awaitingOtp', (context) => context.challenge?.gateway === 'sms');
    expect(await harness.requests(routes.phoneLogin)).toHaveLength(2);
  });

  it('shows every new field error code with a message in connect(), in en and es', async () => {
    harness = await startHarness();
    sendRaw(harness, {
      type: 'login.phone',
      countryCode: '+33',
      phone: '06 12 34 56 78',
      gateway: 'x',
      language: '',
    });
    registerLocale(es);
    const view = connect(harness.actor.getSnapshot(), harness.actor.send, { locale: 'es' });
    expect(view.fieldErrors).toEqual({
      phone: { code: 'phone_trunk_prefix', message: es.fields.phone_trunk_prefix },
      gateway: { code: 'gateway_unsupported', message: es.fields.gateway_unsupported },
      language: { code: 'language_format', message: es.fields.language_format },
    });
    const english = connect(harness.actor.getSnapshot(), harness.actor.send, { locale: 'en' });
    expect(english.fieldErrors.phone?.message).toBe(fieldErrorMessages.en.phone_trunk_prefix);
  });
});

describe('guards read a hostile payload without throwing (a raw actor.send)', () => {
  it.each<[string, Record<string, unknown>, Record<string, string>]>([
    [
      'a phone that is a proxy that throws',
      { type: 'login.phone', countryCode: '+1', phone: trap() },
      { phone: 'phone_format' },
    ],
    [
      'a country code whose getter throws',
      throwingAt('countryCode', { type: 'login.phone', phone: '1234566663' }),
      { countryCode: 'country_code_format' },
    ],
    [
      'a language that is a proxy that throws',
      { type: 'login.email', email: 'user@example.com', language: trap() },
      { language: 'language_format' },
    ],
    [
      'a gateway that is a proxy that throws',
      { type: 'login.phone', ...phone, gateway: trap() },
      { gateway: 'gateway_unsupported' },
    ],
  ])('refuses %s as a field error and sends nothing', async (_, event, fieldErrors) => {
    harness = await startHarness();
    sendRaw(harness, event);
    expectAlive(harness);
    expect(harness.actor.getSnapshot().value).toBe('idle');
    expect(harness.actor.getSnapshot().context.fieldErrors).toEqual(fieldErrors);
    await flush();
    expect(await harness.requests()).toEqual([]);
  });

  it('ignores a session.sync whose session is a proxy that throws, signed in or not', async () => {
    harness = await startHarness();
    sendRaw(harness, { type: 'session.sync', session: trap() });
    expectAlive(harness);
    expect(harness.actor.getSnapshot().value).toBe('idle');
    await reachAwaitingOtp(harness);
    harness.actor.send({ type: 'otp.submit', otp: fixedOtp });
    await harness.until('authenticated');
    sendRaw(harness, { type: 'session.sync', session: throwingAt('accessToken', { tokenType: 'bearer' }) });
    expectAlive(harness);
    expect(harness.actor.getSnapshot().matches('authenticated')).toBe(true);
  });
});

describe('7. phone numbers with a leading zero', () => {
  it.each([
    ['06 1234 5678', '+33'],
    ['0612345678', '+33'],
    ['(030) 1234567', '+49'],
  ])('refuses %s with phone_trunk_prefix instead of sending it without its 0', async (typed, countryCode) => {
    harness = await startHarness();
    harness.actor.send({ type: 'login.phone', countryCode, phone: typed });
    expectAlive(harness);
    expect(harness.actor.getSnapshot().value).toBe('idle');
    expect(harness.actor.getSnapshot().context.fieldErrors).toEqual({ phone: 'phone_trunk_prefix' });
    await flush();
    expect(await harness.requests()).toEqual([]);
  });

  it('says in en to drop the trunk prefix', () => {
    expect(fieldErrorMessages.en.phone_trunk_prefix).toBe(
      'Drop the leading 0 (the trunk prefix): enter the number as you would after the country code.',
    );
  });
});

describe('7. the client refuses a phone number with a leading zero', () => {
  const mock = useClientMockServer();

  it('rejects requestPhoneOtp with invalid_phone before any request', async () => {
    const client = createVerifikClient({ baseUrl: mock.url });
    const error = await client.requestPhoneOtp({ countryCode: '+33', phone: '0612345678' }).catch((e) => e);
    expect(isLoginError(error) && error.code).toBe('invalid_phone');
    expect(await mock.requests()).toEqual([]);
  });

  it('rejects confirmPhoneOtp with invalid_phone before any request', async () => {
    const client = createVerifikClient({ baseUrl: mock.url });
    const error = await client
      .confirmPhoneOtp({ countryCode: '+33', phone: '06 12 34 56 78', otp: fixedOtp })
      .catch((e) => e);
    expect(isLoginError(error) && error.code).toBe('invalid_phone');
    expect(await mock.requests()).toEqual([]);
  });
});
