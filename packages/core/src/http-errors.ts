import { type HTTPError, isHTTPError, isNetworkError, isTimeoutError } from 'ky';
import * as v from 'valibot';
import { isAbortError, LoginError, type LoginErrorCode } from './errors.js';
import { ErrorBodySchema } from './schemas.js';

/** The client call a failure happened in; some server answers mean different things per call. */
export type VerifikOperation =
  | 'requestPhoneOtp'
  | 'confirmPhoneOtp'
  | 'requestEmailOtp'
  | 'confirmEmailOtp'
  | 'refreshSession';

/** What {@link toLoginError} needs to know besides the error itself. */
export interface ErrorContext {
  /** The call that failed: `client_not_found` means a bad phone, a bad email or a bad token depending on it. */
  operation: VerifikOperation;
  /** The client's clock, for `retryAt`. */
  now: () => number;
  /** The status of a response that arrived but whose body could not be used. */
  status?: number;
}

/** Wait before a resend when Verifik says `otp_recently_sent` without `Retry-After` (its cooldown is ~2 min). */
export const RESEND_COOLDOWN_MS = 120_000;

/** Wait after a 429 without a usable `Retry-After`. */
export const RATE_LIMIT_WAIT_MS = 60_000;

/**
 * Verifik's error messages (and the `code`s some pages use instead), lower-cased, without a
 * `"403:"` prefix or a trailing period, mapped to the client's codes. Applied to 4xx answers only.
 */
const messageCodes: ReadonlyMap<string, LoginErrorCode> = new Map(
  Object.entries({
    'invalid phone number format': 'invalid_phone',
    invalid_phone: 'invalid_phone',
    'invalid otp code': 'invalid_otp',
    invalid_otp: 'invalid_otp',
    otp_does_not_match: 'invalid_otp',
    invalid_authenticator_otp: 'invalid_otp',
    // Expired, already used or unknown: whatever the reason, this code is dead and a new one is needed.
    phonevalidation_has_expired: 'otp_expired',
    phone_validation_already_validated: 'otp_expired',
    phone_validation_not_found: 'otp_expired',
    emailvalidation_has_expired: 'otp_expired',
    email_validation_already_validated: 'otp_expired',
    email_validation_not_found: 'otp_expired',
    otp_recently_sent: 'resend_too_soon',
    // Verifik's gateway failed to deliver: the server's problem, worth another try.
    otp_not_sent: 'server',
    insufficient_credits: 'insufficient_credits',
    invalid_email: 'invalid_email',
  } satisfies Record<string, LoginErrorCode>),
);

function normalizeServerText(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  return text
    .trim()
    .replace(/^\d{3}:\s*/, '')
    .replace(/\.$/, '')
    .toLowerCase();
}

/**
 * The epoch ms a `Retry-After` header points at, on the client's clock, or `undefined` when the
 * header is absent or unreadable. Accepts delay-seconds and an HTTP date; a date is measured against
 * the response's own `Date` header when present, so skewed or simulated clocks still get the
 * server's intended wait.
 *
 * @example
 * ```ts
 * parseRetryAfter('30', 1_000); // 31_000
 * ```
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number,
  serverDate?: string | null,
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(?:\.\d+)?$/.test(text)) return now + Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  const reference = serverDate ? Date.parse(serverDate) : Number.NaN;
  const wait = at - (Number.isNaN(reference) ? Date.now() : reference);
  return now + Math.max(0, wait);
}

/** A parsed error body, or `undefined` when the body is not JSON. */
function readErrorBody(data: unknown): { code?: string; message?: string } | undefined {
  let value = data;
  if (typeof value === 'string') {
    // ky only parses bodies labelled as JSON; a JSON body with the wrong content type still counts.
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (value === undefined) return undefined;
  const parsed = v.safeParse(ErrorBodySchema, value);
  if (!parsed.success) return {};
  const body: { code?: string; message?: string } = {};
  if (parsed.output.code !== undefined) body.code = parsed.output.code;
  if (parsed.output.message !== undefined) body.message = parsed.output.message;
  return body;
}

/**
 * The client code for an HTTP error answer. Status-only cases first (401, 429, 408, non-JSON
 * bodies), then `code` + `message` for 4xx, then the status class.
 */
function classifyHttpError(
  status: number,
  body: { code?: string; message?: string } | undefined,
  operation: VerifikOperation,
): LoginErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 429) return 'rate_limited';
  if (status === 408) return 'timeout';
  if (status >= 500) return 'server';
  if (body === undefined) return 'invalid_response';
  const code = normalizeServerText(body.code);
  const message = normalizeServerText(body.message);
  if (code === 'missingparameter' || message?.startsWith('missing ')) return 'missing_parameter';
  if (code === 'client_not_found' || message === 'client_not_found') {
    if (operation === 'refreshSession') return 'unauthorized';
    return operation === 'requestEmailOtp' || operation === 'confirmEmailOtp'
      ? 'invalid_email'
      : 'invalid_phone';
  }
  return (message && messageCodes.get(message)) || (code && messageCodes.get(code)) || 'unknown';
}

function fromHttpError(error: HTTPError, context: ErrorContext): LoginError {
  const { status, headers } = error.response;
  const body = readErrorBody(error.data);
  const code = classifyHttpError(status, body, context.operation);
  const now = context.now();
  let retryAt = parseRetryAfter(headers.get('retry-after'), now, headers.get('date'));
  if (retryAt === undefined && code === 'rate_limited') retryAt = now + RATE_LIMIT_WAIT_MS;
  if (retryAt === undefined && code === 'resend_too_soon') retryAt = now + RESEND_COOLDOWN_MS;
  return new LoginError(
    {
      code,
      status,
      ...(body?.code !== undefined && { serverCode: body.code }),
      ...(body?.message !== undefined && { serverMessage: body.message }),
      ...(retryAt !== undefined && { retryAt }),
    },
    { cause: error },
  );
}

/**
 * Whether a failure is the caller's own cancellation, which the client rethrows unchanged instead
 * of turning it into a {@link LoginError}.
 */
export function isCallerAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || isAbortError(error);
}

/**
 * Turns any failure of a Verifik call into a {@link LoginError} with a code from the closed
 * union, keeping the original as `cause`. Aborts are not handled here: check
 * {@link isCallerAbort} first.
 *
 * | failure | code |
 * | --- | --- |
 * | HTTP 401 | `unauthorized` |
 * | HTTP 429 | `rate_limited` (`retryAt` from `Retry-After`, else now + 60 s) |
 * | HTTP 408 | `timeout` |
 * | HTTP 5xx | `server` |
 * | 4xx with a body that is not JSON | `invalid_response` |
 * | `code: MissingParameter` | `missing_parameter` |
 * | `Invalid phone number format.` | `invalid_phone` |
 * | `Invalid OTP code.`, `invalid_otp`, `otp_does_not_match`, `invalid_authenticator_otp` | `invalid_otp` |
 * | `phoneValidation_has_expired`, `phone_validation_already_validated`, `phone_validation_not_found` | `otp_expired` |
 * | `otp_recently_sent` | `resend_too_soon` (`retryAt` from `Retry-After`, else now + 120 s) |
 * | `otp_not_sent` | `server` |
 * | `insufficient_credits` | `insufficient_credits` |
 * | `invalid_email` | `invalid_email` |
 * | `client_not_found` | `invalid_phone` / `invalid_email` per call, `unauthorized` on refresh |
 * | any other 4xx | `unknown` |
 * | 2xx body not JSON or not matching the schema | `invalid_response` |
 * | ky `NetworkError`, fetch `TypeError` (refused, dropped) | `network` |
 * | ky `TimeoutError` | `timeout` |
 * | anything else | `unknown` |
 */
export function toLoginError(error: unknown, context: ErrorContext): LoginError {
  const status = context.status !== undefined ? { status: context.status } : {};
  if (isHTTPError(error)) return fromHttpError(error, context);
  if (isTimeoutError(error)) return new LoginError({ code: 'timeout' }, { cause: error });
  if (isNetworkError(error)) return new LoginError({ code: 'network' }, { cause: error });
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'SchemaValidationError' || name === 'SyntaxError') {
    return new LoginError({ code: 'invalid_response', ...status }, { cause: error });
  }
  // Undici rejects with a TypeError ("fetch failed", "terminated") for refused and dropped
  // connections, including while reading a body, where ky does not wrap it.
  if (error instanceof TypeError) return new LoginError({ code: 'network', ...status }, { cause: error });
  return new LoginError({ code: 'unknown', ...status }, { cause: error });
}
