import * as v from 'valibot';
import type { LoginSession, Session } from './client.types.js';
import { toEpochMs } from './server-clock.js';
import type { SessionStorageAdapter, StorageLike } from './storage.js';

/** The default key under which the session is stored. */
export const defaultSessionKey = 'verifik-auth.session';

/** The longest lifetime a token can be given: 120 months (Verifik's `expiresIn` at most) of 31 days, and a day. */
const maxSessionLifetimeMs = (120 * 31 + 1) * 24 * 60 * 60 * 1000;

/**
 * An epoch-ms time a timer and a `Date` can both use ({@link toEpochMs}'s rule). One check rather than
 * `finite`, `gtValue` and `maxValue`: each valibot function costs app bundles.
 */
export const EpochMsSchema = v.pipe(
  v.number(),
  v.check((ms) => toEpochMs(ms) !== undefined),
);

const sessionTimes = {
  tokenType: v.string(),
  issuedAt: EpochMsSchema,
  expiresAt: EpochMsSchema,
};

/** Times in order, and no lifetime longer than the most Verifik's `expiresIn` can ask for (a forged far expiry). */
const inOrder = (session: { issuedAt: number; expiresAt: number }) => session.expiresAt > session.issuedAt;
const plausible = (session: { issuedAt: number; expiresAt: number }) =>
  session.expiresAt - session.issuedAt <= maxSessionLifetimeMs;

const TokenSchema = v.pipe(
  v.string(),
  v.check((token) => token.trim() !== '', 'blank token'),
);

/**
 * A session with its token (browser mode): a token that is not blank, and times that are finite,
 * positive and in order. What the session store keeps.
 */
export const SessionSchema = v.pipe(
  v.object({ accessToken: TokenSchema, ...sessionTimes, maskedIdentifier: v.optional(v.string()) }),
  v.check((session) => inOrder(session), 'expiresAt must come after issuedAt'),
  v.check((session) => plausible(session), 'implausible lifetime'),
);

/**
 * A session as the machine may hold it: {@link SessionSchema}, or a server-held one (server mode) with
 * no token at all. Shared by the machine's other-tab sync, `connect()` and {@link restoreLoginSnapshot},
 * the ways a session comes back from outside.
 */
export const LoginSessionSchema = v.pipe(
  v.object({
    accessToken: v.optional(TokenSchema),
    heldBy: v.optional(v.picklist(['server'])),
    maskedIdentifier: v.optional(v.string()),
    ...sessionTimes,
  }),
  // Exactly one of the two: a token here, or the server holds it.
  v.check(
    (session) => (session.heldBy === 'server') === (session.accessToken === undefined),
    'token or server',
  ),
  v.check((session) => inOrder(session), 'expiresAt must come after issuedAt'),
  v.check((session) => plausible(session), 'implausible lifetime'),
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
  load(): Promise<LoginSession | null>;
  /** Stores the token, its type and its times. Never rejects: a failing storage means "not stored". */
  save(session: LoginSession): Promise<void>;
  /** Removes the stored session (tabs watching the same storage see a logout). Never rejects. */
  clear(): Promise<void>;
  /** Other tabs' changes, decoded; `null` means logged out there. */
  watch(listener: (session: LoginSession | null) => void): () => void;
}

/**
 * Whether two sessions are the same login: the same token; or, in server mode where the page has no
 * token, the same person and the same expiry to the second (a token's `exp` has whole seconds; the
 * page measures it again on every answer, a few milliseconds apart).
 */
export function isSameSession(a: LoginSession, b: LoginSession): boolean {
  if (a.accessToken !== undefined || b.accessToken !== undefined) return a.accessToken === b.accessToken;
  return a.maskedIdentifier === b.maskedIdentifier && Math.abs(a.expiresAt - b.expiresAt) < 1_000;
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
  const { accessToken, tokenType, issuedAt, expiresAt, maskedIdentifier } = session;
  // An optional field in version 1: an older reader drops it, a newer one reads a value without it.
  const who = maskedIdentifier === undefined ? {} : { maskedIdentifier };
  return JSON.stringify({ version: 1, session: { accessToken, tokenType, issuedAt, expiresAt, ...who } });
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
  let latestSession: LoginSession | null = null;
  let latestSettled = true;

  const run = (number: number, intent: () => unknown): Promise<unknown> =>
    attempt(intent).then(() => {
      if (number === latest) latestSettled = true;
      // A stale write just landed, after the newest had: write the newest again.
      else if (latestSettled) void run(latest, latestIntent);
    });

  const write = (session: LoginSession | null, intent: () => unknown): Promise<void> => {
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
      // A server-held session has no token to keep: web storage never learns of it.
      if ('heldBy' in session) return Promise.resolve();
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
