import type { DeadlineOrigin } from './server-clock.js';

/** How a code is delivered to a phone. `none` means Verifik does not send it (the app does). */
export type PhoneGateway = 'whatsapp' | 'sms' | 'none';

/** Where the code went: a phone gateway or email. */
export type OtpChannel = PhoneGateway | 'email';

export type LoginMethod = 'phone' | 'email';

/**
 * Headers as the `Headers` constructor takes them, declared here so the types need no DOM lib: a plain
 * object, `[name, value]` pairs, or anything iterable over pairs (a `Headers`, a `Map`).
 */
export type HeadersLike = Record<string, string> | Iterable<readonly [string, string]>;

/** A sent code waiting to be confirmed, normalized from either login endpoint. */
export interface OtpChallenge {
  method: LoginMethod;
  countryCode?: string;
  phone?: string;
  email?: string;
  gateway: OtpChannel;
  /** Epoch ms, on this device's clock, after which the code is refused. */
  expiresAt: number;
  /** Which server clock `expiresAt` was measured on, or why the documented 10 minutes were used. */
  expiry?: DeadlineOrigin;
  /** The account also needs an authenticator code on confirm. */
  requires2FA: boolean;
  language?: string;
}

/** A Verifik access token and when it stops working. */
export interface Session {
  accessToken: string;
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
}

export interface PhoneOtpRequest {
  /** E.g. `"+1"`. */
  countryCode: string;
  /** Digits only; sent to Verifik as a number. */
  phone: string;
  gateway?: PhoneGateway;
  language?: string;
}

export interface PhoneOtpConfirmation {
  countryCode: string;
  phone: string;
  otp: string;
  /** The authenticator app's code, for accounts with `requires2FA`. Sent as `authenticatorOTP`. */
  authenticatorOtp?: string;
}

export interface EmailOtpRequest {
  email: string;
  language?: string;
}

export interface EmailOtpConfirmation {
  email: string;
  otp: string;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface RefreshOptions extends RequestOptions {
  /** Lifetime of the new token in months (Verifik's `expiresIn`). */
  expiresInMonths?: number;
}

/** The five Verifik login endpoints. Every method rejects with a `LoginError` (or an `AbortError`). */
export interface VerifikClient {
  requestPhoneOtp(request: PhoneOtpRequest, options?: RequestOptions): Promise<OtpChallenge>;
  confirmPhoneOtp(request: PhoneOtpConfirmation, options?: RequestOptions): Promise<Session>;
  requestEmailOtp(request: EmailOtpRequest, options?: RequestOptions): Promise<OtpChallenge>;
  confirmEmailOtp(request: EmailOtpConfirmation, options?: RequestOptions): Promise<Session>;
  refreshSession(token: string, options?: RefreshOptions): Promise<Session>;
}
