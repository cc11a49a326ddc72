/**
 * The Verifik client, the login machine and `connect()`: everything but the optional locales.
 * @module @verifik-auth/core
 */
// client
export {
  defaultRefreshLeadMs,
  maxRefreshRetryDelayMs,
  minRefreshIntervalMs,
  nextRefreshRetry,
  type RefreshRetry,
  refreshDueAt,
} from './auto-refresh.js';
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
  LoginClient,
  LoginMethod,
  LoginSession,
  OtpChallenge,
  OtpChannel,
  PhoneGateway,
  PhoneOtpConfirmation,
  PhoneOtpRequest,
  RefreshOptions,
  RequestOptions,
  ServerHeldSession,
  Session,
  VerifikClient,
} from './client.types.js';
// view
export {
  type AuthenticatorView,
  type ConnectOptions,
  connect,
  type EmailLoginInput,
  type FieldErrorView,
  type LoginCommands,
  type LoginErrorView,
  type LoginSnapshot,
  type LoginStep,
  type LoginView,
  type PhoneLoginInput,
  stepOf,
} from './connect.js';
export { formatCountdown, remainingMs, untilNextSecond } from './countdown.js';
export { type Countdown, type CountdownOptions, createCountdown } from './countdown-clock.js';
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
export {
  channelLabel,
  formatLabel,
  type LoginLabelKey,
  loginLabels,
  statusLabel,
} from './labels.js';
// machine
export {
  type ConfirmOtpInput,
  createLoginActors,
  type LoginActors,
  type LoginActorsOptions,
  type RefreshSessionInput,
  type RequestOtpInput,
} from './login.actors.js';
export { createLoginMachine, type LoginMachine, loginMachine } from './login.machine.js';
export type {
  AuthenticatorHold,
  AutoRefreshOptions,
  ExpiredReason,
  FieldErrorCode,
  FieldErrors,
  LoginContext,
  LoginEvent,
  LoginField,
  LoginIdentifier,
  LoginMachineOptions,
} from './login.types.js';
export { toLoginEvent } from './login-event.js';
export { maskEmail, maskIdentifier, maskPhone, maskToken } from './mask.js';
export {
  errorMessages,
  fieldErrorMessages,
  type Locale,
  type LocaleMessages,
  locales,
  registerLocale,
  resolveLocale,
} from './messages.js';
export { defaultRefreshLock, navigatorLock, processLock, type RefreshLock } from './refresh-lock.js';
export { type RestoredLoginSnapshot, restoreLoginSnapshot } from './restore-snapshot.js';
export { CountryCodeSchema, EmailSchema, normalizePhone, OtpSchema, PhoneNumberSchema } from './schemas.js';
export { Secret } from './secret.js';
// server mode
export { createServerClient, type ServerClient, type ServerClientOptions } from './server-client.js';
export type { DeadlineOrigin, DeadlineSource } from './server-clock.js';
export { createServerSessionStore, serverMode } from './server-mode.js';
export type {
  ServerAuthenticatorView,
  ServerChallengeView,
  ServerErrorBody,
  ServerSessionView,
} from './server-wire.js';
// sessions
export {
  createSessionStore,
  decodeStoredSession,
  defaultSessionKey,
  defaultStorageTimeoutMs,
  SessionSchema,
  type SessionStore,
  type SessionStoreOptions,
} from './session-store.js';
export { shallowEqual } from './shallow-equal.js';
export {
  memoryStorage,
  type SessionStorageAdapter,
  type StorageLike,
  type WebStorageLike,
  webStorage,
} from './storage.js';
export type { FetchLike } from './transport.js';
