/*
 * Server times become deadlines on the device's clock. A server's `expiresAt` is only meaningful
 * against the server's own clock, and device clocks are often minutes off: comparing the two directly
 * expires a valid code at once (device ahead) or shows 70:00 for a 10-minute code (server ahead). So a
 * server time is first turned into a lifetime measured on the server's clock, then anchored at the
 * moment the response arrived, as OAuth clients do with `expires_in`.
 */

/** Which clock a deadline was measured against, best first; `default` means the documented lifetime. */
export type DeadlineSource = 'createdAt' | 'date' | 'jwt' | 'signature' | 'device' | 'default';

/** How a deadline was worked out: kept beside it for logs and support. */
export interface DeadlineOrigin {
  /** The clock the deadline was measured on, or `default` when the documented lifetime was used. */
  source: DeadlineSource;
  /** Why the server's value was not used, when `source` is `default`. */
  reason?: string;
}

/** What a response tells about the server's clock, each optional. */
export interface ServerClockHints {
  /** The answer's own creation time (Verifik's phone answer has one): the best reference. */
  createdAt?: number | string;
  /** The `Date` header, when the browser lets the page read it (same origin or exposed). */
  date?: string | null;
  /** A JWT's `iat`, in epoch ms. */
  issuedAt?: number;
  /** Verifik's `signature.dateTime`, e.g. `"May 29, 2024 3:41 AM"` (UTC, minute precision). */
  signatureDateTime?: string;
}

/** What a plausible lifetime is, and what to use when the server's is not. */
export interface LifetimeBounds {
  minMs: number;
  maxMs: number;
  /** The documented lifetime. */
  fallbackMs: number;
}

/** Month abbreviations, three letters each: a month's index is its offset divided by 3. */
const months = 'janfebmaraprmayjunjulaugsepoctnovdec';

/** Epoch ms of Verifik's `signature.dateTime` (`"May 29, 2024 3:41 AM"`, UTC), or `undefined`. */
export function parseSignatureDateTime(text: string | undefined): number | undefined {
  const match = /^([A-Za-z]{3})[a-z]*\.? (\d{1,2}), (\d{4}),? (\d{1,2}):(\d{2}) ?([AP]M)$/i.exec(
    text?.trim() ?? '',
  );
  if (!match) return undefined;
  const [, month, day, year, hour, minute, half] = match as unknown as string[];
  const monthIndex = months.indexOf((month as string).toLowerCase()) / 3;
  const hour12 = Number(hour);
  // Not a whole number: no month (-1/3), or three letters across two months ("anf").
  if (!Number.isInteger(monthIndex) || hour12 < 1 || hour12 > 12) return undefined;
  const hour24 = (hour12 % 12) + ((half as string).toUpperCase() === 'PM' ? 12 : 0);
  return Date.UTC(Number(year), monthIndex, Number(day), hour24, Number(minute));
}

/** Epoch ms of an ISO string or epoch-ms number, or `undefined` when it is not a usable time. */
export function toEpochMs(value: string | number | undefined | null): number | undefined {
  const ms = typeof value === 'string' ? Date.parse(value) : value;
  return typeof ms === 'number' && Number.isFinite(ms) && ms > 0 && ms <= 8.64e15 ? ms : undefined;
}

const plus = (ms: number | undefined, delta: number) => (ms === undefined ? undefined : ms + delta);

/** The server's "now" at the time of the response, and which hint gave it. */
function serverNow(hints: ServerClockHints): { at: number; source: DeadlineSource } | undefined {
  const candidates: Array<[DeadlineSource, number | undefined]> = [
    ['createdAt', toEpochMs(hints.createdAt)],
    // Whole seconds: likewise its last millisecond.
    ['date', plus(toEpochMs(hints.date ? Date.parse(hints.date) : undefined), 999)],
    ['jwt', toEpochMs(hints.issuedAt)],
    // To the minute: take its last millisecond, so a lifetime is never longer than the server's.
    ['signature', plus(parseSignatureDateTime(hints.signatureDateTime), 59_999)],
  ];
  for (const [source, at] of candidates) if (at !== undefined) return { at, source };
  return undefined;
}

/**
 * A server deadline as an epoch-ms deadline on the device's clock: its lifetime on the server's clock,
 * added to `receivedAt`. A missing or implausible lifetime falls back to the documented one, with the
 * reason recorded — never to "already expired" or "never".
 *
 * @example
 * ```ts
 * // The device is 11 minutes ahead of the server; the code still has its 10 minutes.
 * const receivedAt = Date.parse('2024-05-29T03:52:27Z');
 * localDeadline('2024-05-29T03:51:27Z', { createdAt: '2024-05-29T03:41:27Z' }, receivedAt, otpBounds);
 * // { at: receivedAt + 600_000, source: 'createdAt' }
 * ```
 */
export function localDeadline(
  serverDeadline: number | string | undefined,
  hints: ServerClockHints,
  receivedAt: number,
  bounds: LifetimeBounds,
): { at: number } & DeadlineOrigin {
  const fallback = (reason: string) => ({
    at: receivedAt + bounds.fallbackMs,
    source: 'default' as const,
    reason,
  });
  if (serverDeadline === undefined) return fallback('the server gave no expiry');
  const deadline = toEpochMs(serverDeadline);
  if (deadline === undefined) return fallback(`the server's expiry is not a time`);
  const reference = serverNow(hints) ?? { at: receivedAt, source: 'device' as const };
  const lifetime = deadline - reference.at;
  if (!(lifetime >= bounds.minMs && lifetime <= bounds.maxMs)) {
    return fallback(
      `a lifetime of ${Math.round(lifetime / 1000)} s (by the ${reference.source} clock) is outside ` +
        `${bounds.minMs / 1000}–${bounds.maxMs / 1000} s`,
    );
  }
  return { at: receivedAt + lifetime, source: reference.source };
}
