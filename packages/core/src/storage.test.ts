import { describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import { createLoginMachine } from './login.machine.js';
import { defaultSessionKey, encodeStoredSession } from './session-store.js';
import { memoryStorage, webStorage } from './storage.js';
import { fixedOtp, flush, MapStorage, phone, startHarness } from './test-utils.js';

describe('memoryStorage', () => {
  it('keeps values per instance', () => {
    const a = memoryStorage();
    const b = memoryStorage();
    a.setItem('k', 'v');
    expect(a.getItem('k')).toBe('v');
    expect(b.getItem('k')).toBeNull();
    a.removeItem('k');
    expect(a.getItem('k')).toBeNull();
  });
});

describe('webStorage', () => {
  it('stores under the given key', () => {
    const store = new MapStorage();
    const storage = webStorage(store, 'my-app.session');
    storage.setItem(defaultSessionKey, 'x');
    expect(store.getItem('my-app.session')).toBe('x');
  });

  it('carries a login and a logout from one tab to another', async () => {
    const shared = new MapStorage();
    const harness = await startHarness({ machine: { storage: webStorage(shared) } });
    try {
      // A second "tab": same storage area, its own adapter and actor.
      const otherTab = createActor(
        createLoginMachine({
          baseUrl: harness.url,
          storage: webStorage(shared),
          now: () => harness.clock.now(),
        }),
      ).start();
      await waitFor(otherTab, (snapshot) => snapshot.matches('idle'));

      harness.actor.send({ type: 'login.phone', ...phone });
      await harness.until('awaitingOtp');
      harness.actor.send({ type: 'otp.submit', otp: fixedOtp });
      await harness.until('authenticated');
      const token = harness.actor.getSnapshot().context.session?.accessToken;
      await waitFor(otherTab, (snapshot) => snapshot.matches('authenticated'), { timeout: 2000 });
      expect(otherTab.getSnapshot().context.session?.accessToken).toBe(token);

      otherTab.send({ type: 'session.logout' });
      await harness.until('idle');
      expect(shared.getItem(defaultSessionKey)).toBeNull();
      otherTab.stop();
    } finally {
      await harness.close();
    }
  });

  it("a logout heard from another tab clears this tab's own sessionStorage, so a reload stays logged out", async () => {
    // sessionStorage is per tab; only the channel is shared. Each "tab" has its own area.
    const areaA = new MapStorage();
    const areaB = new MapStorage();
    const harness = await startHarness({ machine: { storage: webStorage(areaA) } });
    const tabB = createActor(
      createLoginMachine({
        baseUrl: harness.url,
        storage: webStorage(areaB),
        now: () => harness.clock.now(),
      }),
    ).start();
    try {
      await waitFor(tabB, (snapshot) => snapshot.matches('idle'));
      harness.actor.send({ type: 'login.phone', ...phone });
      await harness.until('awaitingOtp');
      harness.actor.send({ type: 'otp.submit', otp: fixedOtp });
      await harness.until('authenticated');
      await waitFor(tabB, (snapshot) => snapshot.matches('authenticated'), { timeout: 2000 });
      expect(areaA.getItem(defaultSessionKey)).not.toBeNull();

      tabB.send({ type: 'session.logout' });
      await harness.until('idle');
      await flush();
      expect(areaA.getItem(defaultSessionKey)).toBeNull();

      // "Reload" tab A: a new actor on A's own area starts logged out.
      const reloaded = harness.spawn();
      await waitFor(reloaded, (snapshot) => !snapshot.matches('restoring'));
      expect(reloaded.getSnapshot().value).toBe('idle');
    } finally {
      tabB.stop();
      await harness.close();
    }
  });

  it('restores a session another tab stored before this one started', async () => {
    const shared = new MapStorage();
    shared.setItem(
      defaultSessionKey,
      encodeStoredSession({
        accessToken: 't',
        tokenType: 'bearer',
        issuedAt: Date.now(),
        expiresAt: Date.now() + 60_000,
      }),
    );
    const actor = createActor(
      createLoginMachine({ baseUrl: 'http://127.0.0.1:9', storage: webStorage(shared) }),
    ).start();
    await waitFor(actor, (snapshot) => !snapshot.matches('restoring'));
    expect(actor.getSnapshot().matches('authenticated')).toBe(true);
    actor.stop();
  });
});
