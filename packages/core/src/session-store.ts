import * as v from 'valibot';
import type { Session } from './client.types.js';
import type { SessionStorageAdapter, StorageLike } from './storage.js';

/** The default key under which the session is stored. */
export const defaultSessionKey = 'verifik-auth.session';

const StoredSession = v.object({
  version: v.literal(1),
  session: v.object({
    accessToken: v.pipe(v.string(), v.minLength(1)),
    tokenType: v.string(),
    issuedAt: v.number(),
    expiresAt: v.number(),
  }),
});

/** Reads and writes one session in a storage, in order, never throwing at the machine. */
export interface SessionStore {
  /** The stored session, or `null` when there is none or it is unreadable (which is then removed). */
  load(): Promise<Session | null>;
  save(session: Session): Promise<void>;
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

/**
 * Wraps any storage. Writes are chained so that a logout right after a login cannot be overtaken by the
 * login's slower write; a failing storage degrades to "not stored" rather than failing the login.
 */
export function createSessionStore(
  storage: StorageLike | SessionStorageAdapter,
  key = defaultSessionKey,
): SessionStore {
  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = (work: () => unknown) => {
    const next = queue.then(work).catch(() => undefined);
    queue = next;
    return next.then(() => undefined);
  };
  return {
    load: async () => {
      await queue;
      let raw: string | null | undefined;
      try {
        raw = await storage.getItem(key);
      } catch {
        return null;
      }
      const session = decodeStoredSession(raw);
      if (session === undefined) {
        await enqueue(() => storage.removeItem(key));
        return null;
      }
      return session;
    },
    save: (session) => enqueue(() => storage.setItem(key, encodeStoredSession(session))),
    clear: () => enqueue(() => storage.removeItem(key)),
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
