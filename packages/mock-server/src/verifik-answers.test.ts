import { describe, expect, it } from 'vitest';
import type { MockClients } from './clients.js';
import { phoneLogin, startTestMock, type TestMock, testClock } from './test-helpers.js';
import { answerDifferences, type RecordedAnswer, verifikAnswers } from './verifik-answers.js';

/** The contract: each answer of the mock, over HTTP, against Verifik's recorded answer (§7). */

const phone = { countryCode: '+1', phone: '1234566663' };
const email = 'ana@example.com';
const clients = (authenticator: 'needs-setup' | 'set-up'): MockClients => ({
  phones: [{ ...phone, authenticator }],
  emails: [{ email, authenticator }],
});

async function confirmPhone(mock: TestMock, extra: Record<string, unknown> = {}) {
  await mock.post('/v2/projects/phone-login', phoneLogin);
  return mock.post('/v2/projects/phone-login/confirm', { ...phone, otp: await mock.lastCode(), ...extra });
}

async function confirmEmail(mock: TestMock, extra: Record<string, unknown> = {}) {
  await mock.post('/v2/projects/email-login', { email });
  return mock.post('/v2/projects/email-login/confirm', { email, otp: await mock.lastCode(), ...extra });
}

function expectRecorded(recorded: RecordedAnswer, answer: Awaited<ReturnType<TestMock['post']>>): void {
  const observed = {
    status: answer.status,
    contentType: answer.headers.get('content-type'),
    text: answer.text,
  };
  expect(answerDifferences(recorded, observed)).toEqual([]);
}

describe('the mock answers as Verifik does (verifik-api.md §7)', () => {
  it.each([
    ['phone', confirmPhone],
    ['email', confirmEmail],
  ])(
    'authenticator setup: 200 message, QR code and key, on a %s account that needs one',
    async (_, confirm) => {
      const mock = await startTestMock({ clients: clients('needs-setup') });
      expectRecorded(verifikAnswers.authenticatorSetup, await confirm(mock));
    },
  );

  it.each([
    ['phone', confirmPhone],
    ['email', confirmEmail],
  ])('authenticator set up: 200 message alone, on a %s account', async (_, confirm) => {
    const mock = await startTestMock({ clients: clients('set-up') });
    expectRecorded(verifikAnswers.authenticatorRequired, await confirm(mock));
  });

  it.each([
    ['phone', confirmPhone],
    ['email', confirmEmail],
  ])('a wrong authenticator code: 403 authenticator_otp_does_not_match (%s)', async (_, confirm) => {
    const mock = await startTestMock({ clients: clients('set-up'), authenticatorOtp: '424242' });
    expectRecorded(
      verifikAnswers.authenticatorOtpDoesNotMatch,
      await confirm(mock, { authenticatorOTP: '123123' }),
    );
  });

  it.each([
    ['/v2/projects/phone-login', phoneLogin, phone],
    ['/v2/projects/email-login', { email }, { email }],
  ] as const)('a code whose sending failed (%s): 409 otp_send_failed', async (route, send, who) => {
    const mock = await startTestMock({ fixedOtp: '123456' });
    await mock.post('/__dev/faults', { route, sendFails: true });
    expect((await mock.post(route, send)).status).toBe(200);
    expectRecorded(
      verifikAnswers.otpSendFailed,
      await mock.post(`${route}/confirm`, { ...who, otp: '123456' }),
    );
  });

  it('an expired email code: 412 emailValidation_has_expired', async () => {
    const clock = testClock();
    const mock = await startTestMock({ now: clock.now });
    await mock.post('/v2/projects/email-login', { email });
    const otp = await mock.lastCode();
    clock.advance(10 * 60_000);
    expectRecorded(
      verifikAnswers.emailValidationHasExpired,
      await mock.post('/v2/projects/email-login/confirm', { email, otp }),
    );
  });

  it.each([
    ['/v2/projects/phone-login', { ...phoneLogin, countryCode: '+1234' }],
    ['/v2/projects/phone-login', { ...phoneLogin, countryCode: '57' }],
    ['/v2/projects/phone-login/confirm', { ...phone, countryCode: '+0', otp: '123456' }],
  ])('a country code that is not + and 1 to 3 digits on %s: Verifik’s own message', async (path, body) => {
    const mock = await startTestMock();
    expectRecorded(verifikAnswers.invalidCountryCode, await mock.post(path, body));
  });

  it.each(['bare', 'Bearer'])('renew-and-revoke with a %s token: 200 {token}', async (style) => {
    const mock = await startTestMock();
    const token = (await confirmPhone(mock)).body.data.accessToken;
    const authorization = style === 'bare' ? token : `Bearer ${token}`;
    expectRecorded(
      verifikAnswers.renewAndRevoke,
      await mock.post('/v2/auth/renew-and-revoke', undefined, { Authorization: authorization }),
    );
  });

  it.each([
    ['GET', '/v2/nope'],
    ['POST', '/v2/projects/phone-login/resend'],
    ['GET', '/__dev/nope'],
  ])('an unknown route (%s %s): 404 plain-text Not Found', async (method, path) => {
    const mock = await startTestMock();
    expectRecorded(verifikAnswers.unknownRoute, await mock.request(method, path));
  });
});

describe('answerDifferences', () => {
  const recorded = verifikAnswers.authenticatorSetup;
  const json = (text: string) => ({ status: 200, contentType: 'application/json; charset=UTF-8', text });

  it('names each difference: status, type, keys, values and examples', () => {
    expect(
      answerDifferences(recorded, {
        status: 201,
        contentType: 'text/html',
        text: '{"data":{"message":"Hi","QRCode":"data:image/gif;base64,AA==","extra":1}}',
      }),
    ).toEqual([
      'status: 201, recorded 200',
      'content-type: text/html, recorded application/json',
      'data: keys message,QRCode,extra, recorded message,QRCode,secretKey',
      'data.message: "Hi", recorded "You are required to setup the Google Authenticator first."',
      'data.QRCode: not /^data:image\\/png;base64,[A-Za-z0-9+/]+={0,2}$/',
      'data.secretKey: not /^[A-Z2-7]{16,}$/',
    ]);
    expect(answerDifferences(recorded, json('<html>'))).toEqual(['body: not JSON']);
    expect(answerDifferences(verifikAnswers.unknownRoute, { ...json('Not found'), status: 404 })).toEqual([
      'content-type: application/json, recorded text/plain',
      'text: "Not found"',
    ]);
  });

  it('accepts a real answer of the recorded shape', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    const text = JSON.stringify({
      data: { message: JSON.parse(recorded.text).data.message, QRCode: png, secretKey: 'JBSWY3DPEHPK3PXP' },
    });
    expect(answerDifferences(recorded, json(text))).toEqual([]);
  });
});
