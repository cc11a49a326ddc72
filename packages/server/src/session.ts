import { type CookieSettings, readCookie } from './cookies.js';
import type { SealedSession, Sealer } from './seal.js';
import type { VerifikAuthStore } from './store.js';

/** What the request's cookie says about who is signed in. */
export type CookieSession =
  /** No session cookie at all. */
  | { state: 'none' }
  /**
   * A cookie that is not a live session of ours: tampered, foreign, expired (no `session`), or one
   * whose login was logged out or has expired in the store (`session` is what it holds).
   */
  | { state: 'invalid'; session?: SealedSession }
  /**
   * An older cookie of a live login: a refresh made a newer one, which is on its way to the browser
   * (a refresh racing this request) or in another holder's hands. Not signed in, but not to be deleted.
   */
  | { state: 'superseded'; session: SealedSession }
  /** A cookie that opens, whose login record could not be checked: treated as signed out. */
  | { state: 'unchecked'; session: SealedSession }
  /** Signed in. */
  | { state: 'active'; session: SealedSession };

/** Reads, opens and checks the request's session cookie against its login's record. Never throws. */
export async function readSession(
  request: Request,
  settings: CookieSettings,
  sealer: Sealer<SealedSession>,
  store: VerifikAuthStore,
  now: number,
): Promise<CookieSession> {
  const sealed = readCookie(request, settings.name);
  if (sealed === undefined) return { state: 'none' };
  const session = await sealer.open(sealed, now);
  if (!session) return { state: 'invalid' };
  let generation: number | undefined;
  try {
    generation = await store.loginGeneration(session.fid);
  } catch {
    // The record cannot be read: a copied cookie might be one that was logged out.
    return { state: 'unchecked', session };
  }
  // No record: logged out, expired, or forgotten by a restarted memory store. Never signed in again.
  if (generation === undefined || generation < session.gen) return { state: 'invalid', session };
  return generation === session.gen ? { state: 'active', session } : { state: 'superseded', session };
}
