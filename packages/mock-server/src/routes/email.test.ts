import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { startTestMock, testClock } from '../test-helpers.js';

const loginPath = '/v2/projects/email-login';
const confirmPath = '/v2/projects/email-login/confirm';

describe('POST /v2/projects/email-login', () => {
  it('takes the email from the query string with an empty body, as Verifik documents', async () => {
    const clock = testClock();
    const { request, inbox } = await startTestMock({ now: clock.now });
    const { status, body } = await request('POST', `${loginPath}?email=user%40example.com`);
    expect(status).toBe(200);
    expect(body).toEqual({
      data: { status: 'sent', email: 'user@example.com', expiresAt: '2024-05-29T03:51:27.009Z' },
      signature: { dateTime: 'May 29, 2024 3:41 AM', message: 'Certified by Verifik.co' },
      id: 'EML01',
    });
    expect(await inbox()).toEqual([
      {
        method: 'email',
        email: 'user@example.com',
        otp: expect.stringMatching(/^\d{6}$/),
        sentAt: '2024-05-29T03:41:27.009Z',
        expiresAt: '2024-05-29T03:51:27.009Z',
      },
    ]);
  });

  it('takes the email from a JSON body too', async () => {
    const { post } = await startTestMock();
    expect((await post(loginPath, { email: 'User@Example.com' })).body.data.email).toBe('user@example.com');
  });

  it('answers 409 missing email when there is none, and 404 invalid_email for a malformed one', async () => {
    const { post } = await startTestMock();
    expect((await post(loginPath)).body).toEqual({ code: 'MissingParameter', message: 'missing email\n' });
    expect(await post(loginPath, { email: 'not-an-email' })).toMatchObject({
      status: 404,
      text: '{"code":"NotFound","message":"invalid_email"}',
    });
  });

  it('refuses a resend to the same address inside the cooldown, and allows it after', async () => {
    const clock = testClock();
    const { post } = await startTestMock({ now: clock.now, resendCooldownMs: 5000 });
    await post(loginPath, { email: 'user@example.com' });
    expect((await post(loginPath, { email: 'USER@example.com' })).body).toEqual({
      code: 'Conflict',
      message: 'otp_recently_sent',
    });
    clock.advance(5000);
    expect((await post(loginPath, { email: 'user@example.com' })).status).toBe(200);
  });
});

describe('POST /v2/projects/email-login/confirm', () => {
  it('answers 200 with a JWT for the right code', async () => {
    const { post, lastCode } = await startTestMock();
    await post(loginPath, { email: 'user@example.com' });
    const { status, body } = await post(confirmPath, { email: 'user@example.com', otp: await lastCode() });
    expect(status).toBe(200);
    expect(body.data.tokenType).toBe('bearer');
    expect(decodeJwt(body.data.accessToken).client).toMatch(/^[0-9a-f]{24}$/);
  });

  it('rejects a wrong code with the documented 400 {"message":"invalid_otp","code":"ERROR"}', async () => {
    const { post, lastCode } = await startTestMock({ fixedOtp: '111111' });
    await post(loginPath, { email: 'user@example.com' });
    expect(await post(confirmPath, { email: 'user@example.com', otp: '222222' })).toMatchObject({
      status: 400,
      text: '{"message":"invalid_otp","code":"ERROR"}',
    });
    expect((await post(confirmPath, { email: 'user@example.com', otp: await lastCode() })).status).toBe(200);
  });

  it('answers 412 for an expired code and 409 for a code used twice', async () => {
    const clock = testClock();
    const { post, lastCode } = await startTestMock({ now: clock.now, otpTtlMs: 1000, resendCooldownMs: 0 });
    await post(loginPath, { email: 'user@example.com' });
    clock.advance(1000);
    expect((await post(confirmPath, { email: 'user@example.com', otp: await lastCode() })).body).toEqual({
      code: 'PreconditionFailed',
      message: 'emailValidation_has_expired',
    });
    await post(loginPath, { email: 'user@example.com' });
    const confirmation = { email: 'user@example.com', otp: await lastCode() };
    expect((await post(confirmPath, confirmation)).status).toBe(200);
    expect(await post(confirmPath, confirmation)).toMatchObject({
      status: 409,
      body: { code: 'Conflict', message: 'email_validation_already_validated' },
    });
  });

  it('answers 409 for missing fields, 404 invalid_email for a bad address and 404 when nothing was sent', async () => {
    const { post } = await startTestMock();
    expect((await post(confirmPath, {})).body.message).toBe('missing email\n. missing otp\n');
    expect((await post(confirmPath, { email: 'x', otp: '123456' })).body.message).toBe('invalid_email');
    expect((await post(confirmPath, { email: 'a@b.co', otp: '123456' })).body).toEqual({
      code: 'NotFound',
      message: 'email_validation_not_found',
    });
  });
});
