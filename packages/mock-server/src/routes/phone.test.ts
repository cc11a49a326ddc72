import bcrypt from 'bcryptjs';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { phoneLogin, startTestMock, testClock } from '../test-helpers.js';

const confirmPath = '/v2/projects/phone-login/confirm';
const loginPath = '/v2/projects/phone-login';

describe('POST /v2/projects/phone-login', () => {
  it('answers 200 with the documented shape, the phone as a string and the code only as a bcrypt hash', async () => {
    const clock = testClock();
    const { post, lastCode } = await startTestMock({ now: clock.now });
    const { status, body } = await post(loginPath, phoneLogin);
    expect(status).toBe(200);
    expect(body).toEqual({
      data: {
        client: expect.stringMatching(/^[0-9a-f]{24}$/),
        project: '6266193db77ccc8111730c90',
        projectFlow: '658ed28b0990f300134d7b78',
        status: 'sent',
        countryCode: '+1',
        phone: '1234566663',
        phoneGateway: 'whatsapp',
        otp: expect.stringMatching(/^\$2a\$04\$/),
        expiresAt: '2024-05-29T03:51:27.009Z',
        phoneData: { title: 'Verifik Client' },
        type: 'login',
        redirectUrl: 'https://verifik.co',
        requires2FA: false,
        language: 'en',
        _id: expect.stringMatching(/^[0-9a-f]{24}$/),
        updatedAt: '2024-05-29T03:41:27.009Z',
        createdAt: '2024-05-29T03:41:27.009Z',
        __v: 0,
        new: true,
        providerConfirmation: {},
      },
      signature: { dateTime: 'May 29, 2024 3:41 AM', message: 'Certified by Verifik.co' },
      id: expect.stringMatching(/^[A-Z0-9]{5}$/),
    });
    const code = await lastCode();
    expect(code).toMatch(/^\d{6}$/);
    expect(body.data.otp).not.toBe(code);
    expect(await bcrypt.compare(code, body.data.otp)).toBe(true);
  });

  it('accepts the phone as a digit string, a gateway and a language', async () => {
    const { post, inbox } = await startTestMock();
    const { status, body } = await post(loginPath, {
      ...phoneLogin,
      phone: '3001234567',
      countryCode: '+57',
      phoneGateway: 'sms',
      language: 'es',
    });
    expect(status).toBe(200);
    expect(body.data).toMatchObject({
      countryCode: '+57',
      phone: '3001234567',
      phoneGateway: 'sms',
      language: 'es',
    });
    expect(await inbox()).toEqual([
      expect.objectContaining({ method: 'phone', countryCode: '+57', phone: '3001234567', gateway: 'sms' }),
    ]);
  });

  it('sends the fixed code when one is configured', async () => {
    const { post, lastCode } = await startTestMock({ fixedOtp: '123456' });
    await post(loginPath, phoneLogin);
    expect(await lastCode()).toBe('123456');
  });

  it('lists every missing field, in order, in a 409 MissingParameter', async () => {
    const { post } = await startTestMock();
    expect(await post(loginPath, {})).toMatchObject({
      status: 409,
      text: JSON.stringify({
        code: 'MissingParameter',
        message: 'missing countryCode\n. missing phone\n. missing type\n',
      }),
    });
    expect((await post(loginPath, { countryCode: '+1', phone: '' })).body).toEqual({
      code: 'MissingParameter',
      message: 'missing phone\n. missing type\n',
    });
  });

  it.each([
    ['a phone with letters', { phone: '12a4567' }],
    ['a fractional phone', { phone: 1234.5 }],
  ])('answers 400 Invalid phone number format. for %s', async (_, change) => {
    const { post } = await startTestMock();
    const { status, body } = await post(loginPath, { ...phoneLogin, ...change });
    expect(status).toBe(400);
    expect(body).toEqual({
      code: 'BadRequest',
      message: 'Invalid phone number format.',
      signature: { dateTime: expect.any(String), message: 'Certified by Verifik.co' },
    });
  });

  it('refuses a type other than login and an unknown gateway with 409 InvalidArgument', async () => {
    const { post } = await startTestMock();
    expect((await post(loginPath, { ...phoneLogin, type: 'signup' })).body.code).toBe('InvalidArgument');
    expect((await post(loginPath, { ...phoneLogin, phoneGateway: 'pigeon' })).status).toBe(409);
  });

  it('refuses a resend to the same phone and gateway inside the cooldown with 409 otp_recently_sent', async () => {
    const clock = testClock();
    const { post } = await startTestMock({ now: clock.now, resendCooldownMs: 120_000 });
    expect((await post(loginPath, phoneLogin)).status).toBe(200);
    clock.advance(119_000);
    expect(await post(loginPath, phoneLogin)).toMatchObject({
      status: 409,
      body: { code: 'Conflict', message: 'otp_recently_sent' },
    });
    // Another gateway has its own cooldown.
    expect((await post(loginPath, { ...phoneLogin, phoneGateway: 'sms' })).status).toBe(200);
  });

  it('starts a new code with a new TTL on a resend after the cooldown, and only the new code confirms', async () => {
    const clock = testClock();
    const { post, lastCode } = await startTestMock({
      now: clock.now,
      resendCooldownMs: 1000,
      otpTtlMs: 60_000,
    });
    await post(loginPath, phoneLogin);
    const first = await lastCode();
    clock.advance(1000);
    const resent = await post(loginPath, phoneLogin);
    expect(resent.body.data.expiresAt).toBe(new Date(clock.now() + 60_000).toISOString());
    const second = await lastCode();
    if (first !== second) {
      expect((await post(confirmPath, { ...phoneLogin, otp: first })).status).toBe(400);
    }
    expect((await post(confirmPath, { ...phoneLogin, otp: second })).status).toBe(200);
  });
});

describe('POST /v2/projects/phone-login/confirm', () => {
  it('answers 200 with a real JWT valid for 30 days carrying the client id', async () => {
    const clock = testClock();
    const { post, lastCode } = await startTestMock({ now: clock.now });
    const sent = await post(loginPath, phoneLogin);
    const { status, body } = await post(confirmPath, { ...phoneLogin, otp: await lastCode() });
    expect(status).toBe(200);
    expect(body).toEqual({ data: { accessToken: expect.any(String), tokenType: 'bearer' } });
    const claims = decodeJwt(body.data.accessToken);
    expect(claims.client).toBe(sent.body.data.client);
    expect(claims.iat).toBe(Math.floor(clock.now() / 1000));
    expect(claims.exp).toBe(Math.floor(clock.now() / 1000) + 30 * 24 * 60 * 60);
  });

  it('rejects a wrong code with 400 Invalid OTP code. as often as asked, without using the code up', async () => {
    const { post, lastCode } = await startTestMock({ fixedOtp: '123456' });
    await post(loginPath, phoneLogin);
    for (let attempt = 0; attempt < 5; attempt++) {
      const { status, body } = await post(confirmPath, { ...phoneLogin, otp: '654321' });
      expect(status).toBe(400);
      expect(body).toMatchObject({
        code: 'BadRequest',
        message: 'Invalid OTP code.',
        signature: expect.any(Object),
      });
    }
    expect((await post(confirmPath, { ...phoneLogin, otp: await lastCode() })).status).toBe(200);
  });

  it('answers 412 phoneValidation_has_expired once the TTL has passed, even for the right code', async () => {
    const clock = testClock();
    const { post, lastCode } = await startTestMock({ now: clock.now, otpTtlMs: 60_000 });
    await post(loginPath, phoneLogin);
    clock.advance(60_000);
    expect(await post(confirmPath, { ...phoneLogin, otp: await lastCode() })).toMatchObject({
      status: 412,
      body: { code: 'PreconditionFailed', message: 'phoneValidation_has_expired' },
    });
  });

  it('refuses to confirm the same code twice with 409 phone_validation_already_validated', async () => {
    const { post, lastCode } = await startTestMock();
    await post(loginPath, phoneLogin);
    const confirmation = { ...phoneLogin, otp: await lastCode() };
    expect((await post(confirmPath, confirmation)).status).toBe(200);
    expect(await post(confirmPath, confirmation)).toMatchObject({
      status: 409,
      body: { code: 'Conflict', message: 'phone_validation_already_validated' },
    });
  });

  it('answers 404 phone_validation_not_found when no code was sent to that phone', async () => {
    const { post } = await startTestMock();
    expect(await post(confirmPath, { ...phoneLogin, otp: '123456' })).toMatchObject({
      status: 404,
      body: { code: 'NotFound', message: 'phone_validation_not_found' },
    });
  });

  it('lists the missing fields in a 409 MissingParameter and rejects a malformed phone with 400', async () => {
    const { post } = await startTestMock();
    expect((await post(confirmPath, {})).body).toEqual({
      code: 'MissingParameter',
      message: 'missing countryCode\n. missing phone\n. missing otp\n',
    });
    expect((await post(confirmPath, { ...phoneLogin, phone: 'abc', otp: '1' })).body.message).toBe(
      'Invalid phone number format.',
    );
  });
});
