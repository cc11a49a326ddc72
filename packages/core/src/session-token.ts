import type { Session } from './client.types.js';
import { localDeadline, type ServerClockHints, toEpochMs } from './server-clock.js';

/** How long a Verifik access token lives when its own `exp` cannot be read: 30 days. */
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * The payload of a compact JWT (`header.payload.signature`), decoded from base64url JSON, or
 * `undefined` when the token is not one. Nothing is verified: the client only reads `exp` to know
 * when to refresh, the server remains the judge. Never throws.
 *
 * @example
 * ```ts
 * decodeJwtPayload('eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3MDAwMDAwMDB9.sig'); // { exp: 1700000000 }
 * decodeJwtPayload('not a jwt'); // undefined
 * ```
 */
export function decodeJwtPayload(token: string): Record<string, unknown> | undefined {
  try {
    if (typeof token !== 'string') return undefined;
    const parts = token.split('.');
    const payload = parts[1];
    if (parts.length !== 3 || !payload || !/^[A-Za-z0-9_-]+$/.test(payload)) return undefined;
    // A base64 string never has a length of 4n + 1.
    if (payload.length % 4 === 1) return undefined;
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '='));
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    return value as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/**
 * The token's `exp` claim in epoch milliseconds, when the token really is a JWT with a numeric,
 * positive `exp`; otherwise `undefined`. Never throws.
 */
export function readTokenExpiry(token: string): number | undefined {
  const exp = decodeJwtPayload(token)?.exp;
  return typeof exp === 'number' ? toEpochMs(exp * 1000) : undefined;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long a session may plausibly live beyond the lifetime that was asked for. */
const SESSION_MARGIN_MS = DAY_MS;

/** What {@link toSession} knows besides the token. */
export interface SessionTiming {
  /** Epoch ms, on the client's clock, when the answer arrived. */
  receivedAt: number;
  /** What the answer told about the server's clock (its `Date` header, its signature). */
  hints?: ServerClockHints;
  /** The lifetime that was asked for in months (`expiresIn`); Verifik's default is 30 days. */
  expiresInMonths?: number;
}

/**
 * A {@link Session} for a token: it expires after the lifetime its JWT `exp` gives, measured on the
 * server's clock (its `iat`, the `Date` header or Verifik's signature) and anchored at `receivedAt`;
 * else, or when that lifetime is implausible (not positive, or longer than what was asked for plus a
 * day), after the documented lifetime: 30 days (or `expiresInMonths` months) from `receivedAt`.
 *
 * @example
 * ```ts
 * const session = toSession('eyJhbGcpXVCJ9.eyJjbGllbnR...JZCIYiUzNjEaIWxYShWeBaRs', 'bearer', { receivedAt: Date.now() });
 * session.expiresAt - session.issuedAt; // 30 days: the documented example token does not decode
 * ```
 */
export function toSession(accessToken: string, tokenType: string, timing: SessionTiming): Session {
  const { receivedAt, hints = {}, expiresInMonths } = timing;
  // Verifik documents 30 days; a month asked for with `expiresIn` may be up to 31 days long.
  const asked = expiresInMonths === undefined ? SESSION_TTL_MS : expiresInMonths * SESSION_TTL_MS;
  const longest = expiresInMonths === undefined ? SESSION_TTL_MS : expiresInMonths * 31 * DAY_MS;
  const payload = decodeJwtPayload(accessToken);
  const exp = readTokenExpiry(accessToken);
  const iat = typeof payload?.iat === 'number' ? payload.iat * 1000 : undefined;
  const deadline = localDeadline(exp, { ...hints, ...(iat !== undefined && { issuedAt: iat }) }, receivedAt, {
    minMs: 1000,
    maxMs: longest + SESSION_MARGIN_MS,
    fallbackMs: asked,
  });
  const { at, ...expiry } = deadline;
  return {
    accessToken,
    tokenType,
    issuedAt: receivedAt,
    expiresAt: at,
    expiry: exp === undefined ? { source: 'default', reason: 'the token carries no readable exp' } : expiry,
  };
}
