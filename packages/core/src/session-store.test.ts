import { afterEach, describe, expect, it, vi } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { createLoginMachine } from './login.machine.js';
import {
  createSessionStore,
  decodeStoredSession,
  defaultSessionKey,
  encodeStoredSession,
} from './session-store.js';
import type { StorageLike } from './storage.js';
import { flush, type Harness, logIn, startHarness } from './test-utils.js';

const never = () => new Promise<never>(() => undefined);

let harness: Harness | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await harness?.close();
  harness = undefined;
});

describe('a storage that hangs', () => {
  it('a getItem that never settles → idle once the storage deadline passes, not restoring for ever', () => {
    const clock = new SimulatedClock();
    clock.set(Date.now());
    const storage: StorageLike = { getItem: never, setItem: () => undefined, removeItem: () => undefined };
    const machine = createLoginMachine({ baseUrl: 'http://127.0.0.1:9', storage, now: () => clock.now() });
    const actor = createActor(machine, { clock }).start();
    expect(actor.getSnapshot().value).toBe('restoring');
    clock.increment(4_999);
    expect(actor.getSnapshot().hasTag('busy')).toBe(true);
    clock.increment(1);
    expect(actor.getSnapshot().value).toBe('idle');
    expect(actor.getSnapshot().hasTag('busy')).toBe(false);
    actor.stop();
  });

  it("a setItem that never settles does not hold back logout's removeItem", async () => {
    const values = new Map<string, string>();
    // The value lands, but the promise never settles (a wedged IndexedDB transaction, say).
    const storage: StorageLike = {
      getItem: (key) => values.get(key) ?? null,
      setItem: (key, value) => {
        values.set(key, value);
        return never();
      },
      removeItem: (key) => {
        values.delete(key);
      },
    };
    harness = await startHarness({ machine: { storage } });
    await logIn(harness);
    await flush();
    expect(values.has(defaultSessionKey)).toBe(true);
    harness.actor.send({ type: 'session.logout' });
    await flush();
    expect(values.has(defaultSessionKey)).toBe(false);
  });

  it('a login write that lands after the logout does not bring the token back', async () => {
    const values = new Map<string, string>();
    const pending: Array<() => void> = [];
    const storage: StorageLike = {
      getItem: (key) => values.get(key) ?? null,
      setItem: (key, value) =>
        new Promise<void>((resolve) => {
          pending.push(() => {
            values.set(key, value);
            resolve();
          });
        }),
      removeItem: (key) => {
        values.delete(key);
      },
    };
    harness = await startHarness({ machine: { storage } });
    await logIn(harness);
    harness.actor.send({ type: 'session.logout' });
    await flush();
    for (const land of pending.splice(0)) land();
    await flush();
    expect(values.has(defaultSessionKey)).toBe(false);
  });
});

describe('createSessionStore', () => {
  const session = { accessToken: 'token-1', tokenType: 'bearer', issuedAt: 1_000, expiresAt: 2_000 };

  it('gives up on a read after its deadline and reports no session', async () => {
    vi.useFakeTimers();
    const store = createSessionStore(
      { getItem: never, setItem: never, removeItem: never },
      defaultSessionKey,
      {
        timeoutMs: 5_000,
      },
    );
    const loaded = store.load();
    await vi.advanceTimersByTimeAsync(5_000);
    await expect(loaded).resolves.toBeNull();
  });

  it('gives up waiting on a write after its deadline', async () => {
    vi.useFakeTimers();
    const store = createSessionStore(
      { getItem: never, setItem: never, removeItem: never },
      defaultSessionKey,
      {
        timeoutMs: 5_000,
      },
    );
    const saved = store.save(session);
    await vi.advanceTimersByTimeAsync(5_000);
    await expect(saved).resolves.toBeUndefined();
  });

  it('the newest intent wins: a save that settles after a later clear is undone', async () => {
    const values = new Map<string, string>();
    let land: () => void = () => undefined;
    const store = createSessionStore({
      getItem: (key) => values.get(key) ?? null,
      setItem: (key, value) =>
        new Promise<void>((resolve) => {
          land = () => {
            values.set(key, value);
            resolve();
          };
        }),
      removeItem: (key) => {
        values.delete(key);
      },
    });
    const saved = store.save(session);
    await store.clear();
    land();
    await saved;
    await flush();
    expect(values.size).toBe(0);
  });

  it('a clear that settles after a later save is undone too', async () => {
    const values = new Map<string, string>([[defaultSessionKey, encodeStoredSession(session)]]);
    let land: () => void = () => undefined;
    const store = createSessionStore({
      getItem: (key) => values.get(key) ?? null,
      setItem: (key, value) => {
        values.set(key, value);
      },
      removeItem: (key) =>
        new Promise<void>((resolve) => {
          land = () => {
            values.delete(key);
            resolve();
          };
        }),
    });
    const newer = { ...session, accessToken: 'token-2' };
    const cleared = store.clear();
    await store.save(newer);
    land();
    await cleared;
    await flush();
    expect(decodeStoredSession(values.get(defaultSessionKey))).toEqual(newer);
  });
});

describe('decodeStoredSession', () => {
  const good = { accessToken: 'token', tokenType: 'bearer', issuedAt: 1_000, expiresAt: 2_000 };
  const raw = (session: Record<string, unknown>) => JSON.stringify({ version: 1, session });

  it('reads a well-formed session', () => {
    expect(decodeStoredSession(raw(good))).toEqual(good);
  });

  it('keeps who signed in, masked, through a write and a read; a value stored without it still reads', () => {
    const signedIn = { ...good, maskedIdentifier: '+1 ••• ••• 6663' };
    expect(decodeStoredSession(encodeStoredSession(signedIn))).toEqual(signedIn);
    expect(decodeStoredSession(encodeStoredSession(good))).toEqual(good);
    expect(decodeStoredSession(raw({ ...good, maskedIdentifier: 42 }))).toBeUndefined();
  });

  it.each([
    ['a token of spaces', { ...good, accessToken: '   ' }],
    ['an empty token', { ...good, accessToken: '' }],
    ['a negative issuedAt', { ...good, issuedAt: -1 }],
    ['a zero expiresAt', { ...good, issuedAt: 0, expiresAt: 0 }],
    ['an expiresAt before issuedAt', { ...good, expiresAt: 500 }],
    ['an expiresAt equal to issuedAt', { ...good, expiresAt: 1_000 }],
    ['an expiresAt past what a Date can hold', { ...good, expiresAt: 1e300 }],
    ['a lifetime longer than any Verifik token (year 275760)', { ...good, issuedAt: 1, expiresAt: 8.6e15 }],
    ['a string expiresAt', { ...good, expiresAt: '2000' }],
    ['no tokenType', { accessToken: 'token', issuedAt: 1_000, expiresAt: 2_000 }],
  ])('refuses %s', (_, session) => {
    expect(decodeStoredSession(raw(session))).toBeUndefined();
  });
});
