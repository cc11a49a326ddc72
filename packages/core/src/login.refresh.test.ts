import { afterEach, describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import { createLoginMachine } from './login.machine.js';
import { processLock } from './refresh-lock.js';
import { defaultSessionKey } from './session-store.js';
import { webStorage } from './storage.js';
import { flush, type Harness, logIn, MapStorage, routes, startHarness } from './test-utils.js';

const second = 1000;
const day = 24 * 60 * 60 * second;

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const session = (h: Harness) => h.actor.getSnapshot().context.session;

/** Waits until the actor is authenticated, not refreshing, with a token other than `token`. */
const refreshedFrom = (h: Harness, token: string | undefined) =>
  h.until(
    'authenticated',
    (context) => context.session?.accessToken !== token && !h.actor.getSnapshot().hasTag('busy'),
  );

describe('auto refresh', () => {
  it('a token that lives less than beforeExpiryMs is refreshed once, not in a loop', async () => {
    // The mock's tokens live 30 days; asking for 31 days of lead made every new token due at once.
    harness = await startHarness({ machine: { autoRefresh: { beforeExpiryMs: 31 * day } } });
    await logIn(harness);
    await flush();
    await flush();
    expect(await harness.requests(routes.session)).toHaveLength(0);

    // Never earlier than halfway through the token's life.
    const first = session(harness);
    harness.advance(15 * day - second);
    expect(harness.actor.getSnapshot().hasTag('busy')).toBe(false);
    harness.advance(second);
    expect(harness.actor.getSnapshot().value).toEqual({ authenticated: 'refreshing' });
    await refreshedFrom(harness, first?.accessToken);
    await flush();
    await flush();
    expect(await harness.requests(routes.session)).toHaveLength(1);
    expect(harness.actor.getSnapshot().value).toEqual({ authenticated: 'active' });
  });

  it('a failed refresh is retried with backoff until the server answers, before the session expires', async () => {
    harness = await startHarness({ machine: { autoRefresh: { beforeExpiryMs: day } } });
    await logIn(harness);
    const first = session(harness);
    await harness.fault({ route: routes.session, malformed: true, times: 2 });

    harness.advance((first?.expiresAt ?? 0) - day - harness.clock.now());
    expect(harness.actor.getSnapshot().value).toEqual({ authenticated: 'refreshing' });
    await harness.until('authenticated', (context) => context.error !== null);
    expect(harness.actor.getSnapshot().value).toEqual({ authenticated: 'active' });

    // First retry 30 s later…
    harness.advance(30 * second - 1);
    expect(harness.actor.getSnapshot().value).toEqual({ authenticated: 'active' });
    harness.advance(1);
    expect(harness.actor.getSnapshot().value).toEqual({ authenticated: 'refreshing' });
    await harness.until(
      'authenticated',
      (context) => context.error !== null && !harness?.actor.getSnapshot().hasTag('busy'),
    );

    // …the next one twice as long after that; the server is back by then.
    harness.advance(60 * second - 1);
    expect(harness.actor.getSnapshot().value).toEqual({ authenticated: 'active' });
    harness.advance(1);
    await refreshedFrom(harness, first?.accessToken);
    expect(harness.actor.getSnapshot().context.error).toBeNull();
    expect(await harness.requests(routes.session)).toHaveLength(3);
    expect(session(harness)?.expiresAt).toBeGreaterThan(first?.expiresAt ?? Number.POSITIVE_INFINITY);
  });

  it('two tabs that are due together make one refresh call, and both end with its token', async () => {
    const shared = new MapStorage();
    const lock = processLock();
    const autoRefresh = { beforeExpiryMs: day, lock };
    harness = await startHarness({ machine: { storage: webStorage(shared), autoRefresh } });
    const h = harness;
    // The second tab: its own adapter on the same storage area, the same lock, the same clock.
    const otherTab = createActor(
      createLoginMachine({
        baseUrl: h.url,
        storage: webStorage(shared),
        autoRefresh,
        now: () => h.clock.now(),
      }),
      { clock: h.clock },
    ).start();
    try {
      await waitFor(otherTab, (snapshot) => snapshot.matches('idle'));
      await logIn(h);
      await waitFor(otherTab, (snapshot) => snapshot.matches('authenticated'));
      const first = session(h);
      // Slow enough that, without a lock, the second tab's call would start while the first is out.
      await h.fault({ route: routes.session, delayMs: 200 });

      h.advance((first?.expiresAt ?? 0) - day - h.clock.now());
      expect(h.actor.getSnapshot().hasTag('busy')).toBe(true);
      expect(otherTab.getSnapshot().hasTag('busy')).toBe(true);
      await refreshedFrom(h, first?.accessToken);
      await waitFor(
        otherTab,
        (snapshot) =>
          snapshot.context.session?.accessToken !== first?.accessToken && !snapshot.hasTag('busy'),
      );
      await flush();
      expect(await h.requests(routes.session)).toHaveLength(1);
      expect(otherTab.getSnapshot().context.session?.accessToken).toBe(session(h)?.accessToken);
      expect(shared.getItem(defaultSessionKey)).toContain(session(h)?.accessToken);
    } finally {
      otherTab.stop();
    }
  });
});
