import type { RefreshRetry } from './auto-refresh.js';
import type {
  LoginClient,
  LoginMethod,
  LoginSession,
  OtpChallenge,
  OtpChannel,
  PhoneGateway,
} from './client.types.js';
import type { LoginErrorData } from './errors.js';
import type { RefreshLock } from './refresh-lock.js';
import type { Secret } from './secret.js';
import type { SessionStore } from './session-store.js';
import type { SessionStorageAdapter, StorageLike } from './storage.js';

/** Who is logging in: kept across cancel so "Change number" starts from what was typed. */
export type LoginIdentifier =
  | { method: 'phone'; countryCode: string; phone: string; gateway?: PhoneGateway; language?: string }
  | { method: 'email'; email: string; language?: string };

/**
 * Input fields that can be wrong before any request is made. `gateway` and `language` are usually set
 * by the app rather than typed, but a bad one is refused here too instead of failing the request.
 */
export type LoginField =
  | 'countryCode'
  | 'phone'
  | 'email'
  | 'otp'
  | 'authenticatorOtp'
  | 'gateway'
  | 'language';

/** Why a field was refused; `connect()` turns these into localized messages. */
export type FieldErrorCode =
  | 'required'
  | 'country_code_format'
  | 'phone_format'
  /** The phone starts with 0: Verifik's wire `phone` is a number, so the 0 would be lost. */
  | 'phone_trunk_prefix'
  | 'email_format'
  | 'otp_format'
  | 'authenticator_otp_required'
  /** Not one of `whatsapp`, `sms`, `none`. */
  | 'gateway_unsupported'
  /** Not a language tag such as `en` or `pt-BR`. */
  | 'language_format';

/** The fields refused by the last event, each with why; empty when the input was fine. */
export type FieldErrors = Partial<Record<LoginField, FieldErrorCode>>;

/**
 * What ran out on the `expired` step: the code (ask for a new one), the session (log in again), or
 * `revoked`: Verifik refused the token before its expiry (a sign-out everywhere, or a logout, elsewhere).
 */
export type ExpiredReason = 'otp' | 'session' | 'revoked';

/** Where a failed send returns to. */
export type SendOrigin = 'idle' | 'awaitingOtp' | 'expired';

/**
 * What the authenticator step holds, only ever inside a `Secret`: the right code, to send again with the
 * app's code, and the QR code and key of a first setup (see `AuthenticatorRequired`).
 */
export interface AuthenticatorHold {
  /** The code the user typed, which Verifik found right. */
  otp: string;
  /** The QR code to scan, a checked `data:image/…` URL. */
  qrCode?: string;
  /** The key to type by hand. */
  secretKey?: string;
}

/** Protocol state only: what is typed stays in the UI, and the OTP is never kept. */
export interface LoginContext {
  /** Who is logging in, or null before the first send. */
  identifier: LoginIdentifier | null;
  /** The code sent and waiting to be confirmed. */
  challenge: OtpChallenge | null;
  /** Epoch ms from which `otp.resend` is accepted. */
  resendAvailableAt: number | null;
  /** Wrong codes tried against the current challenge. */
  attempts: number;
  /** The signed-in session, also kept in storage. */
  session: LoginSession | null;
  /** Why the last call failed, as plain data (a copy of the client's `LoginError`). */
  error: LoginErrorData | null;
  /** Input refused before any request. */
  fieldErrors: FieldErrors;
  /** What ran out, while in the `expired` state. */
  expiredReason: ExpiredReason | null;
  /**
   * Where a failed send returns to: machine bookkeeping that apps have no use for.
   * @internal
   */
  sendOrigin: SendOrigin;
  /** After failed refreshes: how many in a row, and when the next automatic attempt is due. */
  refreshRetry: RefreshRetry | null;
  /**
   * On the authenticator step only: what it holds, sealed so that snapshots, JSON and logs never show it
   * (a persisted snapshot resumes at the code step instead).
   */
  authenticator: Secret<AuthenticatorHold> | null;
}

/**
 * Everything the machine accepts: what the user does (`login.*`, `otp.*`, `session.refresh`,
 * `session.logout`) and what it sends itself. Apps usually send them through {@link LoginCommands}.
 */
export type LoginEvent =
  | { type: 'login.phone'; countryCode: string; phone: string; gateway?: PhoneGateway; language?: string }
  | { type: 'login.email'; email: string; language?: string }
  | { type: 'otp.submit'; otp: string; authenticatorOtp?: string }
  /** The authenticator app's code, on the authenticator step. */
  | { type: 'authenticator.submit'; authenticatorOtp: string }
  | { type: 'otp.resend'; gateway?: PhoneGateway }
  | { type: 'login.cancel' }
  | { type: 'session.refresh' }
  | { type: 'session.logout' }
  /** Sent by the machine itself when another tab logs in or out. */
  | { type: 'session.sync'; session: LoginSession | null }
  /** Sent by the machine itself on start and restore, to re-arm its deadline timers. */
  | { type: 'timers.resume' }
  /** Sign out everywhere else: a new token, and every other token of the account ends. */
  | { type: 'session.revokeOthers' };

export type { LoginMethod, OtpChannel };

/**
 * How the machine refreshes the session by itself. A token is refreshed once, `beforeExpiryMs` ahead of
 * its expiry but never before half its life has passed; a failed refresh is retried after 30 s, then
 * twice as long each time (at most 10 minutes apart) until the session expires.
 */
export interface AutoRefreshOptions {
  /** How long before the session's expiry to refresh it. Default: one day. */
  beforeExpiryMs?: number;
  /**
   * Makes tabs take turns, so that one refresh at a time is in flight and the others reuse its token
   * (from the shared storage, or from the tab that announces it). Default: `navigator.locks` where the
   * browser has it, else a lock shared by every machine of this page or process ({@link processLock}).
   * Manual `session.refresh` takes the same lock.
   */
  lock?: RefreshLock;
}

/** Options of {@link createLoginMachine}. */
export interface LoginMachineOptions {
  /** Verifik's API, or the mock server. Default `https://api.verifik.co`. Ignored when `client` is given. */
  baseUrl?: string;
  /** A ready client, e.g. with a custom `fetch`, or the server client of {@link serverMode}. */
  client?: LoginClient;
  /**
   * Where the session is kept instead of `storage`: the app server's session in server mode
   * ({@link serverMode}). Default: `storage` under `storageKey`.
   */
  sessionStore?: SessionStore;
  /** Where the session is kept. Default {@link memoryStorage}. */
  storage?: StorageLike | SessionStorageAdapter;
  /**
   * How long one storage call may take. A read that takes longer counts as "no stored session" (the
   * machine leaves `restoring` for `idle`); a slower write is not waited for. Default 5 000 ms.
   */
  storageTimeoutMs?: number;
  /** The storage key. Default `verifik-auth.session`. */
  storageKey?: string;
  /** Digits in a code. Default 6. */
  otpLength?: number;
  /** Wait before a resend is allowed, from the moment a code is sent. Default 120 000 ms. */
  resendCooldownMs?: number;
  /** Refresh the session before it expires. Off by default. */
  autoRefresh?: boolean | AutoRefreshOptions;
  /** Language asked of Verifik for its messages when an event does not say. */
  language?: string;
  /** The clock; pass a simulated one's `now` in tests. Default `Date.now`. */
  now?: () => number;
}
