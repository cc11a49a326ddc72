// Issue 17, item 4: the client's checks follow the one phone and email rule of @verifik-auth/identifiers
// (country code + and 1 to 3 digits not starting with 0, the whole number at most 15 digits; email in
// any script, trailing dot allowed), the same rule the server handler and the mock Verifik apply.
import { afterEach, describe, expect, it } from 'vitest';
import { createVerifikClient } from './client.js';
import { isLoginError } from './errors.js';
import { flush, type Harness, routes, startHarness, useClientMockServer } from './test-utils.js';
import { validateEmailLogin, validatePhoneLogin } from './validation.js';

describe('phone field errors', () => {
  it.each([
    ['+1234', '5550601'],
    ['+1268', '4641234'],
    ['+01', '3115550601'],
    ['+0', '13115550601'],
  ])('refuses the country code %s with country_code_format', (countryCode, phone) => {
    expect(validatePhoneLogin({ countryCode, phone })).toEqual({ countryCode: 'country_code_format' });
  });

  it.each([
    ['+1', '1'.repeat(15)],
    ['+1', '311 555 0601 23456'],
    ['+57', '3'.repeat(14)],
    ['+131', '1555060123456'],
  ])('refuses %s %s, more than 15 digits in all, with phone_format', (countryCode, phone) => {
    expect(validatePhoneLogin({ countryCode, phone })).toEqual({ phone: 'phone_format' });
  });

  it.each([
    ['+1', '1'.repeat(14)],
    ['+57', '3'.repeat(13)],
    ['+131', '155506012345'],
    ['+268', '4641234'],
    ['+13', 115550601],
  ])('accepts %s %s, at most 15 digits in all', (countryCode, phone) => {
    expect(validatePhoneLogin({ countryCode, phone })).toEqual({});
  });

  it('still asks to drop a trunk prefix rather than dropping it', () => {
    expect(validatePhoneLogin({ countryCode: '+33', phone: '06 12 34 56 78' })).toEqual({
      phone: 'phone_trunk_prefix',
    });
  });
});

describe('email field errors', () => {
  it.each(['  Alice@Bücher.Example. ', 'alice@xn--bcher-kva.example', 'a.lice+x@gmail.com'])(
    'accepts %j',
    (email) => {
      expect(validateEmailLogin({ email })).toEqual({});
    },
  );

  it.each([
    'alice@exa%41mple.com',
    'alice@example.com/x',
    'alice@127.0.0.1',
    'alice@example..com',
    'a..lice@example.com',
  ])('refuses %j with email_format', (email) => {
    expect(validateEmailLogin({ email })).toEqual({ email: 'email_format' });
  });
});

describe('the machine and the client follow the rule', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('keeps a 4-digit country code and a 16-digit number in idle with field errors, nothing sent', async () => {
    harness = await startHarness();
    harness.actor.send({ type: 'login.phone', countryCode: '+1234', phone: '5550601' });
    expect(harness.actor.getSnapshot().context.fieldErrors).toEqual({ countryCode: 'country_code_format' });
    harness.actor.send({ type: 'login.phone', countryCode: '+131', phone: '1555060123456' });
    expect(harness.actor.getSnapshot().value).toBe('idle');
    expect(harness.actor.getSnapshot().context.fieldErrors).toEqual({ phone: 'phone_format' });
    await flush();
    expect(await harness.requests()).toEqual([]);
  });

  it('sends an email written in another script with a trailing dot, as typed (trimmed)', async () => {
    harness = await startHarness();
    harness.actor.send({ type: 'login.email', email: '  Alice@Bücher.Example. ' });
    await harness.until('awaitingOtp');
    expect(await harness.requests(routes.emailLogin)).toHaveLength(1);
  });
});

describe('the client refuses what the rule refuses, before any request', () => {
  const mock = useClientMockServer();

  it.each([
    ['+1234', '5550601'],
    ['+01', '3115550601'],
    ['+1', '1'.repeat(15)],
  ])('requestPhoneOtp and confirmPhoneOtp reject %s %s with invalid_phone', async (countryCode, phone) => {
    const client = createVerifikClient({ baseUrl: mock.url });
    for (const call of [
      () => client.requestPhoneOtp({ countryCode, phone }),
      () => client.confirmPhoneOtp({ countryCode, phone, otp: '123456' }),
    ]) {
      const error = await call().catch((e: unknown) => e);
      expect(isLoginError(error) && error.code).toBe('invalid_phone');
    }
    expect(await mock.requests()).toEqual([]);
  });
});
