import type { Locale, Session } from '@verifik-auth/core';

/** What `--json` prints: the token and when it stops working (ISO 8601). */
export interface SessionJson {
  /** The JWT to send as `Authorization: Bearer …`; a 30-day key, so keep it out of logs. */
  accessToken: string;
  /** The scheme for `Authorization`, as Verifik names it (`"bearer"` when it does not say). */
  tokenType: string;
  /** When the token stops working, so a script knows when to log in again: `2025-07-12T15:04:05.000Z`. */
  expiresAt: string;
}

/** The result as printed or written: the bare token, or with `json` the {@link SessionJson}; one line. */
export function formatSession(session: Session, options: { json: boolean }): string {
  if (!options.json) return `${session.accessToken}\n`;
  const json: SessionJson = {
    accessToken: session.accessToken,
    tokenType: session.tokenType,
    expiresAt: new Date(session.expiresAt).toISOString(),
  };
  return `${JSON.stringify(json)}\n`;
}

/** A date a person reads, in their language: `Jun 12, 2025, 3:04 PM`. */
export function formatDate(epochMs: number, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(epochMs);
}
