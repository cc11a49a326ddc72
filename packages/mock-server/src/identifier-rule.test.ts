// Issue 17, item 4: the mock checks phones and emails by the one rule the client and the server handler
// share (@verifik-auth/identifiers), and refuses the rest as Verifik does.
import { describe, expect, it } from 'vitest';
import { ClientDirectory } from './clients.js';
import { startTestMock } from './test-helpers.js';

const phoneLoginPath = '/v2/projects/phone-login';
const emailLoginPath = '/v2/projects/email-login';
const emailConfirmPath = '/v2/projects/email-login/confirm';

/** Verifik's own refusal of a country code (shared/verifik-api.md §7). */
const countryCodeRefusal = {
  code: 'MissingParameter',
  message: 'Invalid countryCode format. CountryCode should be in the format + followed by 1 to 3 digits.',
};

describe('the mock follows the phone rule', () => {
  it.each(['+1234', '+01', '+0', '1', '+1a'])(
    'refuses the country code %s as Verifik does: 409 MissingParameter',
    async (countryCode) => {
      const { post } = await startTestMock();
      const answer = await post(phoneLoginPath, { countryCode, phone: 5550601, type: 'login' });
      expect(answer.status).toBe(409);
      expect(answer.body).toEqual(countryCodeRefusal);
    },
  );

  it.each([
    ['+1', '1'.repeat(15)],
    ['+131', '1555060123456'],
    ['+33', '0612345678'],
  ])(
    'refuses %s %s (over 15 digits in all, or a leading 0) with 400 Invalid phone number format.',
    async (countryCode, phone) => {
      const { post } = await startTestMock();
      const answer = await post(phoneLoginPath, { countryCode, phone, type: 'login' });
      expect(answer.status).toBe(400);
      expect(answer.body.message).toBe('Invalid phone number format.');
    },
  );

  it('accepts the forms the client accepts: 3-digit country codes, 15 digits in all, separators', async () => {
    const { post } = await startTestMock({ resendCooldownMs: 0 });
    for (const [countryCode, phone] of [
      ['+131', '155506012345'],
      ['+1', '1'.repeat(14)],
      [' +1 ', '(311) 555-0601'],
    ] as const) {
      const answer = await post(phoneLoginPath, { countryCode, phone, type: 'login' });
      expect(answer.status).toBe(200);
    }
  });

  it('refuses a clients entry the rule refuses, naming it', () => {
    expect(() => new ClientDirectory({ phones: ['+1234 5550601'] })).toThrow('clients.phones[0]');
    expect(() => new ClientDirectory({ phones: [{ countryCode: '+01', phone: 3115550601 }] })).toThrow(
      'clients.phones[0].countryCode',
    );
    expect(() => new ClientDirectory({ phones: [{ countryCode: '+1', phone: '1'.repeat(15) }] })).toThrow(
      'clients.phones[0].phone',
    );
  });
});

describe('the mock follows the email rule', () => {
  it('takes every spelling of one address as one destination: a code sent to one confirms with another', async () => {
    const { post, inbox } = await startTestMock({ fixedOtp: '123456' });
    expect((await post(emailLoginPath, { email: '  Alice@Bücher.Example. ' })).status).toBe(200);
    expect((await inbox()).map((message) => message.email)).toEqual(['alice@xn--bcher-kva.example']);
    const confirmed = await post(emailConfirmPath, { email: 'alice@xn--bcher-kva.example', otp: '123456' });
    expect(confirmed.status).toBe(200);
  });

  it('keeps Gmail dots and +tags apart: they are other addresses', async () => {
    const { post, inbox } = await startTestMock({ resendCooldownMs: 0 });
    for (const email of ['alice@gmail.com', 'a.lice@gmail.com', 'alice+x@gmail.com']) {
      expect((await post(emailLoginPath, { email })).status).toBe(200);
    }
    expect(new Set((await inbox()).map((message) => message.email)).size).toBe(3);
  });

  it.each(['alice@exa%41mple.com', 'alice@example.com/x', 'alice@127.0.0.1', 'alice..b@example.com'])(
    'refuses %s with 404 invalid_email',
    async (email) => {
      const { post } = await startTestMock();
      expect(await post(emailLoginPath, { email })).toMatchObject({
        status: 404,
        body: { code: 'NotFound', message: 'invalid_email' },
      });
    },
  );

  it('matches a registered address in any spelling', async () => {
    const { post } = await startTestMock({ clients: { emails: ['Alice@Bücher.Example'] } });
    expect((await post(emailLoginPath, { email: 'alice@xn--bcher-kva.example.' })).status).toBe(200);
  });
});
