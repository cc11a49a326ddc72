// Starting an actor from a persisted snapshot that was tampered with, or written by a buggy app: the
// machine refuses it and starts fresh, instead of dying, crashing connect() or staying logged in.
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from 'xstate';
import { connect } from './connect.js';
import { flush, type Harness, logIn, phone, routes, startHarness } from './test-utils.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const day = 24 * 60 * 60 * 1000;

/** A JSON round trip of the actor's persisted snapshot, as an app would keep it. */
const persisted = (h: Harness) => JSON.parse(JSON.stringify(h.actor.getPersistedSnapshot()));

describe('restoring a persisted snapshot', () => {
  type Persisted = { [key: string]: unknown; context: { [key: string]: unknown; session: object } };
  type Forge = (snapshot: Persisted) => unknown;
  const forged: Array<[string, 'awaitingOtp' | 'authenticated', Forge]> = [
    ['an unknown state name', 'authenticated', (s) => ({ ...s, value: 'nowhere' })],
    ['no context', 'authenticated', ({ context: _, ...s }) => s],
    [
      'an identifier without phone',
      'awaitingOtp',
      (s) => ({ ...s, context: { ...s.context, identifier: { method: 'phone', countryCode: '+1' } } }),
    ],
    [
      'authenticated with session: null',
      'authenticated',
      (s) => ({ ...s, context: { ...s.context, session: null } }),
    ],
    [
      'a token of spaces',
      'authenticated',
      (s) => ({ ...s, context: { ...s.context, session: { ...s.context.session, accessToken: '   ' } } }),
    ],
    [
      'an expiresAt of Infinity',
      'authenticated',
      (s) => ({
        ...s,
        context: { ...s.context, session: { ...s.context.session, expiresAt: Number.POSITIVE_INFINITY } },
      }),
    ],
    ['a status of error', 'authenticated', (s) => ({ ...s, status: 'error' })],
  ];

  it.each(forged)('%s → a fresh start, a live actor and a view that renders', async (_, from, forge) => {
    harness = await startHarness();
    if (from === 'authenticated') await logIn(harness);
    else {
      harness.actor.send({ type: 'login.phone', ...phone });
      await harness.until('awaitingOtp');
    }
    const snapshot = forge(persisted(harness));
    // Empty the storage, so that a fresh start ends in idle.
    if (from === 'authenticated') harness.actor.send({ type: 'session.logout' });
    harness.actor.stop();
    await flush();

    const restored = harness.spawn({ snapshot: snapshot as never });
    await waitFor(restored, (s) => s.status !== 'active' || !s.matches('restoring'));
    expect(restored.getSnapshot().status).toBe('active');
    expect(restored.getSnapshot().value).toBe('idle');
    expect(restored.getSnapshot().context).toMatchObject({ identifier: null, session: null });
    expect(connect(restored.getSnapshot(), restored.send).step).toBe('idle');
    // The actor is alive: it takes a login (by email: the phone is in its resend cooldown).
    restored.send({ type: 'login.email', email: 'user@example.com' });
    await waitFor(restored, (s) => s.matches('awaitingOtp'));
  });

  it('a snapshot taken while refreshing resumes authenticated, without replaying the refresh', async () => {
    harness = await startHarness();
    await logIn(harness);
    await harness.fault({ route: routes.session, delayMs: 300 });
    harness.actor.send({ type: 'session.refresh' });
    expect(harness.actor.getSnapshot().value).toEqual({ authenticated: 'refreshing' });
    const snapshot = persisted(harness);
    const { session } = harness.actor.getSnapshot().context;
    harness.actor.stop();
    await flush();
    const before = (await harness.requests(routes.session)).length;

    const restored = harness.spawn({ snapshot });
    expect(restored.getSnapshot().value).toEqual({ authenticated: 'active' });
    expect(restored.getSnapshot().hasTag('busy')).toBe(false);
    await flush();
    expect(await harness.requests(routes.session)).toHaveLength(before);
    // Its expiry timer runs again.
    harness.advance((session?.expiresAt ?? 0) - harness.clock.now());
    expect(restored.getSnapshot().value).toBe('expired');
  });

  it('a snapshot whose session is past its expiry expires on restore', async () => {
    harness = await startHarness();
    await logIn(harness);
    const snapshot = persisted(harness);
    harness.actor.stop();
    harness.advance(31 * day);
    const restored = harness.spawn({ snapshot });
    harness.advance(1);
    expect(restored.getSnapshot().value).toBe('expired');
  });
});
