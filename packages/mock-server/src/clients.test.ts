import { describe, expect, it } from 'vitest';
import { ClientDirectory } from './clients.js';
import { phoneLogin, startTestMock } from './test-helpers.js';

describe('clients', () => {
  it('registers every well-formed phone and email when no list is given', async () => {
    const { post } = await startTestMock();
    expect((await post('/v2/projects/phone-login', { ...phoneLogin, phone: 5550001 })).status).toBe(200);
    expect((await post('/v2/projects/email-login', { email: 'anyone@example.org' })).status).toBe(200);
  });

  it('answers 404 client_not_found for a phone outside the list and 404 invalid_email for an email', async () => {
    const { post } = await startTestMock({
      clients: { phones: ['+1 1234566663'], emails: ['user@example.com'] },
    });
    expect((await post('/v2/projects/phone-login', phoneLogin)).status).toBe(200);
    expect((await post('/v2/projects/email-login', { email: 'USER@example.com' })).status).toBe(200);
    expect(await post('/v2/projects/phone-login', { ...phoneLogin, phone: 1234566664 })).toMatchObject({
      status: 404,
      body: { code: 'NotFound', message: 'client_not_found' },
    });
    expect(await post('/v2/projects/email-login', { email: 'other@example.com' })).toMatchObject({
      status: 404,
      body: { code: 'NotFound', message: 'invalid_email' },
    });
  });

  it('registers nobody on a channel whose list is omitted', async () => {
    const { post } = await startTestMock({ clients: { emails: ['user@example.com'] } });
    expect((await post('/v2/projects/phone-login', phoneLogin)).status).toBe(404);
  });

  it('uses a client name as phoneData.title and keeps the client id stable across logins', async () => {
    const clients = { phones: [{ countryCode: '+1', phone: '1234566663', name: 'Ana' }] };
    const { post } = await startTestMock({ clients, resendCooldownMs: 0 });
    const first = await post('/v2/projects/phone-login', phoneLogin);
    const second = await post('/v2/projects/phone-login', phoneLogin);
    expect(first.body.data.phoneData).toEqual({ title: 'Ana' });
    expect(second.body.data.client).toBe(first.body.data.client);
  });

  it.each([
    [{ phones: ['+1-1234566663'] }, 'clients.phones[0]'],
    [{ phones: [{ countryCode: '57', phone: 300 }] }, 'clients.phones[0].countryCode'],
    [{ phones: [{ countryCode: '+57', phone: '3001234567', requires2FA: 'yes' }] }, 'requires2FA'],
    [{ emails: ['nope'] }, 'clients.emails[0]'],
    [{ phones: [{ countryCode: '+1', phone: '1234566663', authenticator: 'on' }] }, 'authenticator'],
    [{ emails: [{ email: 'a@example.com', authenticatorSecret: 'not base32!' }] }, 'authenticatorSecret'],
    [{ emails: [{ email: 'a@example.com', requires2FA: 1 }] }, 'requires2FA'],
    [{ emails: 'user@example.com' }, 'clients.emails: expected an array'],
  ])('refuses a malformed clients list %j, naming the entry', (clients, message) => {
    expect(() => new ClientDirectory(clients as never)).toThrow(message);
  });
});

describe('clients with requires2FA', () => {
  const clients = { phones: [{ countryCode: '+1', phone: 1234566663, requires2FA: true }] };
  const confirm = '/v2/projects/phone-login/confirm';

  it('says requires2FA: true and, alone, keeps the older answers: 409 missing authenticatorOTP, 403 invalid_authenticator_otp', async () => {
    const { post, lastCode } = await startTestMock({ clients });
    expect((await post('/v2/projects/phone-login', phoneLogin)).body.data.requires2FA).toBe(true);
    const otp = await lastCode();
    expect(await post(confirm, { ...phoneLogin, otp })).toMatchObject({
      status: 409,
      body: { code: 'MissingParameter', message: 'missing authenticatorOTP\n' },
    });
    expect(await post(confirm, { ...phoneLogin, otp, authenticatorOTP: '123123' })).toMatchObject({
      status: 403,
      body: { code: 'Forbidden', message: 'invalid_authenticator_otp' },
    });
    // Neither failure used the code up.
    expect((await post(confirm, { ...phoneLogin, otp, authenticatorOTP: '000000' })).status).toBe(200);
  });

  it('accepts the configured authenticator code instead of the default', async () => {
    const { post, lastCode } = await startTestMock({ clients, authenticatorOtp: '424242' });
    await post('/v2/projects/phone-login', phoneLogin);
    const otp = await lastCode();
    expect((await post(confirm, { ...phoneLogin, otp, authenticatorOTP: '000000' })).status).toBe(403);
    expect((await post(confirm, { ...phoneLogin, otp, authenticatorOTP: '424242' })).status).toBe(200);
  });
});
