import type { DeadlineOrigin } from './server-clock.js';

/** How a code is delivered to a phone. `none` means Verifik does not send it (the app does). */
export type PhoneGateway = 'whatsapp' | 'sms' | 'none';

/** Where the code went: a phone gateway or email. */
export type OtpChannel = PhoneGateway | 'email';

/** Which identifier a login uses, and so which pair of Verifik endpoints. */
export type LoginMethod = 'phone' | 'email';

/**
 * Headers as the `Headers` constructor takes them, declared here so the types need no DOM lib: a plain
 * object, `[name, value]` pairs, or anything iterable over pairs (a `Headers`, a `Map`).
 */
export type HeadersLike = Record<string, string> | Iterable<readonly [string, string]>;

/** A sent code waiting to be confirmed, normalized from either login endpoint. */
export interface OtpChallenge {
  /** Whether the code went to a phone or an email, and so which endpoint confirms it. */
  method: LoginMethod;
  /** Phone logins: the country code the code was sent to, e.g. `"+57"`. */
  countryCode?: string;
  /** Phone logins: the digits the code was sent to, needed again to confirm it. */
  phone?: string;
  /** Email logins: the address the code was sent to, needed again to confirm it. */
  email?: string;
  /** Where the code went, as Verifik reports it (the requested gateway when it does not say). */
  gateway: OtpChannel;
  /** Epoch ms, on this device's clock, after which the code is refused. */
  expiresAt: number;
  /** Which server clock `expiresAt` was measured on, or why the documented 10 minutes were used. */
  expiry?: DeadlineOrigin;
  /** The account also needs an authenticator code on confirm. */
  requires2FA: boolean;
  /** The language the message was sent in, as Verifik reports it or as requested. */
  language?: string;
}

/** A Verifik access token and when it stops working. */
export interface Session {
  /** The JWT to send as `Authorization: Bearer …`. Keep it out of logs: it is the login. */
  accessToken: string;
  /** The scheme for `Authorization`, as Verifik names it (`"bearer"` when it does not say). */
  tokenType: string;
  /** Epoch ms when the token was received. */
  issuedAt: number;
  /**
   * Epoch ms on this device's clock: the JWT's lifetime (`exp` on the server's clock) from when it
   * arrived, else receive time + 30 days.
   */
  expiresAt: number;
  /** Which server clock `expiresAt` was measured on, or why the documented lifetime was used. */
  expiry?: DeadlineOrigin;
  /**
   * Who signed in, masked (`+1 ••• ••• 6663`): set by the login machine when it keeps the session and
   * stored with it, so that a reload or another tab can still say who is signed in.
   */
  maskedIdentifier?: string;
}

/**
 * Server mode: a session whose token the app's server keeps (`@verifik-auth/server`, in a sealed
 * HttpOnly cookie). The page gets its times and who signed in, never the token.
 */
export interface ServerHeldSession {
  /** Marks a session whose token stays on the app's server. */
  heldBy: 'server';
  /** Never here: the token stays on the server. */
  accessToken?: never;
  /** The token's scheme, as Verifik names it. */
  tokenType: string;
  /** Epoch ms on this device's clock when the token was issued. */
  issuedAt: number;
  /** Epoch ms on this device's clock when the token stops working. */
  expiresAt: number;
  /** Who signed in, masked by the server (`+1 *** *** 6663`). */
  maskedIdentifier: string;
  /** Which server clock `expiresAt` was measured on (absent: the answer's own durations). */
  expiry?: never;
}

/** A session as the machine holds it: with its token (browser mode) or without (server mode). */
export type LoginSession = Session | ServerHeldSession;

/**
 * A right code of an account that must also use an authenticator app: Verifik answers 200 without a
 * token. Confirm the **same** code again with the app's code (`authenticatorOtp`); the code is not used
 * up by this answer and still expires when it would have. The first time, the answer also holds what
 * adds the account to the app. The QR code and the key are secrets of the account: show them, never log
 * or store them.
 */
export interface AuthenticatorRequired {
  /** Marks this answer apart from a session. */
  authenticatorRequired: true;
  /** First login only: the QR code to scan, a `data:image/(png|jpeg|gif|webp);base64,…` URL under 64 KB. */
  qrCode?: string;
  /** First login only: the key to type into the app by hand (base32, as Verifik sent it). */
  secretKey?: string;
}

/** What {@link VerifikClient.requestPhoneOtp} needs to send a code to a phone. */
export interface PhoneOtpRequest {
  /** E.g. `"+1"`. */
  countryCode: string;
  /** Digits only; sent to Verifik as a number. */
  phone: string;
  /** How to deliver the code. Default: Verifik's, WhatsApp. */
  gateway?: PhoneGateway;
  /** The language of the message, a tag such as `"es"` or `"pt-BR"`. Default: Verifik's. */
  language?: string;
}

/** What {@link VerifikClient.confirmPhoneOtp} needs: the phone the code went to, and the code. */
export interface PhoneOtpConfirmation {
  /** The same country code the code was requested for. */
  countryCode: string;
  /** The same digits the code was requested for. */
  phone: string;
  /** The code the user received. */
  otp: string;
  /** The authenticator app's code, for accounts that must use one. Sent as `authenticatorOTP`. */
  authenticatorOtp?: string;
}

/** What {@link VerifikClient.requestEmailOtp} needs to send a code to an email address. */
export interface EmailOtpRequest {
  /** The address to send the code to; it must belong to a registered Verifik client. */
  email: string;
  /** The language of the message, a tag such as `"es"` or `"pt-BR"`. Default: Verifik's. */
  language?: string;
}

/** What {@link VerifikClient.confirmEmailOtp} needs: the address the code went to, and the code. */
export interface EmailOtpConfirmation {
  /** The same address the code was requested for. */
  email: string;
  /** The code the user received. */
  otp: string;
  /** The authenticator app's code, for accounts that must use one. Sent as `authenticatorOTP`. */
  authenticatorOtp?: string;
}

/** Per-call options of every {@link VerifikClient} method. */
export interface RequestOptions {
  /** Cancels the call: it rejects with the signal's reason (by default an `AbortError`), not a `LoginError`. */
  signal?: AbortSignal;
}

/** Options of {@link VerifikClient.refreshSession}. */
export interface RefreshOptions extends RequestOptions {
  /** Lifetime of the new token in months (Verifik's `expiresIn`). */
  expiresInMonths?: number;
}

/** The six Verifik endpoints of a login. Every method rejects with a `LoginError` (or an `AbortError`). */
export interface VerifikClient {
  /** Sends a code to a phone (`POST /v2/projects/phone-login`); resolves with what confirming needs. */
  requestPhoneOtp(request: PhoneOtpRequest, options?: RequestOptions): Promise<OtpChallenge>;
  /**
   * Exchanges a phone code for a session (`POST /v2/projects/phone-login/confirm`), or, for an account
   * that must use an authenticator, for {@link AuthenticatorRequired}: then call again with `authenticatorOtp`.
   */
  confirmPhoneOtp(
    request: PhoneOtpConfirmation,
    options?: RequestOptions,
  ): Promise<Session | AuthenticatorRequired>;
  /** Sends a code to an email address (`POST /v2/projects/email-login`). */
  requestEmailOtp(request: EmailOtpRequest, options?: RequestOptions): Promise<OtpChallenge>;
  /** Exchanges an email code for a session (`POST /v2/projects/email-login/confirm`), as `confirmPhoneOtp`. */
  confirmEmailOtp(
    request: EmailOtpConfirmation,
    options?: RequestOptions,
  ): Promise<Session | AuthenticatorRequired>;
  /** Trades a valid token for a new one (`GET /v2/auth/session`), retrying transient failures. */
  refreshSession(token: string, options?: RefreshOptions): Promise<Session>;
  /**
   * Trades a valid token for a new one and ends EVERY earlier token of the account, other devices',
   * scripts' and servers' included (`POST /v2/auth/renew-and-revoke`). Never retried.
   */
  renewAndRevoke(token: string, options?: RequestOptions): Promise<Session>;
}

/**
 * What the login machine needs of a client: {@link VerifikClient} talks to Verifik itself; the server
 * client (`createServerClient`) talks to the app's own `@verifik-auth/server` handler and gets
 * sessions without tokens.
 */
export interface LoginClient {
  /** Sends a code to a phone; resolves with what confirming needs. */
  requestPhoneOtp(request: PhoneOtpRequest, options?: RequestOptions): Promise<OtpChallenge>;
  /** Exchanges a phone code for a session, or asks for the authenticator's code. */
  confirmPhoneOtp(
    request: PhoneOtpConfirmation,
    options?: RequestOptions,
  ): Promise<LoginSession | AuthenticatorRequired>;
  /** Sends a code to an email address. */
  requestEmailOtp(request: EmailOtpRequest, options?: RequestOptions): Promise<OtpChallenge>;
  /** Exchanges an email code for a session, or asks for the authenticator's code. */
  confirmEmailOtp(
    request: EmailOtpConfirmation,
    options?: RequestOptions,
  ): Promise<LoginSession | AuthenticatorRequired>;
  /** Trades the session for a new one; `token` is absent in server mode, where the cookie carries it. */
  refreshSession(token: string | undefined, options?: RefreshOptions): Promise<LoginSession>;
  /** A new session that ends every other token of the account; `token` is absent in server mode. */
  renewAndRevoke(token: string | undefined, options?: RequestOptions): Promise<LoginSession>;
}
