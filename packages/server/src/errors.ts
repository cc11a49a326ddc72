import {
  errorMessages,
  isLoginError,
  type LoginErrorCode,
  type ServerErrorBody,
} from '@verifik-auth/core/client';

/** A refusal the handler answers with: a status, a {@link ServerErrorBody}, and maybe `Retry-After`. */
export class Refusal extends Error {
  /** Always `"Refusal"`. */
  override name = 'Refusal' as const;
  constructor(
    /** The HTTP status. */
    readonly status: number,
    /** The body's `code`. */
    readonly code: LoginErrorCode,
    message: string = errorMessages.en[code],
    /** Whole seconds for `Retry-After`, when a retry makes sense later. */
    readonly retryAfterSeconds?: number,
    /** Headers the answer carries besides the usual ones (`Set-Cookie`, `Allow`). */
    readonly headers?: Headers,
  ) {
    super(message);
  }
}

/** The status for a client failure that carries no usable status of Verifik's. */
const statusByCode: Record<LoginErrorCode, number> = {
  invalid_phone: 400,
  invalid_email: 400,
  missing_parameter: 400,
  identifier_not_validated: 400,
  account_not_found: 404,
  send_refused: 403,
  invalid_otp: 401,
  invalid_authenticator_otp: 401,
  otp_expired: 410,
  otp_send_failed: 410,
  project_flow_not_found: 502,
  endpoint_not_found: 502,
  unauthorized: 401,
  resend_too_soon: 409,
  rate_limited: 429,
  insufficient_credits: 403,
  server: 502,
  network: 502,
  invalid_response: 502,
  timeout: 504,
  unknown: 502,
};

/** Whole seconds until `retryAt`, at least 1. */
export const secondsUntil = (retryAt: number, now: number) => Math.max(1, Math.ceil((retryAt - now) / 1000));

/**
 * What the core client's failure becomes: its `code`, Verifik's own status when it was a 4xx (but 502
 * for `endpoint_not_found`, Verifik's plain 404 for a route it does not know), and
 * `Retry-After` when the client knows when to retry. The message is the catalogue's, never Verifik's
 * words or the input. A `TypeError` is the client refusing an argument (a malformed gateway or
 * language): a 400.
 */
export function refusalFromClient(error: unknown, now: number): Refusal {
  if (isLoginError(error)) {
    // Verifik's 404 for an unknown route is this server's misconfiguration, not a missing route of the handler.
    const passed = error.status !== undefined && error.status >= 400 && error.status < 500;
    const status = passed && error.code !== 'endpoint_not_found' ? error.status : statusByCode[error.code];
    const retryAfter = error.retryAt === undefined ? undefined : secondsUntil(error.retryAt, now);
    return new Refusal(status, error.code, errorMessages.en[error.code], retryAfter);
  }
  if (error instanceof TypeError) {
    return new Refusal(400, 'missing_parameter', 'The request has a field of the wrong form.');
  }
  return new Refusal(502, 'unknown');
}

/** A JSON answer that no cache keeps. */
export function jsonResponse(status: number, body: unknown, headers?: Headers): Response {
  const all = new Headers(headers);
  all.set('content-type', 'application/json; charset=utf-8');
  all.set('cache-control', 'no-store');
  all.set('x-content-type-options', 'nosniff');
  return new Response(JSON.stringify(body), { status, headers: all });
}

/** The answer for a refusal: `{ code, message }`, with `Retry-After` when it has one. */
export function refusalResponse(refusal: Refusal): Response {
  const all = new Headers(refusal.headers);
  if (refusal.retryAfterSeconds !== undefined) all.set('retry-after', String(refusal.retryAfterSeconds));
  const body: ServerErrorBody = { code: refusal.code, message: refusal.message };
  return jsonResponse(refusal.status, body, all);
}
