/**
 * What every {@link VerifikAuthStore} must do, as one suite run against the memory store (on a clock
 * the test moves) and the Redis store (on a real redis-server, real time with room to spare).
 */
import { describe, expect, it } from 'vitest';
import type { CounterCheck, VerifikAuthStore } from '../store.js';

export interface StoreUnderTest {
  /** A new store; stores made by one test share their data (two instances of one deployment). */
  make(): VerifikAuthStore;
  /** Lets `ms` pass for the store. */
  pass(ms: number): Promise<void>;
}

let keys = 0;
/** A key no other test uses. */
const fresh = (name: string) => `${name}-${++keys}-${Date.now()}`;
const check = (key: string, max: number, windowMs = 60_000): CounterCheck => ({ key, max, windowMs });

export function describeStoreContract(name: string, subject: () => StoreUnderTest) {
  describe(`${name}: the store contract`, () => {
    it('counts every check of a consume, and when one is full counts none and names it', async () => {
      const store = subject().make();
      const [a, b] = [fresh('a'), fresh('b')];
      expect(await store.consume([check(a, 3), check(b, 1)])).toEqual({ ok: true });
      const refused = await store.consume([check(a, 3), check(b, 1)]);
      expect(refused).toMatchObject({ ok: false, index: 1 });
      expect(refused.ok === false && refused.resetInMs).toBeGreaterThan(50_000);
      // `a` did not count the refused request: two more fit, the third does not.
      expect(await store.consume([check(a, 3)])).toEqual({ ok: true });
      expect(await store.consume([check(a, 3)])).toEqual({ ok: true });
      expect(await store.consume([check(a, 3)])).toMatchObject({ ok: false, index: 0 });
    });

    it('starts a counter again once its window has passed', async () => {
      const { make, pass } = subject();
      const store = make();
      const key = fresh('window');
      expect(await store.consume([check(key, 1, 150)])).toEqual({ ok: true });
      expect(await store.consume([check(key, 1, 150)])).toMatchObject({ ok: false });
      await pass(250);
      expect(await store.consume([check(key, 1, 150)])).toEqual({ ok: true });
    });

    it('lets exactly `max` of 200 concurrent consumes through, from two instances', async () => {
      const { make } = subject();
      const stores = [make(), make()];
      const key = fresh('concurrent');
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, index) => stores[index % 2]?.consume([check(key, 50)])),
      );
      expect(results.filter((result) => result?.ok)).toHaveLength(50);
    });

    it('keeps a login at generation 0, moves it by compare-and-set only, and ends it', async () => {
      const store = subject().make();
      const id = fresh('login');
      expect(await store.loginGeneration(id)).toBeUndefined();
      expect(await store.createLogin(id, 60_000)).toBe(true);
      expect(await store.loginGeneration(id)).toBe(0);
      expect(await store.setLoginGeneration(id, 1, 2, 60_000)).toBe(false);
      expect(await store.setLoginGeneration(id, 0, 1, 60_000)).toBe(true);
      expect(await store.loginGeneration(id)).toBe(1);
      await store.endLogin(id);
      expect(await store.loginGeneration(id)).toBeUndefined();
      expect(await store.setLoginGeneration(id, 1, 2, 60_000)).toBe(false);
      expect(await store.loginGeneration(id)).toBeUndefined();
    });

    it('of 5 concurrent compare-and-sets of one generation, from two instances, exactly one wins', async () => {
      const { make } = subject();
      const stores = [make(), make()];
      const id = fresh('race');
      await stores[0]?.createLogin(id, 60_000);
      const wins = await Promise.all(
        Array.from({ length: 5 }, (_, index) => stores[index % 2]?.setLoginGeneration(id, 0, 1, 60_000)),
      );
      expect(wins.filter(Boolean)).toHaveLength(1);
    });

    it('forgets a login when its lifetime has passed; a compare-and-set renews the lifetime', async () => {
      const { make, pass } = subject();
      const store = make();
      const [short, renewed] = [fresh('short'), fresh('renewed')];
      await store.createLogin(short, 150);
      await store.createLogin(renewed, 150);
      expect(await store.setLoginGeneration(renewed, 0, 1, 60_000)).toBe(true);
      await pass(250);
      expect(await store.loginGeneration(short)).toBeUndefined();
      expect(await store.loginGeneration(renewed)).toBe(1);
    });

    it('never creates a login over an existing one', async () => {
      const store = subject().make();
      const id = fresh('twice');
      await store.createLogin(id, 60_000);
      await store.setLoginGeneration(id, 0, 3, 60_000);
      expect(await store.createLogin(id, 60_000)).toBe(false);
      expect(await store.loginGeneration(id)).toBe(3);
    });
  });
}
