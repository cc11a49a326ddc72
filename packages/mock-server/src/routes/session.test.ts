import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { phoneLogin, startTestMock, type TestMock, testClock } from '../test-helpers.js';

const sessionPath = '/v2/auth/session?origin=refresh';
const day = 24 * 60 * 60;

async function logIn({ post, lastCode }: TestMock): Promise<string> {
  await post('/v2/projects/phone-login', phoneLogin);
  const { body } = await post('/v2/projects/phone-login/confirm', { ...phoneLogin, otp: await lastCode() });
  return body.data.accessToken;
}

describe('GET /v2/auth/session', () => {
  it('renews a bare token with 200 {accessToken, tokenType} and no data wrapper', async () => {
    const clock = testClock();
    const mock = await startTestMock({ now: clock.now });
    const token = await logIn(mock);
    clock.advance(60_000);
    const { status, body } = await mock.get(sessionPath, { Authorization: token });
    expect(status).toBe(200);
    expect(body).toEqual({ accessToken: expect.any(String), tokenType: 'bearer' });
    expect(body.accessToken).not.toBe(token);
    const claims = decodeJwt(body.accessToken);
    expect(claims.client).toBe(decodeJwt(token).client);
    expect(claims.exp).toBe(Math.floor(clock.now() / 1000) + 30 * day);
  });

  it('accepts "Bearer <token>" and leaves the old token valid', async () => {
    const mock = await startTestMock();
    const token = await logIn(mock);
    expect((await mock.get(sessionPath, { Authorization: `Bearer ${token}` })).status).toBe(200);
    expect((await mock.get(sessionPath, { Authorization: token })).status).toBe(200);
  });

  it('sets the new token lifetime from expiresIn months of 30 days', async () => {
    const clock = testClock();
    const mock = await startTestMock({ now: clock.now });
    const token = await logIn(mock);
    const { body } = await mock.get(`${sessionPath}&expiresIn=3`, { Authorization: token });
    expect(decodeJwt(body.accessToken).exp).toBe(Math.floor(clock.now() / 1000) + 90 * day);
    expect((await mock.get(`${sessionPath}&expiresIn=soon`, { Authorization: token })).status).toBe(409);
  });

  it.each([
    ['garbage', 'not-a-token'],
    ['a JWT signed by someone else', 'eyJhbGciOiJIUzI1NiJ9.eyJjbGllbnQiOiJ4In0.c2lnbmF0dXJl'],
  ])('answers 401 Invalid or expired token. for %s', async (_, token) => {
    const mock = await startTestMock();
    expect(await mock.get(sessionPath, { Authorization: token })).toMatchObject({
      status: 401,
      body: { code: 'Unauthorized', message: 'Invalid or expired token.', signature: expect.any(Object) },
    });
  });

  it('answers 401 for a token past its exp', async () => {
    const clock = testClock();
    const mock = await startTestMock({ now: clock.now });
    const token = await logIn(mock);
    clock.advance(30 * day * 1000);
    expect((await mock.get(sessionPath, { Authorization: token })).status).toBe(401);
  });

  it('answers 409 missing Authorization header without one', async () => {
    const mock = await startTestMock();
    expect((await mock.get(sessionPath)).text).toBe(
      '{"code":"MissingParameter","message":"missing Authorization header"}',
    );
  });
});
