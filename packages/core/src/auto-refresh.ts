// When the machine refreshes a session by itself. Modelled on supabase-js's auto refresh: a token is
// refreshed ahead of its expiry, failures are retried with a growing delay until the session runs out
// (supabase retries every 30 s tick), and a refresh runs under a lock so that tabs take turns.
import type { Session } from './client.types.js';

/** The default lead: refresh one day before expiry. */
export const defaultRefreshLeadMs = 24 * 60 * 60 * 1000;

/**
 * No refresh sooner than this after a token was received, nor between two attempts: supabase-js's
 * tick. Each refresh mints a new key to a paid API, so a misconfigured lead must not become a loop.
 */
export const minRefreshIntervalMs = 30_000;

/** The longest wait between two attempts after failures. */
export const maxRefreshRetryDelayMs = 10 * 60_000;

/** Failures in a row, and when the next attempt is due (epoch ms). */
export interface RefreshRetry {
  /** Refreshes that failed in a row; the wait doubles with each. */
  failures: number;
  /** When the next automatic attempt is due, epoch ms. */
  at: number;
}

/**
 * When a token is due for its one automatic refresh: `leadMs` before it expires, but never before
 * half its life has passed (a lead longer than the token's life would otherwise make every new token
 * due at once) nor before {@link minRefreshIntervalMs} after it was received.
 */
export function refreshDueAt(session: Pick<Session, 'issuedAt' | 'expiresAt'>, leadMs: number): number {
  const lifetime = session.expiresAt - session.issuedAt;
  return Math.max(
    session.expiresAt - leadMs,
    session.issuedAt + lifetime / 2,
    session.issuedAt + minRefreshIntervalMs,
  );
}

/**
 * The retry after one more failure at `now`: 30 s, then twice as long each time up to 10 minutes, and
 * never before a `retryAt` the server asked for (a 429's `Retry-After`).
 */
export function nextRefreshRetry(previous: RefreshRetry | null, now: number, retryAt?: number): RefreshRetry {
  const failures = (previous?.failures ?? 0) + 1;
  const delay = Math.min(minRefreshIntervalMs * 2 ** (failures - 1), maxRefreshRetryDelayMs);
  return { failures, at: Math.max(now + delay, retryAt ?? 0) };
}
