import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { phoneLogin, startTestMock, type TestMock } from '../test-helpers.js';

const revokePath = '/v2/auth/renew-and-revoke';
const sessionPath = '/v2/auth/session?origin=refresh';

async function logIn(
  { post, lastCode }: TestMock,
  who: Record<string, unknown> = phoneLogin,
): Promise<string> {
  const email = typeof who.email === 'string';
  await post(email ? '/v2/projects/email-login' : '/v2/projects/phone-login', who);
  const path = email ? '/v2/projects/email-login/confirm' : '/v2/projects/phone-login/confirm';
  const { body } = await post(path, { ...who, otp: await lastCode() });
  return body.data.accessToken;
}

const renew = (mock: TestMock, token: string) => mock.get(sessionPath, { Authorization: token });

describe('POST /v2/auth/renew-and-revoke', () => {
  it('answers a new token and ends every earlier token of the account, renewed ones included', async () => {
    const mock = await startTestMock({ resendCooldownMs: 0 });
    const first = await logIn(mock);
    const second = await logIn(mock);
    const renewed = (await renew(mock, first)).body.accessToken;
    const other = await logIn(mock, { email: 'other@example.com' });

    const { status, body } = await mock.post(revokePath, undefined, { Authorization: `Bearer ${second}` });
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(['token']);
    expect(decodeJwt(body.token).client).toBe(decodeJwt(first).client);

    for (const old of [first, second, renewed]) {
      expect(await renew(mock, old)).toMatchObject({
        status: 401,
        body: { code: 'Unauthorized', message: 'Invalid or expired token.' },
      });
    }
    expect((await renew(mock, body.token)).status).toBe(200);
    // Another account's token is untouched.
    expect((await renew(mock, other)).status).toBe(200);
    // A login after the revoke gets a token that works.
    expect((await renew(mock, await logIn(mock))).status).toBe(200);
  });

  it('takes a bare token, and ends the new token in turn on the next revoke', async () => {
    const mock = await startTestMock();
    const token = await logIn(mock);
    const next = (await mock.post(revokePath, undefined, { Authorization: token })).body.token;
    const last = (await mock.post(revokePath, undefined, { Authorization: next })).body.token;
    expect((await renew(mock, next)).status).toBe(401);
    expect((await renew(mock, last)).status).toBe(200);
  });

  it('refuses a revoked token, garbage and a missing header as the session route does', async () => {
    const mock = await startTestMock();
    const token = await logIn(mock);
    await mock.post(revokePath, undefined, { Authorization: token });
    expect((await mock.post(revokePath, undefined, { Authorization: token })).status).toBe(401);
    expect((await mock.post(revokePath, undefined, { Authorization: 'garbage' })).status).toBe(401);
    expect((await mock.post(revokePath)).body).toEqual({
      code: 'MissingParameter',
      message: 'missing Authorization header',
    });
    expect((await mock.request('GET', revokePath)).status).toBe(405);
  });
});
