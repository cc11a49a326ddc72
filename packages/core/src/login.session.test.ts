import { afterEach, describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import { createVerifikClient } from './client.js';
import { createLoginMachine } from './login.machine.js';
import { defaultSessionKey, encodeStoredSession } from './session-store.js';
import type { StorageLike } from './storage.js';
import { flush, type Harness, logIn, phone, routes, startHarness } from './test-utils.js';

const day = 24 * 60 * 60 * 1000;

let harness: Harness;
afterEach(async () => {
  await harness?.close();
});

/** A Map behind the storage interface, asynchronous like React Native's AsyncStorage. */
function asyncStorage(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial));
  const storage: StorageLike = {
    getItem: async (key) => values.get(key) ?? null,
    setItem: async (key, value) => {
      values.set(key, value);
    },
    removeItem: async (key) => {
      values.delete(key);
    },
  };
  return { storage, values };
}

describe('8. the session', () => {
  it("expires at the token's exp, 30 days on, with reason session", async () => {
    const { storage, values } = asyncStorage();
    harness = await startHarness({ machine: { storage } });
    await logIn(harness);
    await flush();
    expect(values.has(defaultSessionKey)).toBe(true);
    const { expiresAt } = harness.actor.getSnapshot().context.session ?? { expiresAt: 0 };
    expect(expiresAt - harness.clock.now()).toBeGreaterThan(29 * day);
    // Longer than setTimeout can wait at once: the machine waits in steps.
    harness.advance(25 * day);
    expect(harness.actor.getSnapshot().matches('authenticated')).toBe(true);
    harness.advance(expiresAt - harness.clock.now());
    expect(harness.actor.getSnapshot().value).toBe('expired');
    expect(harness.actor.getSnapshot().context).toMatchObject({ expiredReason: 'session', session: null });
    await flush();
    expect(values.has(defaultSessionKey)).toBe(false);
  });

  it('session.refresh replaces the token and stores the new one', async () => {
    const { storage, values } = asyncStorage();
    harness = await startHarness({ machine: { storage } });
    await logIn(harness);
    const before = harness.actor.getSnapshot().context.session?.accessToken;
    harness.advance(1000);
    harness.actor.send({ type: 'session.refresh' });
    expect(harness.actor.getSnapshot().hasTag('busy')).toBe(true);
    await harness.until('authenticated', (context) => context.session?.accessToken !== before);
    await harness.until('authenticated', () => !harness.actor.getSnapshot().hasTag('busy'));
    const after = harness.actor.getSnapshot().context.session?.accessToken;
    await flush();
    expect(values.get(defaultSessionKey)).toContain(after);
  });

  it("a 401 on refresh before the token's expiry → expired with reason revoked (ended elsewhere)", async () => {
    harness = await startHarness();
    await logIn(harness);
    await harness.fault({
      route: routes.session,
      status: 401,
      body: { code: 'Unauthorized', message: 'Invalid or expired token.' },
    });
    harness.actor.send({ type: 'session.refresh' });
    await harness.until('expired');
    expect(harness.actor.getSnapshot().context).toMatchObject({
      expiredReason: 'revoked',
      session: null,
      error: { code: 'unauthorized' },
    });
  });

  it('session.revokeOthers stores a new session; the old token and every other copy stop working', async () => {
    const { storage, values } = asyncStorage();
    harness = await startHarness({ machine: { storage } });
    await logIn(harness);
    const before = harness.actor.getSnapshot().context.session?.accessToken ?? '';
    harness.actor.send({ type: 'session.revokeOthers' });
    expect(harness.actor.getSnapshot().value).toEqual({ authenticated: 'revoking' });
    expect(harness.actor.getSnapshot().hasTag('busy')).toBe(true);
    await harness.until('authenticated', () => !harness.actor.getSnapshot().hasTag('busy'));
    const after = harness.actor.getSnapshot().context.session;
    expect(after?.accessToken).toBeTruthy();
    expect(after?.accessToken).not.toBe(before);
    expect(after?.maskedIdentifier).toBe('+1 ••• ••• 6663');
    await flush();
    expect(values.get(defaultSessionKey)).toContain(after?.accessToken);
    const client = createVerifikClient({ baseUrl: harness.url });
    await expect(client.refreshSession(before)).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(client.refreshSession(after?.accessToken ?? '')).resolves.toBeTruthy();
  });

  it('session.revokeOthers refused with 401 → expired (revoked); another failure → active with the error', async () => {
    harness = await startHarness();
    await logIn(harness);
    await harness.fault({ route: routes.renewAndRevoke, status: 503, body: { code: 'ServiceUnavailable' } });
    harness.actor.send({ type: 'session.revokeOthers' });
    await harness.until('authenticated', (context) => context.error !== null);
    expect(harness.actor.getSnapshot().value).toEqual({ authenticated: 'active' });
    expect(harness.actor.getSnapshot().context.error).toMatchObject({ code: 'server' });
    expect(harness.actor.getSnapshot().context.session).not.toBeNull();

    await harness.fault({ route: routes.renewAndRevoke, status: 401, body: { code: 'Unauthorized' } });
    harness.actor.send({ type: 'session.revokeOthers' });
    await harness.until('expired');
    expect(harness.actor.getSnapshot().context).toMatchObject({
      expiredReason: 'revoked',
      session: null,
      error: { code: 'unauthorized' },
    });
  });

  it('refreshes by itself before expiry when autoRefresh is on', async () => {
    harness = await startHarness({ machine: { autoRefresh: { beforeExpiryMs: day } } });
    await logIn(harness);
    const first = harness.actor.getSnapshot().context.session;
    harness.advance((first?.expiresAt ?? 0) - day - harness.clock.now());
    expect(harness.actor.getSnapshot().hasTag('busy')).toBe(true);
    await harness.until('authenticated', (context) => context.session?.accessToken !== first?.accessToken);
  });

  it('session.logout clears the stored session', async () => {
    const { storage, values } = asyncStorage();
    harness = await startHarness({ machine: { storage } });
    await logIn(harness);
    harness.actor.send({ type: 'session.logout' });
    expect(harness.actor.getSnapshot().value).toBe('idle');
    expect(harness.actor.getSnapshot().context.session).toBeNull();
    await flush();
    expect(values.size).toBe(0);
  });
});

describe('9. restoring', () => {
  const stored = (expiresAt: number) =>
    // Issued 30 days before it expires, as Verifik's tokens are (a stored lifetime of decades is refused).
    encodeStoredSession({
      accessToken: 'stored-token',
      tokenType: 'bearer',
      issuedAt: expiresAt - 30 * day,
      expiresAt,
    });

  it('a stored valid session → authenticated, with no request', async () => {
    const { storage } = asyncStorage({ [defaultSessionKey]: stored(Date.now() + day) });
    harness = await startHarness({ machine: { storage } });
    expect(harness.actor.getSnapshot().value).toEqual({ authenticated: 'active' });
    expect(harness.actor.getSnapshot().context.session?.accessToken).toBe('stored-token');
    expect(await harness.requests()).toEqual([]);
  });

  it('a stored session past its expiry → expired, and it is removed', async () => {
    const { storage, values } = asyncStorage({ [defaultSessionKey]: stored(Date.now() - 1) });
    harness = await startHarness({ machine: { storage } });
    expect(harness.actor.getSnapshot().value).toBe('expired');
    expect(harness.actor.getSnapshot().context.expiredReason).toBe('session');
    await flush();
    expect(values.size).toBe(0);
  });

  it.each([
    ['not JSON', '{oops'],
    ['JSON of the wrong shape', JSON.stringify({ version: 1, session: { accessToken: 42 } })],
    ['an unknown version', JSON.stringify({ version: 9, session: {} })],
    ['a bare string', JSON.stringify('token')],
  ])('a stored value that is %s → idle, no crash', async (_, raw) => {
    const { storage, values } = asyncStorage({ [defaultSessionKey]: raw });
    harness = await startHarness({ machine: { storage } });
    expect(harness.actor.getSnapshot().value).toBe('idle');
    await flush();
    expect(values.size).toBe(0);
  });

  it('a storage that throws → idle', async () => {
    const storage: StorageLike = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => undefined,
      removeItem: () => undefined,
    };
    harness = await startHarness({ machine: { storage } });
    expect(harness.actor.getSnapshot().value).toBe('idle');
  });
});

describe('10. persisted snapshots', () => {
  it('a snapshot taken in awaitingOtp restores with the same deadlines, without the OTP or the token', async () => {
    const otp = '908172';
    harness = await startHarness({
      machine: { resendCooldownMs: 30_000 },
      mock: { otpTtlMs: 60_000, fixedOtp: otp },
    });
    harness.actor.send({ type: 'login.phone', ...phone });
    await harness.until('awaitingOtp');
    harness.actor.send({ type: 'otp.submit', otp });
    await harness.until('authenticated');
    const token = harness.actor.getSnapshot().context.session?.accessToken ?? 'missing';
    harness.actor.send({ type: 'session.logout' });
    harness.advance(120_000);
    harness.actor.send({ type: 'login.phone', ...phone });
    await harness.until('awaitingOtp');
    const persisted = JSON.stringify(harness.actor.getPersistedSnapshot());
    expect(persisted).not.toContain(otp);
    expect(persisted).not.toContain(token);
    const { challenge, resendAvailableAt } = harness.actor.getSnapshot().context;
    harness.actor.stop();

    // "After a reload": a new actor from the serialized snapshot, 10 s later.
    harness.advance(10_000);
    const restored = harness.spawn({ snapshot: JSON.parse(persisted) });
    expect(restored.getSnapshot().value).toEqual({ awaitingOtp: 'cooldown' });
    expect(restored.getSnapshot().context.challenge?.expiresAt).toBe(challenge?.expiresAt);
    expect(restored.getSnapshot().context.resendAvailableAt).toBe(resendAvailableAt);
    harness.advance(20_000);
    expect(restored.getSnapshot().value).toEqual({ awaitingOtp: 'ready' });
    harness.advance(30_000);
    expect(restored.getSnapshot().value).toBe('expired');
  });

  it('never holds the OTP, even while confirming', async () => {
    harness = await startHarness();
    harness.actor.send({ type: 'login.phone', ...phone });
    await harness.until('awaitingOtp');
    await harness.fault({ route: routes.phoneConfirm, delayMs: 200 });
    harness.actor.send({ type: 'otp.submit', otp: '987654' });
    expect(harness.actor.getSnapshot().value).toBe('confirming');
    expect(JSON.stringify(harness.actor.getPersistedSnapshot())).not.toContain('987654');
    await harness.until('awaitingOtp');
  });
});

describe('11. invalid input', () => {
  it.each([
    [
      'a country code without +',
      { type: 'login.phone', countryCode: '1', phone: '1234566663' },
      { countryCode: 'country_code_format' },
    ],
    [
      'letters in the phone',
      { type: 'login.phone', countryCode: '+1', phone: '12345abc' },
      { phone: 'phone_format' },
    ],
    ['an empty phone', { type: 'login.phone', countryCode: '+1', phone: ' ' }, { phone: 'required' }],
    ['a malformed email', { type: 'login.email', email: 'user@@example' }, { email: 'email_format' }],
  ] as const)('%s sets fieldErrors and sends nothing', async (_, event, fieldErrors) => {
    harness = await startHarness();
    harness.actor.send(event);
    expect(harness.actor.getSnapshot().value).toBe('idle');
    expect(harness.actor.getSnapshot().context.fieldErrors).toEqual(fieldErrors);
    await flush();
    expect(await harness.requests()).toEqual([]);
  });

  it('a 5-digit code for a 6-digit length sets fieldErrors.otp and sends nothing', async () => {
    harness = await startHarness();
    harness.actor.send({ type: 'login.phone', ...phone });
    await harness.until('awaitingOtp');
    harness.actor.send({ type: 'otp.submit', otp: '12345' });
    expect(harness.actor.getSnapshot().matches('awaitingOtp')).toBe(true);
    expect(harness.actor.getSnapshot().context.fieldErrors).toEqual({ otp: 'otp_format' });
    await flush();
    expect(await harness.requests(routes.phoneConfirm)).toEqual([]);
  });

  it('a valid send clears earlier field errors', async () => {
    harness = await startHarness();
    harness.actor.send({ type: 'login.phone', countryCode: '+1', phone: 'x' });
    harness.actor.send({ type: 'login.phone', ...phone });
    expect(harness.actor.getSnapshot().context.fieldErrors).toEqual({});
    await harness.until('awaitingOtp');
  });
});

describe('createLoginMachine', () => {
  it('takes a ready client', async () => {
    harness = await startHarness();
    const machine = createLoginMachine({ client: createVerifikClient({ baseUrl: harness.url }) });
    const actor = createActor(machine).start();
    await waitFor(actor, (snapshot) => snapshot.matches('idle'));
    actor.send({ type: 'login.email', email: 'user@example.com' });
    await waitFor(actor, (snapshot) => snapshot.matches('awaitingOtp'));
    actor.stop();
  });
});
