/**
 * The default memory store's size after a day with every default limit at its ceiling: 1 000 codes an
 * hour (the global ceiling), each to its own number from its own address (so each makes its own
 * counters), each code tried 5 times (its most) from addresses of their own, one login per code,
 * refreshed once. Driven through the handler's own limiter and key hasher on a simulated clock, so a
 * day takes seconds; the figure is the heap the store holds at the end, after GC.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createKeyHasher } from '../../packages/server/src/limit-keys.js';
import { createLimiter, DEFAULT_RATE_LIMITS, resolveRateLimits } from '../../packages/server/src/limits.js';
import { memoryStore } from '../../packages/server/src/store.js';
import { settledHeap } from './heap.js';

export interface StoreCeiling {
  sends: number;
  confirms: number;
  logins: number;
  /** Heap held by the store at the end of the day, bytes. */
  heapBytes: number;
  /** Requests the store refused for want of room (it must be none under the defaults). */
  refusedForRoom: number;
}

const HOUR = 3_600_000;

export async function measureStoreCeiling(gc: () => void, hours = 24): Promise<StoreCeiling> {
  let clock = Date.parse('2026-12-07T00:00:00Z');
  const sendsPerHour = DEFAULT_RATE_LIMITS.sendsTotal.max;
  const before = await settledHeap(gc);
  const store = memoryStore({ now: () => clock });
  const limiter = createLimiter(
    store,
    resolveRateLimits(),
    createKeyHasher(randomBytes(32).toString('base64url')),
    () => {},
  );
  const tries = DEFAULT_RATE_LIMITS.confirmsPerCode.max;
  let sends = 0;
  let confirms = 0;
  let logins = 0;
  let refusedForRoom = 0;
  const counted = async (run: () => Promise<unknown>) => {
    try {
      await run();
      return true;
    } catch (error) {
      if ((error as { status?: number }).status === 503) refusedForRoom++;
      return false;
    }
  };
  for (let n = 0; n < sendsPerHour * hours; n++) {
    clock += HOUR / sendsPerHour;
    const identifier = `phone:+1${3_000_000_000 + n}`;
    const address = (k: number) => `10.${(k >> 16) & 255}.${(k >> 8) & 255}.${k & 255}`;
    if (!(await counted(() => limiter.send(identifier, address(n))))) continue;
    sends++;
    const challenge = randomUUID();
    for (let attempt = 0; attempt < tries; attempt++) {
      if (await counted(() => limiter.confirm(identifier, challenge, address(n * tries + attempt + 1))))
        confirms++;
    }
    const login = randomUUID();
    if (await store.createLogin(login, 30 * 24 * HOUR)) {
      logins++;
      await counted(() => limiter.refresh(login));
    } else refusedForRoom++;
  }
  const after = await settledHeap(gc);
  // Used after the measure, so the store is still alive when it is taken.
  await store.loginGeneration('');
  return { sends, confirms, logins, heapBytes: after - before, refusedForRoom };
}
