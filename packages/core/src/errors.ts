/**
 * Every way a login can fail, as one closed union. UIs switch on `code`; messages come from
 * `messages.ts`, keyed by the same codes.
 */
export const loginErrorCodes = [
  'invalid_phone',
  'invalid_email',
  'identifier_not_validated',
  'account_not_found',
  'send_refused',
  'invalid_otp',
  'invalid_authenticator_otp',
  'otp_expired',
  'otp_send_failed',
  'resend_too_soon',
  'rate_limited',
  'insufficient_credits',
  'project_flow_not_found',
  'endpoint_not_found',
  'unauthorized',
  'missing_parameter',
  'server',
  'network',
  'timeout',
  'invalid_response',
  'unknown',
] as const;

/** Why a login step failed, one of {@link loginErrorCodes}: switch on it, not on messages. */
export type LoginErrorCode = (typeof loginErrorCodes)[number];

/** The plain, serializable description of a failure: what `context.error` holds. */
export interface LoginErrorData {
  /** What went wrong, from the closed list {@link loginErrorCodes}. */
  code: LoginErrorCode;
  /** Whether trying the same thing again may succeed (possibly after `retryAt`). */
  retryable: boolean;
  /** HTTP status, when a response arrived. */
  status?: number;
  /** The server's `code` field (restify style), e.g. `"Conflict"`. */
  serverCode?: string;
  /** The server's `message` field, e.g. `"otp_recently_sent"`. */
  serverMessage?: string;
  /** Epoch ms before which a retry is pointless (from `Retry-After` or the resend cooldown). */
  retryAt?: number;
}

/** Codes for which the same request can simply be tried again. */
const retryableCodes: ReadonlySet<LoginErrorCode> = new Set([
  'resend_too_soon',
  'rate_limited',
  'server',
  'network',
  'timeout',
  'invalid_response',
  'unknown',
]);

/** Whether a failure with this code is worth retrying as it is. */
export function isRetryableCode(code: LoginErrorCode): boolean {
  return retryableCodes.has(code);
}

/** The optional fields of {@link LoginErrorData}, copied only when present so plain data stays minimal. */
const optionalFields = ['status', 'serverCode', 'serverMessage', 'retryAt'] as const;

/** Copies the optional fields that `from` has onto `to`. */
function copyOptionalFields(from: Partial<LoginErrorData>, to: Partial<LoginErrorData>): void {
  for (const field of optionalFields) {
    if (from[field] !== undefined) Object.assign(to, { [field]: from[field] });
  }
}

/**
 * The error the client throws. Always carries a `code` from {@link LoginErrorCode}; the original
 * failure (a ky error, a schema issue, an abort) is kept as `cause`.
 */
export class LoginError extends Error implements LoginErrorData {
  /** Always `"LoginError"`, so {@link isLoginError} recognizes it across realms and bundle copies. */
  override name = 'LoginError' as const;
  /** What went wrong, from the closed list {@link loginErrorCodes}. */
  readonly code: LoginErrorCode;
  readonly retryable: boolean;
  // `declare`: absent (not `undefined`) unless the constructor copies them in.
  declare readonly status?: number;
  declare readonly serverCode?: string;
  declare readonly serverMessage?: string;
  declare readonly retryAt?: number;

  constructor(
    data: Omit<LoginErrorData, 'retryable'> & { retryable?: boolean },
    options?: { cause?: unknown },
  ) {
    super(data.serverMessage ? `${data.code}: ${data.serverMessage}` : data.code, options);
    this.code = data.code;
    this.retryable = data.retryable ?? isRetryableCode(data.code);
    copyOptionalFields(data, this);
  }

  /** The plain data of this error, safe to keep in machine context and to persist. */
  toJSON(): LoginErrorData {
    return toLoginErrorData(this);
  }
}

/** Works across realms and bundle copies: checks `name`, not only `instanceof`. */
export function isLoginError(error: unknown): error is LoginError {
  return (
    error instanceof LoginError ||
    (typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'LoginError')
  );
}

/** Whether a value is an abort (the caller cancelled), which is not a login failure at all. */
export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

/** Plain data of any thrown value; anything that is not a {@link LoginError} becomes `unknown`. */
export function toLoginErrorData(error: unknown): LoginErrorData {
  if (!isLoginError(error)) return { code: 'unknown', retryable: true };
  const data: LoginErrorData = { code: error.code, retryable: error.retryable };
  copyOptionalFields(error, data);
  return data;
}
