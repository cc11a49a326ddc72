/** What a counter looks like after one more hit. */
export interface LimitHit {
  /** Hits in the current window, this one included. */
  count: number;
  /** Until the window ends and the count starts again from zero, ms. */
  resetInMs: number;
}

/**
 * Where the handler keeps its abuse counters and the ids of logged-out cookies. Every method is one
 * atomic step, so instances sharing a store (Redis) agree. A method that rejects means "the store
 * cannot be reached": sends then fail closed.
 */
export interface VerifikAuthStore {
  /** Counts one hit on `key` in a fixed window of `windowMs` that starts with the window's first hit. */
  hit(key: string, windowMs: number): Promise<LimitHit>;
  /** Forgets `key`'s counter (a new code starts its confirm attempts from zero). */
  reset(key: string): Promise<void>;
  /** Records that the sealed session `id` was logged out; the record may go after `ttlMs`. */
  revoke(id: string, ttlMs: number): Promise<void>;
  /** Whether the sealed session `id` was logged out. */
  isRevoked(id: string): Promise<boolean>;
}

/** Options of {@link memoryStore}. */
export interface MemoryStoreOptions {
  /** The most keys kept; the oldest go first beyond it. Default 10 000. */
  maxEntries?: number;
  /** The clock. Default `Date.now`. */
  now?: () => number;
}

/**
 * The default store: this process's memory, bounded. Right for one instance; with several, each
 * counts on its own and a logout reaches only the instance that saw it, so use `redisStore`.
 * @example
 * createVerifikAuth({ secret, store: memoryStore({ maxEntries: 50_000 }) });
 */
export function memoryStore(options: MemoryStoreOptions = {}): VerifikAuthStore {
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  // Counters and logouts apart: a flood of counters (many numbers, many addresses) must not push
  // a logout out and bring a copied cookie back to life.
  const counters = boundedMap(maxEntries, now);
  const revoked = boundedMap(maxEntries, now);
  return {
    hit: async (key, windowMs) => {
      const entry = counters.get(key) ?? counters.set(key, { count: 0, endsAt: now() + windowMs });
      entry.count += 1;
      return { count: entry.count, resetInMs: entry.endsAt - now() };
    },
    reset: async (key) => counters.delete(key),
    revoke: async (id, ttlMs) => {
      revoked.set(id, { count: 1, endsAt: now() + ttlMs });
    },
    isRevoked: async (id) => revoked.get(id) !== undefined,
  };
}

interface Entry {
  count: number;
  /** Epoch ms when the entry stops counting. */
  endsAt: number;
}

/** A Map of entries that expire, holding at most `maxEntries` (the oldest go first). */
function boundedMap(maxEntries: number, now: () => number) {
  /** Insertion-ordered, so the first key is the oldest. */
  const entries = new Map<string, Entry>();
  return {
    get(key: string): Entry | undefined {
      const entry = entries.get(key);
      if (entry && entry.endsAt > now()) return entry;
      entries.delete(key);
      return undefined;
    },
    set(key: string, entry: Entry): Entry {
      entries.delete(key);
      entries.set(key, entry);
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries) break;
        entries.delete(oldest);
      }
      return entry;
    },
    delete(key: string): void {
      entries.delete(key);
    },
  };
}
