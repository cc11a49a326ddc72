import { open } from 'node:fs/promises';
import type { Locale, Session } from '@verifik-auth/core';

/** What `--json` prints: the token and when it stops working (ISO 8601). */
export interface SessionJson {
  accessToken: string;
  tokenType: string;
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

/**
 * Writes a secret to `path`, readable and writable by its owner only (0600). An existing file is
 * truncated and narrowed to 0600 before anything is written, so the secret never sits in a file others
 * can read.
 */
export async function writeSecretFile(path: string, content: string): Promise<void> {
  const file = await open(path, 'w', 0o600);
  try {
    await file.chmod(0o600);
    await file.writeFile(content, 'utf8');
  } finally {
    await file.close();
  }
}

/** A date a person reads, in their language: `Jun 12, 2025, 3:04 PM`. */
export function formatDate(epochMs: number, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(epochMs);
}
