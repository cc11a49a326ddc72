/**
 * The Verifik client without the machine: what a server needs (`@verifik-auth/server` forwards the
 * login calls through it), with no dependency on xstate.
 * @module @verifik-auth/core/client
 */
export {
  createVerifikClient,
  DEFAULT_BASE_URL,
  DEFAULT_OTP_TTL_MS,
  DEFAULT_TIMEOUT_MS,
  type VerifikClientOptions,
} from './client.js';
export type {
  AuthenticatorRequired,
  EmailOtpConfirmation,
  EmailOtpRequest,
  HeadersLike,
  LoginMethod,
  OtpChallenge,
  OtpChannel,
  PhoneGateway,
  PhoneOtpConfirmation,
  PhoneOtpRequest,
  RefreshOptions,
  RequestOptions,
  Session,
  VerifikClient,
} from './client.types.js';
export {
  isAbortError,
  isLoginError,
  isRetryableCode,
  LoginError,
  type LoginErrorCode,
  type LoginErrorData,
  loginErrorCodes,
  toLoginErrorData,
} from './errors.js';
export { maskEmail, maskPhone } from './mask.js';
export { errorMessages, type Locale, resolveLocale } from './messages.js';
export { normalizePhone } from './schemas.js';
export type { ServerChallengeView, ServerErrorBody, ServerSessionView } from './server-wire.js';
export type { FetchLike } from './transport.js';
