import * as v from 'valibot';
import type { Session } from './client.types.js';
import type { SessionStorageAdapter, StorageLike } from './storage.js';

/** The default key under which the session is stored. */
export const defaultSessionKey = 'verifik-auth.session';

/** The largest epoch-ms value a `Date` can hold. */
const maxDateMs = 8.64e15;

/** The longest lifetime a token can be given: 120 months (Verifik's `expiresIn` at most) of 31 days, and a day. */
const maxSessionLifetimeMs = (120 * 31 + 1) * 24 * 60 * 60 * 1000;

/** An epoch-ms time a timer and a `Date` can both use. */
export const EpochMsSchema = v.pipe(v.number(), v.finite(), v.gtValue(0), v.maxValue(maxDateMs));

/**
 * A session as the machine may hold it: a token that is not blank, and times that are finite, positive
 * and in order. Shared by the session store and {@link restoreLoginSnapshot}, the two ways a session
 * comes back from outside.
 */
export const SessionSchema = v.pipe(
  v.object({
    accessToken: v.pipe(
      v.string(),
      v.check((token) => token.trim() !== '', 'blank token'),
    ),
    tokenType: v.string(),
    issuedAt: EpochMsSchema,
    expiresAt: EpochMsSchema,
  }),
  v.check((session) => session.expiresAt > session.issuedAt, 'expiresAt must come after issuedAt'),
  // No token lives longer than the most Verifik's `expiresIn` can ask for: a forged far expiry is refused.
  v.check((session) => session.expiresAt - session.issuedAt <= maxSessionLifetimeMs, 'implausible lifetime'),
);

const StoredSession = v.object({
  // `picklist([1])`, not `literal(1)`: the same check, one valibot function fewer in app bundles.
  version: v.picklist([1]),
  session: SessionSchema,
});

/** How long a storage call may take before the store stops waiting for it. */
export const defaultStorageTimeoutMs = 5_000;

/** Options of {@link createSessionStore}. */
export interface SessionStoreOptions {
  /**
   * How long to wait for one `getItem`, `setItem` or `removeItem` before giving up on it: a read that
   * times out counts as "no session", a write is left to land whenever it does. Default 5 000 ms.
   */
  timeoutMs?: number;
}

/** Reads and writes one session in a storage, in order, never throwing at the machine. */
export interface SessionStore {
  /** The stored session, or `null` when there is none or it is unreadable (which is then removed). */
  load(): Promise<Session | null>;
  /** Stores the token, its type and its times. Never rejects: a failing storage means "not stored". */
  save(session: Session): Promise<void>;
  /** Removes the stored session (tabs watching the same storage see a logout). Never rejects. */
  clear(): Promise<void>;
  /** Other tabs' changes, decoded; `null` means logged out there. */
  watch(listener: (session: Session | null) => void): () => void;
}

/** Parses a stored value; anything corrupt or of the wrong shape is `undefined`. */
export function decodeStoredSession(raw: string | null | undefined): Session | null | undefined {
  if (raw === null || raw === undefined) return null;
  try {
    const parsed = v.safeParse(StoredSession, JSON.parse(raw));
    return parsed.success ? parsed.output.session : undefined;
  } catch {
    return undefined;
  }
}

export function encodeStoredSession(session: Session): string {
  const { accessToken, tokenType, issuedAt, expiresAt } = session;
  return JSON.stringify({ version: 1, session: { accessToken, tokenType, issuedAt, expiresAt } });
}

const timedOut = Symbol('timed out');

/** `promise`, or `timedOut` once `ms` have passed; the timer never keeps a process alive. */
function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | typeof timedOut> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<typeof timedOut>((resolve) => {
    timer = setTimeout(() => resolve(timedOut), ms);
    (timer as { unref?: () => void }).unref?.();
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Runs a storage call now (synchronous storages keep their order) as a promise that never rejects. */
const attempt = <T>(call: () => T | Promise<T>): Promise<T | undefined> =>
  new Promise<T>((resolve) => resolve(call())).catch(() => undefined);

/**
 * Wraps any storage. Every call has a deadline, so a storage that hangs costs a few seconds, not the
 * login. Writes are numbered and start at once, never queued behind an earlier one (a stuck `setItem`
 * would otherwise hold back a logout's `removeItem` for ever); when an older write settles after the
 * newest one did, the newest is written again, so the latest intent (say, a logout) always wins. A
 * failing storage degrades to "not stored" rather than failing the login.
 * @example
 * const store = createSessionStore(webStorage(localStorage), 'my-app.session', { timeoutMs: 2_000 });
 * const session = await store.load();
 */
export function createSessionStore(
  storage: StorageLike | SessionStorageAdapter,
  key = defaultSessionKey,
  options: SessionStoreOptions = {},
): SessionStore {
  const timeoutMs = options.timeoutMs ?? defaultStorageTimeoutMs;
  let latest = 0;
  let latestIntent: () => unknown = () => undefined;
  let latestSession: Session | null = null;
  let latestSettled = true;

  const run = (number: number, intent: () => unknown): Promise<unknown> =>
    attempt(intent).then(() => {
      if (number === latest) latestSettled = true;
      // A stale write just landed, after the newest had: write the newest again.
      else if (latestSettled) void run(latest, latestIntent);
    });

  const write = (session: Session | null, intent: () => unknown): Promise<void> => {
    latest += 1;
    latestIntent = intent;
    latestSession = session;
    latestSettled = false;
    return withDeadline(run(latest, intent), timeoutMs).then(() => undefined);
  };

  return {
    load: async () => {
      // This store's own newest write, while still in flight, is the truth (read your writes).
      if (!latestSettled) return latestSession;
      const before = latest;
      let raw: unknown;
      try {
        raw = await withDeadline(new Promise((resolve) => resolve(storage.getItem(key))), timeoutMs);
      } catch {
        return null;
      }
      if (raw === timedOut) return null;
      // A custom storage may hand back anything; only a string (or nothing) can be a session.
      const session =
        typeof raw === 'string' || raw === null || raw === undefined ? decodeStoredSession(raw) : undefined;
      if (session === undefined) {
        // Remove the unreadable value, unless a newer write has replaced it meanwhile.
        if (latest === before) await write(null, () => storage.removeItem(key));
        return null;
      }
      return session;
    },
    save: (session) => {
      const encoded = encodeStoredSession(session);
      return write(session, () => storage.setItem(key, encoded));
    },
    clear: () => write(null, () => storage.removeItem(key)),
    watch: (listener) => {
      const adapter = storage as SessionStorageAdapter;
      if (!adapter.subscribe) return () => undefined;
      return adapter.subscribe(key, (raw) => {
        const session = decodeStoredSession(raw);
        if (session !== undefined) listener(session);
      });
    },
  };
}
