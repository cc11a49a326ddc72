import { describe, expect, it } from 'vitest';
import { memoryStore, StoreFullError } from './store.js';
import { describeStoreContract } from './test-helpers/store-contract.js';

describeStoreContract('memoryStore', () => {
  let clock = Date.parse('2026-12-07T00:00:00Z');
  const shared = memoryStore({ now: () => clock });
  return {
    // Two "instances" of one process share its memory.
    make: () => shared,
    pass: async (ms) => {
      clock += ms;
    },
  };
});

describe('memoryStore when full', () => {
  const counter = (key: string, windowMs = 60_000) => ({ key, max: 10, windowMs });

  it('refuses a request that needs a new counter rather than forgetting a live one; live ones go on counting', async () => {
    const clock = 0;
    const store = memoryStore({ maxCounters: 3, now: () => clock });
    for (const key of ['a', 'b', 'c']) expect(await store.consume([counter(key)])).toEqual({ ok: true });
    await expect(store.consume([counter('d')])).rejects.toBeInstanceOf(StoreFullError);
    // Nothing of the refused request was written: its other, existing counter did not count either.
    await expect(store.consume([counter('a'), counter('d')])).rejects.toBeInstanceOf(StoreFullError);
    for (let hit = 2; hit <= 10; hit++) expect(await store.consume([counter('a')])).toEqual({ ok: true });
    expect(await store.consume([counter('a')])).toMatchObject({ ok: false });
  });

  it('makes room from expired counters first, and never counts the global ceilings against the bound', async () => {
    let clock = 0;
    const store = memoryStore({ maxCounters: 2, now: () => clock });
    await store.consume([counter('short', 1_000)]);
    await store.consume([counter('long', 60_000)]);
    // The global ceiling needs no slot, even when every slot is taken.
    expect(await store.consume([counter('total:send')])).toEqual({ ok: true });
    clock = 2_000;
    expect(await store.consume([counter('new')])).toEqual({ ok: true });
    // `long` was live and kept its count; `total:send` too.
    for (let hit = 2; hit <= 10; hit++) expect(await store.consume([counter('long')])).toEqual({ ok: true });
    expect(await store.consume([counter('long')])).toMatchObject({ ok: false });
    for (let hit = 2; hit <= 10; hit++)
      expect(await store.consume([counter('total:send')])).toEqual({ ok: true });
    expect(await store.consume([counter('total:send')])).toMatchObject({ ok: false });
  });

  it('refuses a new login when every slot holds a live one, and takes it once one has expired or ended', async () => {
    let clock = 0;
    const store = memoryStore({ maxLogins: 2, now: () => clock });
    expect(await store.createLogin('a', 1_000)).toBe(true);
    expect(await store.createLogin('b', 60_000)).toBe(true);
    expect(await store.createLogin('c', 60_000)).toBe(false);
    expect(await store.loginGeneration('a')).toBe(0);
    clock = 2_000;
    expect(await store.createLogin('c', 60_000)).toBe(true);
    expect(await store.createLogin('d', 60_000)).toBe(false);
    await store.endLogin('b');
    expect(await store.createLogin('d', 60_000)).toBe(true);
    expect(await store.loginGeneration('c')).toBe(0);
  });

  it('keeps 10 000 counters made by a flood without losing the first one', async () => {
    const store = memoryStore();
    await store.consume([{ key: 'victim', max: 1, windowMs: 60_000 }]);
    for (let n = 0; n < 10_000; n++) await store.consume([counter(`flood-${n}`)]);
    expect(await store.consume([{ key: 'victim', max: 1, windowMs: 60_000 }])).toMatchObject({ ok: false });
  });
});
