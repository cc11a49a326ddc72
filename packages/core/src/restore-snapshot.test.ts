import { describe, expect, it } from 'vitest';
import { restoreLoginSnapshot } from './restore-snapshot.js';

const now = Date.UTC(2026, 0, 1);
const session = { accessToken: 'a.b.c', tokenType: 'bearer', issuedAt: now, expiresAt: now + 1_000 };
const identifier = { method: 'phone', countryCode: '+1', phone: '1234566663' } as const;
const challenge = {
  method: 'phone',
  gateway: 'whatsapp',
  expiresAt: now + 600_000,
  requires2FA: false,
} as const;
const context = {
  identifier: null,
  challenge: null,
  resendAvailableAt: null,
  attempts: 0,
  session: null,
  error: null,
  fieldErrors: {},
  expiredReason: null,
  sendOrigin: 'idle',
  refreshRetry: null,
};
const snapshot = (value: unknown, overrides: Record<string, unknown> = {}) => ({
  status: 'active',
  value,
  context: { ...context, ...overrides },
  children: {},
});

describe('restoreLoginSnapshot', () => {
  it('keeps a well-formed resting snapshot, with only the session watcher as a child', () => {
    const restored = restoreLoginSnapshot(snapshot({ authenticated: 'active' }, { session }));
    expect(restored?.value).toEqual({ authenticated: 'active' });
    expect(restored?.context.session).toEqual(session);
    expect(Object.values(restored?.children ?? {}).map((child) => child.src)).toEqual(['watchSession']);
  });

  it('resumes a snapshot taken mid-request where the request started', () => {
    const waiting = { identifier, challenge };
    expect(restoreLoginSnapshot(snapshot('confirming', waiting))?.value).toEqual({ awaitingOtp: 'cooldown' });
    expect(restoreLoginSnapshot(snapshot('sending', waiting))?.value).toEqual({ awaitingOtp: 'cooldown' });
    expect(restoreLoginSnapshot(snapshot('sending', { identifier }))?.value).toBe('idle');
    expect(restoreLoginSnapshot(snapshot({ authenticated: 'refreshing' }, { session }))?.value).toEqual({
      authenticated: 'active',
    });
    expect(restoreLoginSnapshot(snapshot('restoring'))).toBeUndefined();
  });

  it('resumes a revoke in flight as the session before it (never replayed), and keeps the revoked reason', () => {
    expect(restoreLoginSnapshot(snapshot({ authenticated: 'revoking' }, { session }))?.value).toEqual({
      authenticated: 'active',
    });
    const revoked = restoreLoginSnapshot(snapshot('expired', { expiredReason: 'revoked' }));
    expect(revoked?.context.expiredReason).toBe('revoked');
  });

  it('keeps field errors and an email identifier that are well formed', () => {
    const fieldErrors = { phone: 'phone_format', otp: 'otp_format' };
    const email = { method: 'email', email: 'user@example.com' };
    const restored = restoreLoginSnapshot(snapshot('idle', { fieldErrors, identifier: email }));
    expect(restored?.context.fieldErrors).toEqual(fieldErrors);
    expect(restored?.context.identifier).toEqual(email);
  });

  it('takes a snapshot from before refreshRetry existed', () => {
    const { refreshRetry: _, ...older } = context;
    expect(
      restoreLoginSnapshot({ status: 'active', value: 'idle', context: older })?.context.refreshRetry,
    ).toBeNull();
  });

  it.each([
    ['not an object', 'idle'],
    ['an unknown state name', snapshot('nowhere')],
    ['an unknown substate', snapshot({ authenticated: 'dancing' })],
    ['a missing context', { status: 'active', value: 'idle' }],
    ['a done status', { ...snapshot('idle'), status: 'done' }],
    ['an identifier without phone', snapshot('idle', { identifier: { method: 'phone', countryCode: '+1' } })],
    ['authenticated with session: null', snapshot({ authenticated: 'active' })],
    [
      'a token of spaces',
      snapshot({ authenticated: 'active' }, { session: { ...session, accessToken: '  ' } }),
    ],
    [
      'an expiresAt of Infinity',
      snapshot({ authenticated: 'active' }, { session: { ...session, expiresAt: Number.POSITIVE_INFINITY } }),
    ],
    [
      'an expiresAt before issuedAt',
      snapshot({ authenticated: 'active' }, { session: { ...session, expiresAt: 1 } }),
    ],
    ['awaitingOtp without a challenge', snapshot({ awaitingOtp: 'ready' }, { identifier })],
    ['idle holding a session', snapshot('idle', { session })],
    ['expired without a reason', snapshot('expired')],
    ['an unknown error code', snapshot('idle', { error: { code: 'boom', retryable: true } })],
    ['an unknown field error', snapshot('idle', { fieldErrors: { phone: 'boom' } })],
    ['a field error on an unknown field', snapshot('idle', { fieldErrors: { password: 'required' } })],
    [
      'a field error under __proto__',
      snapshot('idle', { fieldErrors: JSON.parse('{"__proto__":"required"}') as unknown }),
    ],
    ['a field error without a code', snapshot('idle', { fieldErrors: { otp: undefined } })],
    [
      'an identifier of an unknown method',
      snapshot('idle', { identifier: { ...identifier, method: 'carrier-pigeon' } }),
    ],
    [
      'an email identifier without an email',
      snapshot('idle', { identifier: { method: 'email', phone: '1234566663', countryCode: '+1' } }),
    ],
    ['negative attempts', snapshot('idle', { attempts: -1 })],
  ])('refuses %s', (_, value) => {
    expect(restoreLoginSnapshot(value)).toBeUndefined();
  });
});
