/** One counter a request must pass: at most `max` hits per fixed window of `windowMs`. */
export interface CounterCheck {
  /** The counter's key. Keys starting with `total:` are the handler's global ceilings. */
  key: string;
  /** Hits allowed per window. */
  max: number;
  /** The window's length, ms; it starts with the window's first hit. */
  windowMs: number;
}

/** What {@link VerifikAuthStore.consume} decided. */
export type ConsumeResult =
  /** Every counter was under its `max`: each one counted the hit. */
  | { ok: true }
  /** The counter `checks[index]` is full: nothing was counted; its window ends in `resetInMs`. */
  | { ok: false; index: number; resetInMs: number };

/**
 * Where the handler keeps its abuse counters and one record per live login. Every method is one
 * atomic step, so instances sharing a store (Redis) agree. A method that rejects means "the store
 * cannot be reached (or is full)": sends and confirms then fail closed, and a cookie counts as signed out.
 */
export interface VerifikAuthStore {
  /**
   * Counts one hit on every counter of `checks` when each is under its `max`, atomically; when one is
   * full, counts nothing at all (a refused request writes no key, so refused floods cannot fill the
   * store) and says which.
   */
  consume(checks: readonly CounterCheck[]): Promise<ConsumeResult>;
  /**
   * Records a new login `id` at generation 0, kept `ttlMs` (until its token expires). Resolves `false`
   * when the store has no room for it: the login is refused rather than another one forgotten.
   */
  createLogin(id: string, ttlMs: number): Promise<boolean>;
  /** The login's current generation, or `undefined` once it was logged out or expired. */
  loginGeneration(id: string): Promise<number | undefined>;
  /**
   * Compare-and-set: when the login's generation is `expected`, makes it `next` and keeps the record
   * `ttlMs` from now; resolves whether it did. A refresh commits through this, so of concurrent
   * refreshes of one cookie exactly one wins.
   */
  setLoginGeneration(id: string, expected: number, next: number, ttlMs: number): Promise<boolean>;
  /** Ends the login: every cookie of it reads as signed out from now on. */
  endLogin(id: string): Promise<void>;
}

/** Options of {@link memoryStore}. */
export interface MemoryStoreOptions {
  /**
   * The most live counters kept. Expired ones make room first; when every one is live, a request that
   * needs a new counter is refused (503) rather than a live limit forgotten. The global ceilings
   * (`total:` keys) never count against it. Default 100 000 (measured by `pnpm bench`: the default
   * limits at their ceiling for a day need far fewer).
   */
  maxCounters?: number;
  /**
   * The most live logins kept (one record per login, refreshes included). Expired ones make room
   * first; when every one is live, a new login is refused (503), never an older one forgotten (which
   * would sign its user out). Default 100 000.
   */
  maxLogins?: number;
  /** The clock. Default `Date.now`. */
  now?: () => number;
}

/**
 * The default store: this process's memory, bounded without ever evicting a live record. Right for
 * one instance; with several, each counts on its own and a logout reaches only the instance that saw
 * it, so use `redisStore`. A restart forgets every login: everyone signs in again (fail closed).
 * @example
 * createVerifikAuth({ secret, store: memoryStore({ maxLogins: 500_000 }) });
 */
export function memoryStore(options: MemoryStoreOptions = {}): VerifikAuthStore {
  const now = options.now ?? Date.now;
  const counters = expiringMap<number>(options.maxCounters ?? 100_000, now);
  const logins = expiringMap<number>(options.maxLogins ?? 100_000, now);
  // No `await` inside any method: each runs to its end before another starts, so each is atomic.
  return {
    consume: async (checks) => {
      const at = now();
      const needed = checks.filter((check) => !check.key.startsWith('total:') && !counters.has(check.key));
      for (const [index, check] of checks.entries()) {
        const entry = counters.get(check.key);
        if (entry && entry.value >= check.max) return { ok: false, index, resetInMs: entry.endsAt - at };
      }
      if (!counters.hasRoomFor(needed.length)) throw new StoreFullError('counters');
      for (const check of checks) {
        const entry = counters.get(check.key);
        if (entry) entry.value += 1;
        else counters.set(check.key, 1, at + check.windowMs, !check.key.startsWith('total:'));
      }
      return { ok: true };
    },
    createLogin: async (id, ttlMs) => {
      if (logins.has(id) || !logins.hasRoomFor(1)) return false;
      logins.set(id, 0, now() + ttlMs, true);
      return true;
    },
    loginGeneration: async (id) => logins.get(id)?.value,
    setLoginGeneration: async (id, expected, next, ttlMs) => {
      const entry = logins.get(id);
      if (!entry || entry.value !== expected) return false;
      entry.value = next;
      entry.endsAt = now() + ttlMs;
      return true;
    },
    endLogin: async (id) => {
      logins.delete(id);
    },
  };
}

/** Thrown by a {@link memoryStore} whose counters are all live and needed: the request fails closed. */
export class StoreFullError extends Error {
  /** Always `"StoreFullError"`. */
  override name = 'StoreFullError' as const;
  constructor(which: string) {
    super(`memoryStore: every ${which} slot holds a live record; refusing rather than forgetting one.`);
  }
}

interface Entry<T> {
  value: T;
  /** Epoch ms when the entry stops counting. */
  endsAt: number;
  /** Whether it takes one of the `maxEntries` slots (the global ceilings do not). */
  capped: boolean;
}

/**
 * A Map whose entries expire and which never evicts a live one: "full" means `maxEntries` live capped
 * entries, and then `hasRoomFor` says no. Expired entries are dropped on read and swept when room is
 * needed; a sweep that finds none expired is not repeated before the earliest live entry can expire.
 */
function expiringMap<T>(maxEntries: number, now: () => number) {
  const entries = new Map<string, Entry<T>>();
  let capped = 0;
  let nextSweepAt = 0;
  const remove = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    if (entry.capped) capped -= 1;
  };
  const sweep = (at: number) => {
    if (at < nextSweepAt) return;
    let earliest = Number.POSITIVE_INFINITY;
    for (const [key, entry] of entries) {
      if (entry.endsAt <= at) remove(key);
      else if (entry.endsAt < earliest) earliest = entry.endsAt;
    }
    nextSweepAt = earliest;
  };
  return {
    get(key: string): Entry<T> | undefined {
      const entry = entries.get(key);
      if (entry && entry.endsAt > now()) return entry;
      remove(key);
      return undefined;
    },
    has(key: string): boolean {
      return this.get(key) !== undefined;
    },
    hasRoomFor(count: number): boolean {
      if (count === 0 || capped + count <= maxEntries) return true;
      sweep(now());
      return capped + count <= maxEntries;
    },
    set(key: string, value: T, endsAt: number, isCapped: boolean): void {
      remove(key);
      entries.set(key, { value, endsAt, capped: isCapped });
      if (isCapped) capped += 1;
      if (endsAt < nextSweepAt) nextSweepAt = endsAt;
    },
    delete: remove,
  };
}
