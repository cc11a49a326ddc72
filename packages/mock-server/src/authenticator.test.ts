import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import type { MockClients } from './clients.js';
import { phoneLogin, startTestMock, type TestMock, testClock } from './test-helpers.js';

const phone = { countryCode: '+1', phone: '1234566663' };
const sendPath = '/v2/projects/phone-login';
const confirmPath = '/v2/projects/phone-login/confirm';
const setupMessage = 'You are required to setup the Google Authenticator first.';
const secret = 'JBSWY3DPEHPK3PXP';

async function send(mock: TestMock): Promise<string> {
  expect((await mock.post(sendPath, phoneLogin)).status).toBe(200);
  return mock.lastCode();
}

const confirm = (mock: TestMock, otp: string, authenticatorOTP?: string) =>
  mock.post(confirmPath, { ...phone, otp, ...(authenticatorOTP !== undefined && { authenticatorOTP }) });

const needsSetup: MockClients = { phones: [{ ...phone, authenticator: 'needs-setup' }] };

describe('an account that needs an authenticator', () => {
  it('answers the setup step without using the code up, then the token for the same code with the authenticator code', async () => {
    const mock = await startTestMock({ clients: needsSetup, resendCooldownMs: 0 });
    const otp = await send(mock);
    const setup = await confirm(mock, otp);
    expect(setup.status).toBe(200);
    expect(setup.body.data).not.toHaveProperty('accessToken');
    expect(setup.body.data.message).toBe(setupMessage);
    // Asked twice, it answers the same key: the account has one secret.
    expect((await confirm(mock, otp)).body.data.secretKey).toBe(setup.body.data.secretKey);
    const done = await confirm(mock, otp, '000000');
    expect(done.status).toBe(200);
    expect(done.body.data).toEqual({ accessToken: expect.any(String), tokenType: 'bearer' });
    // The code is used up now, as any confirmed code.
    expect((await confirm(mock, otp, '000000')).body.message).toBe('phone_validation_already_validated');

    // Set up once, later logins ask for the authenticator code without the QR code.
    const next = await send(mock);
    expect((await confirm(mock, next)).body).toEqual({ data: { message: setupMessage } });
    expect((await confirm(mock, next, '000000')).body.data.accessToken).toEqual(expect.any(String));
  });

  it('refuses a wrong authenticator code without using the code up', async () => {
    const mock = await startTestMock({ clients: needsSetup });
    const otp = await send(mock);
    expect((await confirm(mock, otp, '111111')).status).toBe(403);
    expect((await confirm(mock, otp, '000000')).status).toBe(200);
  });

  it('checks the code before the authenticator: a wrong code still gets the code’s own refusal', async () => {
    const mock = await startTestMock({ clients: needsSetup, fixedOtp: '123456' });
    await send(mock);
    expect((await confirm(mock, '654321')).body.message).toBe('Invalid OTP code.');
    expect((await confirm(mock, '654321', '000000')).body.message).toBe('Invalid OTP code.');
  });

  it('sends a small real PNG QR code and a base32 key of 16 characters', async () => {
    const mock = await startTestMock({ clients: needsSetup });
    const { QRCode, secretKey } = (await confirm(mock, await send(mock))).body.data;
    expect(secretKey).toMatch(/^[A-Z2-7]{16}$/);
    const png = Buffer.from(QRCode.replace('data:image/png;base64,', ''), 'base64');
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.length).toBeLessThan(4096);
  });

  it('applies to email accounts too, and the send answer hints requires2FA for phones', async () => {
    const mock = await startTestMock({
      clients: {
        phones: [{ ...phone, authenticator: 'set-up' }],
        emails: [{ email: 'ana@example.com', authenticator: 'needs-setup' }],
      },
    });
    expect((await mock.post(sendPath, phoneLogin)).body.data.requires2FA).toBe(true);
    await mock.post('/v2/projects/email-login', { email: 'ana@example.com' });
    const otp = await mock.lastCode();
    const setup = await mock.post('/v2/projects/email-login/confirm', { email: 'ana@example.com', otp });
    expect(Object.keys(setup.body.data)).toEqual(['message', 'QRCode', 'secretKey']);
    const done = await mock.post('/v2/projects/email-login/confirm', {
      email: 'ana@example.com',
      otp,
      authenticatorOTP: '000000',
    });
    expect(done.body.data.accessToken).toEqual(expect.any(String));
  });

  it('lets requires2FA: false hide the hint while the confirm answer still asks (the answer decides)', async () => {
    const mock = await startTestMock({
      clients: { phones: [{ ...phone, authenticator: 'needs-setup', requires2FA: false }] },
    });
    expect((await mock.post(sendPath, phoneLogin)).body.data.requires2FA).toBe(false);
    expect((await confirm(mock, await mock.lastCode())).body.data.message).toBe(setupMessage);
  });

  it('gives Verifik’s answers to requires2FA: true with an authenticator state', async () => {
    const mock = await startTestMock({
      clients: { phones: [{ ...phone, requires2FA: true, authenticator: 'set-up' }] },
    });
    const otp = await send(mock);
    expect(await confirm(mock, otp)).toMatchObject({
      status: 200,
      body: { data: { message: setupMessage } },
    });
    expect(await confirm(mock, otp, '123123')).toMatchObject({
      status: 403,
      body: { code: 'Forbidden', message: 'authenticator_otp_does_not_match' },
    });
    expect((await confirm(mock, otp, '000000')).status).toBe(200);
  });

  it('leaves accounts without an authenticator as before: the code alone answers the token', async () => {
    const mock = await startTestMock({ clients: { phones: [phone] } });
    const otp = await send(mock);
    expect((await confirm(mock, otp, '999999')).body.data.accessToken).toEqual(expect.any(String));
  });

  it('puts a set-up account back to "needs setup" on /__dev/reset', async () => {
    const mock = await startTestMock({ clients: needsSetup });
    expect((await confirm(mock, await send(mock), '000000')).status).toBe(200);
    await mock.post('/__dev/reset', {});
    expect((await confirm(mock, await send(mock))).body.data).toHaveProperty('QRCode');
  });
});

describe('a real authenticator (TOTP, RFC 6238) when the account has a secret', () => {
  const clients: MockClients = {
    phones: [{ ...phone, authenticator: 'set-up', authenticatorSecret: secret }],
  };
  const codeAt = (timestamp: number) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp });

  it('accepts the code of the current 30-second step, and of the one before (clock drift)', async () => {
    const clock = testClock();
    const mock = await startTestMock({ clients, now: clock.now, resendCooldownMs: 0 });
    expect((await confirm(mock, await send(mock), codeAt(clock.now()))).status).toBe(200);
    expect((await confirm(mock, await send(mock), codeAt(clock.now() - 30_000))).status).toBe(200);
  });

  it('refuses a code two steps old, and the fixed code', async () => {
    const clock = testClock();
    const mock = await startTestMock({ clients, now: clock.now });
    const otp = await send(mock);
    expect((await confirm(mock, otp, codeAt(clock.now() - 60_000))).status).toBe(403);
    if (codeAt(clock.now()) !== '000000') expect((await confirm(mock, otp, '000000')).status).toBe(403);
    clock.advance(60_000);
    expect((await confirm(mock, otp, codeAt(clock.now()))).status).toBe(200);
  });

  it('shows the secret, its otpauth:// line and the code accepted now in /__dev/authenticators', async () => {
    const clock = testClock();
    const mock = await startTestMock({ clients, now: clock.now });
    const { status, body } = await mock.get('/__dev/authenticators');
    expect(status).toBe(200);
    expect(body.authenticators).toEqual([
      {
        account: 'phone:+1 1234566663',
        state: 'set-up',
        check: 'totp',
        secretKey: secret,
        otpauthUrl: `otpauth://totp/Verifik:%2B1%201234566663?issuer=Verifik&secret=${secret}&algorithm=SHA1&digits=6&period=30`,
        code: codeAt(clock.now()),
      },
    ]);
    expect((await confirm(mock, await send(mock), body.authenticators[0].code)).status).toBe(200);
  });

  it('lists accounts without a secret with the fixed code', async () => {
    const mock = await startTestMock({ clients: needsSetup, authenticatorOtp: '424242' });
    const [entry] = (await mock.get('/__dev/authenticators')).body.authenticators;
    expect(entry).toMatchObject({
      account: 'phone:+1 1234566663',
      state: 'needs-setup',
      check: 'fixed',
      code: '424242',
    });
    expect(entry.secretKey).toMatch(/^[A-Z2-7]{16}$/);
  });
});

describe('phone as a string or a number', () => {
  it.each([
    ['string', '1234566663'],
    ['number', 1234566663],
  ])('accepts a %s phone on send and confirm', async (_, value) => {
    const mock = await startTestMock();
    expect((await mock.post(sendPath, { ...phoneLogin, phone: value })).status).toBe(200);
    const otp = await mock.lastCode();
    expect((await mock.post(confirmPath, { countryCode: '+1', phone: value, otp })).status).toBe(200);
  });
});
