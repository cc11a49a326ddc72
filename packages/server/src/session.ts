import { type CookieSettings, readCookie } from './cookies.js';
import type { SealedSession, Sealer } from './seal.js';
import type { VerifikAuthStore } from './store.js';

/** What the request's cookie says about who is signed in. */
export type CookieSession =
  /** No session cookie at all. */
  | { state: 'none' }
  /**
   * A cookie that is not a live session of ours (tampered, foreign, expired), or was logged out or
   * refreshed (then `session` is what it holds).
   */
  | { state: 'invalid'; session?: SealedSession }
  /** A cookie that opens, whose logout record could not be checked: treated as signed out. */
  | { state: 'unchecked'; session: SealedSession }
  /** Signed in. */
  | { state: 'active'; session: SealedSession };

/** Reads, opens and checks the request's session cookie. Never throws. */
export async function readSession(
  request: Request,
  settings: CookieSettings,
  sealer: Sealer,
  store: VerifikAuthStore,
  now: number,
): Promise<CookieSession> {
  const sealed = readCookie(request, settings);
  if (sealed === undefined) return { state: 'none' };
  const session = await sealer.open(sealed, now);
  if (!session) return { state: 'invalid' };
  try {
    // The cookie's own id (a refresh or a logout of it) and its login's (a logout of any cookie of it).
    const ids = session.fid === undefined ? [session.sid] : [session.sid, session.fid];
    const revoked = await Promise.all(ids.map((id) => store.isRevoked(id)));
    return revoked.some(Boolean) ? { state: 'invalid', session } : { state: 'active', session };
  } catch {
    // The logout record cannot be read: a copied cookie might be one that was logged out.
    return { state: 'unchecked', session };
  }
}
