import { describe, expect, it } from 'vitest';
import { resolveOptions } from './options.js';
import { MockStore } from './store.js';
import { phoneLogin, startTestMock, testClock } from './test-helpers.js';

const loginPath = '/v2/projects/phone-login';
const confirmPath = '/v2/projects/phone-login/confirm';
const phone = (index: number) => ({ ...phoneLogin, phone: 3_000_000_000 + index });

describe('the store stays bounded', () => {
  it('holds at most maxEntries codes and cooldowns, forgetting the oldest first', async () => {
    const { mock, post } = await startTestMock({ maxEntries: 3, fixedOtp: '123456' });
    for (let index = 0; index < 5; index++) expect((await post(loginPath, phone(index))).status).toBe(200);
    expect(mock.state.store.sizes()).toEqual({ codes: 3, cooldowns: 3, inbox: 5 });
    expect((await post(confirmPath, { ...phone(0), otp: '123456' })).body.message).toBe(
      'phone_validation_not_found',
    );
    expect((await post(confirmPath, { ...phone(4), otp: '123456' })).status).toBe(200);
    // The oldest cooldown went too: phone 0 may have a new code at once.
    expect((await post(loginPath, phone(0))).status).toBe(200);
    expect((await post(loginPath, phone(4))).status).toBe(409);
  });

  it('forgets a cooldown once it has passed, and a code one TTL after it expired', async () => {
    const clock = testClock();
    const { mock, post } = await startTestMock({
      now: clock.now,
      otpTtlMs: 60_000,
      resendCooldownMs: 10_000,
      fixedOtp: '123456',
    });
    for (let index = 0; index < 3; index++) await post(loginPath, phone(index));
    expect(mock.state.store.sizes()).toEqual({ codes: 3, cooldowns: 3, inbox: 3 });
    clock.advance(10_000);
    expect(mock.state.store.sizes()).toEqual({ codes: 3, cooldowns: 0, inbox: 3 });
    // Just expired: still known, so a late confirm gets Verifik's 412 rather than a 404.
    clock.advance(50_000);
    expect((await post(confirmPath, { ...phone(0), otp: '123456' })).status).toBe(412);
    clock.advance(60_000);
    expect(mock.state.store.sizes()).toEqual({ codes: 0, cooldowns: 0, inbox: 3 });
    expect((await post(confirmPath, { ...phone(1), otp: '123456' })).status).toBe(404);
  });

  it('stays within the default cap of 10 000 under 50 000 distinct phones, and reset empties it', () => {
    const store = new MockStore(resolveOptions({}));
    const sentAt = new Date().toISOString();
    for (let index = 0; index < 50_000; index++) {
      const key = `phone:+1 ${3_000_000_000 + index}`;
      const challenge = store.issue(key, `${key}|whatsapp`);
      if (!challenge) throw new Error('a first code was refused');
      store.deliver({ method: 'phone', otp: challenge.code, sentAt, expiresAt: sentAt });
    }
    expect(store.sizes()).toEqual({ codes: 10_000, cooldowns: 10_000, inbox: 500 });
    store.reset();
    expect(store.sizes()).toEqual({ codes: 0, cooldowns: 0, inbox: 0 });
    // CPU-bound: 2.5 s alone, over 5 s on a loaded 2-core machine.
  }, 30_000);

  it('is emptied by POST /__dev/reset: codes, cooldowns, inbox, faults and the request log', async () => {
    const { mock, post } = await startTestMock();
    for (let index = 0; index < 3; index++) await post(loginPath, phone(index));
    await post('/__dev/faults', { route: loginPath, status: 500 });
    expect((await post('/__dev/reset', {})).status).toBe(200);
    expect(mock.state.store.sizes()).toEqual({ codes: 0, cooldowns: 0, inbox: 0 });
    expect(mock.state.faults.pending).toEqual([]);
    expect(mock.state.requests.records).toEqual([]);
  });

  it.each([[0], [1.5], [Number.POSITIVE_INFINITY]])('refuses maxEntries %s', (maxEntries) => {
    expect(() => resolveOptions({ maxEntries })).toThrow('maxEntries');
  });
});
