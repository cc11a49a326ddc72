import { type HTTPError, isHTTPError, isTimeoutError } from 'ky';
import * as v from 'valibot';
import { isAbortError, LoginError, type LoginErrorCode } from './errors.js';
import { cleanServerText, sanitizeCause } from './redact.js';
import { ErrorBodySchema } from './schemas.js';
import { parseRetryAfter } from './transport.js';

/** The client call a failure happened in; some server answers mean different things per call. */
export type VerifikOperation =
  | 'requestPhoneOtp'
  | 'confirmPhoneOtp'
  | 'requestEmailOtp'
  | 'confirmEmailOtp'
  | 'refreshSession'
  | 'renewAndRevoke';

/** What {@link toLoginError} needs to know besides the error itself. */
export interface ErrorContext {
  /** The call that failed: `client_not_found` means a bad phone, a bad email or a bad token depending on it. */
  operation: VerifikOperation;
  /** The client's clock, for `retryAt`. */
  now: () => number;
  /** The status of a response that arrived but whose body could not be used. */
  status?: number;
  /** The body of an HTTP error answer, already read by the transport. */
  errorBody?: string;
  /** The values the request carried that no error may repeat (the code, the token). */
  secrets?: readonly string[];
  /** The call's deadline passed. */
  timedOut?: boolean;
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
    authenticator_otp_does_not_match: 'invalid_authenticator_otp',
    invalid_authenticator_otp: 'invalid_authenticator_otp',
    // Expired, already used or unknown: whatever the reason, this code is dead and a new one is needed.
    phonevalidation_has_expired: 'otp_expired',
    phone_validation_already_validated: 'otp_expired',
    phone_validation_not_found: 'otp_expired',
    // Verifik's email twin of the phone message: the same dead code, the same next step.
    emailvalidation_has_expired: 'otp_expired',
    email_validation_already_validated: 'otp_expired',
    email_validation_not_found: 'otp_expired',
    // The code's sending failed: confirming it can never succeed.
    otp_send_failed: 'otp_send_failed',
    otp_recently_sent: 'resend_too_soon',
    // Verifik's gateway failed to deliver: the server's problem, worth another try.
    otp_not_sent: 'server',
    insufficient_credits: 'insufficient_credits',
    invalid_email: 'invalid_email',
    phone_could_not_be_validated: 'identifier_not_validated',
    email_could_not_be_validated: 'identifier_not_validated',
    user_not_found: 'account_not_found',
    projectflow_not_found: 'project_flow_not_found',
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

/** The longest wait a server may impose through `Retry-After`; a longer one is not plausible. */
export const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

/** A parsed error body, or `undefined` when the body is not JSON. */
function readErrorBody(text: string | undefined): { code?: string; message?: string } | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    // Whatever its content type says: a JSON body labelled as text still counts.
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = v.safeParse(ErrorBodySchema, value);
  return parsed.success ? parsed.output : {};
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
  // Verifik answers an unknown route with a plain-text `Not Found`: a wrong base URL or a moved API.
  if (body === undefined) return status === 404 ? 'endpoint_not_found' : 'invalid_response';
  const code = normalizeServerText(body.code);
  const message = normalizeServerText(body.message);
  if (code === 'missingparameter' || message?.startsWith('missing ')) return 'missing_parameter';
  if (code === 'client_not_found' || message === 'client_not_found') {
    if (operation === 'refreshSession' || operation === 'renewAndRevoke') return 'unauthorized';
    // requestEmailOtp, confirmEmailOtp
    return operation.includes('Email') ? 'invalid_email' : 'invalid_phone';
  }
  const known = (message && messageCodes.get(message)) || (code && messageCodes.get(code));
  if (known) return known;
  // A send refused for a reason Verifik does not name (a gateway not enabled answers so): no guessing why.
  // requestPhoneOtp, requestEmailOtp
  if (status === 403 && operation.startsWith('request')) {
    return 'send_refused';
  }
  return 'unknown';
}

/** ky's error without its request and options: the method, the path and the status, nothing more. */
function describeHttpError(error: HTTPError): Error {
  const { method, url } = error.request;
  const cause = new Error(`HTTP ${error.response.status} from ${method} ${new URL(url).pathname}`);
  cause.name = 'HTTPError';
  return cause;
}

function fromHttpError(error: HTTPError, context: ErrorContext): LoginError {
  const { status, headers } = error.response;
  const secrets = context.secrets ?? [];
  const raw = readErrorBody(context.errorBody);
  // The server's words are shown to people and printed in terminals: no escapes, no floods, no secrets.
  const clean = (text: string | undefined) => text && cleanServerText(text, secrets);
  const body = raw && { code: clean(raw.code), message: clean(raw.message) };
  const code = classifyHttpError(status, body, context.operation);
  const now = context.now();
  let retryAt = parseRetryAfter(headers.get('retry-after'), now, headers.get('date'));
  // A wait longer than an hour is not plausible; use the usual one rather than lock the user out.
  if (retryAt !== undefined && retryAt - now > MAX_RETRY_AFTER_MS) retryAt = undefined;
  if (retryAt === undefined && code === 'rate_limited') retryAt = now + RATE_LIMIT_WAIT_MS;
  if (retryAt === undefined && code === 'resend_too_soon') retryAt = now + RESEND_COOLDOWN_MS;
  return new LoginError(
    {
      code,
      status,
      ...(body?.code && { serverCode: body.code }),
      ...(body?.message && { serverMessage: body.message }),
      ...(retryAt !== undefined && { retryAt }),
    },
    { cause: describeHttpError(error) },
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
 * union. Its `cause` describes the original (name, message, code) without the request it was made
 * of, and with the request's secrets redacted. Aborts are not handled here: check
 * {@link isCallerAbort} first.
 *
 * | failure | code |
 * | --- | --- |
 * | HTTP 401 | `unauthorized` |
 * | HTTP 429 | `rate_limited` (`retryAt` from `Retry-After`, else now + 60 s) |
 * | HTTP 408 | `timeout` |
 * | HTTP 5xx | `server` |
 * | 404 with a body that is not JSON (Verifik's plain `Not Found` for an unknown route) | `endpoint_not_found` |
 * | another 4xx with a body that is not JSON | `invalid_response` |
 * | `code: MissingParameter` | `missing_parameter` |
 * | `Invalid phone number format.` | `invalid_phone` |
 * | `phone_could_not_be_validated`, `email_could_not_be_validated` | `identifier_not_validated` |
 * | `user_not_found` | `account_not_found` |
 * | `Invalid OTP code.`, `invalid_otp`, `otp_does_not_match` | `invalid_otp` |
 * | `authenticator_otp_does_not_match`, `invalid_authenticator_otp` | `invalid_authenticator_otp` |
 * | `phoneValidation_has_expired`, `emailValidation_has_expired`, `…_already_validated`, `…_not_found` | `otp_expired` |
 * | `otp_send_failed` | `otp_send_failed` |
 * | `otp_recently_sent` | `resend_too_soon` (`retryAt` from `Retry-After`, else now + 120 s) |
 * | `otp_not_sent` | `server` |
 * | `insufficient_credits` | `insufficient_credits` |
 * | `projectFlow_not_found` | `project_flow_not_found` |
 * | `invalid_email` | `invalid_email` |
 * | `client_not_found` | `invalid_phone` / `invalid_email` per call, `unauthorized` on refresh and revoke |
 * | any other 403 on a send (a gateway not enabled) | `send_refused` |
 * | any other 4xx | `unknown` |
 * | 2xx body not JSON or not matching the schema | `invalid_response` |
 * | a redirect (refused), a body over the size cap | `invalid_response`, not retryable |
 * | fetch `TypeError` (refused, dropped) | `network` |
 * | the call's deadline passed | `timeout` |
 * | anything else | `unknown` |
 */
export function toLoginError(error: unknown, context: ErrorContext): LoginError {
  const { status } = context;
  const fail = (code: LoginErrorCode, retryable?: boolean) =>
    new LoginError(
      { code, retryable, ...(status !== undefined && code !== 'timeout' && { status }) },
      { cause: sanitizeCause(error, context.secrets ?? []) },
    );
  if (context.timedOut || isTimeoutError(error)) return fail('timeout');
  if (isHTTPError(error)) return fromHttpError(error, context);
  const name = (error as { name?: unknown } | null)?.name;
  // A redirect or an oversized body is the server's deliberate answer: trying again gets the same.
  if (name === 'RedirectRefusedError' || name === 'ResponseTooLargeError')
    return fail('invalid_response', false);
  if (name === 'SchemaValidationError' || name === 'SyntaxError') return fail('invalid_response');
  // Undici rejects with a TypeError ("fetch failed", "terminated") for refused and dropped
  // connections, including while reading a body.
  return fail(error instanceof TypeError ? 'network' : 'unknown');
}
