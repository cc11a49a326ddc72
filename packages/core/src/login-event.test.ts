import { describe, expect, it } from 'vitest';
import { throwingAt, trap } from './hostile-inputs.js';
import { toLoginEvent } from './login-event.js';

const session = { accessToken: 'a.token', tokenType: 'bearer', issuedAt: 1_000, expiresAt: 2_000 };

describe('toLoginEvent', () => {
  it.each<[string, unknown]>([
    ['null', null],
    ['undefined', undefined],
    ['{}', {}],
    ['{ type: 5 }', { type: 5 }],
    ['an unknown type', { type: 'login.steal' }],
    ['a string', 'login.cancel'],
    ['a symbol', Symbol('login.cancel')],
    ['an array', [{ type: 'login.cancel' }]],
    ['a function', () => ({ type: 'login.cancel' })],
    ['a type whose getter throws', throwingAt('type')],
    ['a proxy that throws', trap()],
    ['a session.sync without a session', { type: 'session.sync' }],
    ['a session.sync whose session is no session', { type: 'session.sync', session: { accessToken: 1 } }],
    ['a session.sync whose session is a proxy that throws', { type: 'session.sync', session: trap() }],
  ])('refuses %s', (_, value) => {
    expect(toLoginEvent(value)).toBeUndefined();
  });

  it('copies its fields once, drops the others, and keeps primitives whatever their type', () => {
    let reads = 0;
    const input = {
      type: 'login.phone',
      countryCode: 57,
      get phone() {
        reads += 1;
        return '3001234567';
      },
      gateway: null,
      language: undefined,
      extra: 'dropped',
    };
    const event = toLoginEvent(input);
    expect(event).toEqual({ type: 'login.phone', countryCode: 57, phone: '3001234567', gateway: null });
    expect(reads).toBe(1);
    expect(Object.getOwnPropertyDescriptor(event, 'phone')?.get).toBeUndefined();
  });

  it('turns an object field, or one that cannot be read, into an empty frozen object', () => {
    const event = toLoginEvent(throwingAt('otp', { type: 'otp.submit', authenticatorOtp: trap() })) as Record<
      string,
      unknown
    >;
    expect(event.type).toBe('otp.submit');
    for (const key of ['otp', 'authenticatorOtp']) {
      expect(event[key]).toEqual({});
      expect(Object.isFrozen(event[key])).toBe(true);
    }
  });

  it('keeps a session.sync with null, or with a copy of a whole session', () => {
    expect(toLoginEvent({ type: 'session.sync', session: null })).toEqual({
      type: 'session.sync',
      session: null,
    });
    const event = toLoginEvent({ type: 'session.sync', session });
    expect(event).toEqual({ type: 'session.sync', session });
    expect((event as { session: unknown }).session).not.toBe(session);
  });

  it('keeps the events without payload as their type alone', () => {
    for (const type of [
      'login.cancel',
      'session.refresh',
      'session.logout',
      'timers.resume',
      'session.revokeOthers',
    ]) {
      expect(toLoginEvent({ type, junk: trap() })).toEqual({ type });
    }
  });
});
