import type { LoginMethod, OtpChannel } from './client.types.js';
import type { LoginErrorCode } from './errors.js';

/**
 * The JSON between the browser and an app's `@verifik-auth/server` handler (server mode). Requests
 * carry Verifik's own bodies (`/phone-login`, `/phone-login/confirm`, `/email-login`,
 * `/email-login/confirm` under the handler's base path); answers never carry the token.
 * Times are durations from the answer (`…InMs`), so the browser's clock never has to agree with the
 * server's.
 */

/** A sent code as the handler reports it: `200 { challenge }` from `POST /phone-login` or `/email-login`. */
export interface ServerChallengeView {
  /** Which endpoint confirms it. */
  method: LoginMethod;
  /** Phone logins: the country code the code went to. */
  countryCode?: string;
  /** Phone logins: the digits the code went to. */
  phone?: string;
  /** Email logins: the address the code went to. */
  email?: string;
  /** Where the code went. */
  gateway: OtpChannel;
  /** The account also needs an authenticator code. */
  requires2FA: boolean;
  /** The message's language, when known. */
  language?: string;
  /** How long the code stays valid from this answer, ms. */
  expiresInMs: number;
}

/**
 * A signed-in session as the handler reports it, **without the token**: `200 { session }` from the
 * confirm routes, `GET /session` and `POST /session/refresh` (`{ session: null }` when signed out).
 */
export interface ServerSessionView {
  /** The token's scheme, e.g. `"bearer"`. */
  tokenType: string;
  /** How long ago the token was issued, ms (0 on the answer that issued it). */
  ageMs: number;
  /** How long the token stays valid from this answer, ms. */
  expiresInMs: number;
  /** Who signed in, masked (`+1 *** *** 6663`, `j***@example.com`). */
  maskedIdentifier: string;
}

/**
 * A right code of an account that must also use its authenticator app: `200 { authenticator }` from the
 * confirm routes, Verifik's setup passed on as it came (the handler keeps none of it). Confirm the same
 * code again with `authenticatorOTP`, with the challenge cookie this answer set.
 */
export interface ServerAuthenticatorView {
  /** First setup: the QR code, a `data:image/…;base64,` URL. */
  qrCode?: string;
  /** First setup: the key to type into the app. */
  secretKey?: string;
}

/** Every refusal: an HTTP status, this body, and `Retry-After` (seconds) on 429. */
export interface ServerErrorBody {
  /** One of the codes the client already maps. */
  code: LoginErrorCode;
  /** An English sentence for logs; apps show their own localized message for `code`. */
  message: string;
}
