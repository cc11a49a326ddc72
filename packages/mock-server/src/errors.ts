/**
 * Error bodies in the style of the restify framework Verifik runs on: `{ code, message }`, plus a
 * `signature` on the errors Verifik's docs show signed. Routes throw a {@link RestError}; the app's
 * error handler turns it into the response, so a handler reads as a list of checks.
 */

/** The stamp Verifik adds to its answers. */
export interface Signature {
  /** E.g. `"May 29, 2024 3:41 AM"` (UTC). */
  dateTime: string;
  /** Always the same text, as in Verifik's answers. */
  message: 'Certified by Verifik.co';
}

const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Verifik's `signature` for a moment, formatted like the docs: `"May 29, 2024 3:41 AM"`. */
export function signature(epochMs: number): Signature {
  const date = new Date(epochMs);
  const hours = date.getUTCHours();
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  const minutes = String(date.getUTCMinutes()).padStart(2, '0');
  const dateTime = `${months[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()} ${hour12}:${minutes} ${hours < 12 ? 'AM' : 'PM'}`;
  return { dateTime, message: 'Certified by Verifik.co' };
}

/** An error answer: HTTP status plus a restify-style body. */
export class RestError extends Error {
  override name = 'RestError' as const;
  readonly status: number;
  readonly code: string;
  /** Verifik signs some error bodies and not others; this follows its docs. */
  readonly signed: boolean;
  /** Verifik's email-confirm error puts `message` before `code`; keep the documented order. */
  readonly messageFirst: boolean;

  constructor(
    status: number,
    code: string,
    message: string,
    options: { signed?: boolean; messageFirst?: boolean } = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.signed = options.signed ?? false;
    this.messageFirst = options.messageFirst ?? false;
  }

  /** The JSON body, signed with the time `now` when this error is one Verifik signs. */
  toBody(now: number): Record<string, unknown> {
    const body = this.messageFirst
      ? { message: this.message, code: this.code }
      : { code: this.code, message: this.message };
    return this.signed ? { ...body, signature: signature(now) } : body;
  }
}

/**
 * Verifik's message for missing fields: one `missing X` part per field, joined by `"\n. "`, ending
 * in `"\n"`, e.g. `"missing countryCode\n. missing phone\n. missing type\n"`.
 */
export function missingParameterMessage(fields: readonly string[]): string {
  return `${fields.map((field) => `missing ${field}`).join('\n. ')}\n`;
}

/** 409 `MissingParameter` for the given fields, in the order given. */
export const missingParameter = (fields: readonly string[]) =>
  new RestError(409, 'MissingParameter', missingParameterMessage(fields));

/** 409 `InvalidArgument`: a field is present but not a value the endpoint accepts (not in Verifik's docs). */
export const invalidArgument = (message: string) => new RestError(409, 'InvalidArgument', message);

export const badJson = () => new RestError(400, 'BadRequest', 'Body is not valid JSON.');
export const bodyNotObject = () => new RestError(400, 'BadRequest', 'Body must be a JSON object.');
export const payloadTooLarge = (maxBytes: number) =>
  new RestError(413, 'PayloadTooLarge', `Request body size exceeds ${maxBytes}`);
/** Restify's answer for a known path asked with another method. */
export const methodNotAllowed = (method: string) =>
  new RestError(405, 'MethodNotAllowed', `${method} is not allowed`);
export const internalError = () => new RestError(500, 'InternalServerError', 'Internal server error.');
/** The mock's own refusals (see `origin-guard.ts`): none of them exists on the real Verifik. */
export const hostNotAllowed = () => new RestError(403, 'Forbidden', 'Host not allowed');
export const originNotAllowed = () => new RestError(403, 'Forbidden', 'Origin not allowed');
export const jsonRequired = () =>
  new RestError(415, 'UnsupportedMediaType', 'Content-Type must be application/json');

/** Verifik's refusal of a country code that is not `+` and 1 to 3 digits (shared/verifik-api.md §7). */
export const invalidCountryCode = () =>
  new RestError(
    409,
    'MissingParameter',
    'Invalid countryCode format. CountryCode should be in the format + followed by 1 to 3 digits.',
  );
export const invalidPhoneFormat = () =>
  new RestError(400, 'BadRequest', 'Invalid phone number format.', { signed: true });
/** Not in Verifik's docs: the mock's answer for a phone outside a `clients` list. */
export const clientNotFound = () => new RestError(404, 'NotFound', 'client_not_found');
export const invalidEmail = () => new RestError(404, 'NotFound', 'invalid_email');
export const otpRecentlySent = () => new RestError(409, 'Conflict', 'otp_recently_sent');
export const phoneValidationNotFound = () => new RestError(404, 'NotFound', 'phone_validation_not_found');
/** Not in Verifik's docs: the email twin of `phone_validation_not_found`. */
export const emailValidationNotFound = () => new RestError(404, 'NotFound', 'email_validation_not_found');
export const phoneAlreadyValidated = () =>
  new RestError(409, 'Conflict', 'phone_validation_already_validated');
/** Not in Verifik's docs: the email twin of `phone_validation_already_validated`. */
export const emailAlreadyValidated = () =>
  new RestError(409, 'Conflict', 'email_validation_already_validated');
/** An expired phone code (verifik-api.md §6). */
export const phoneOtpExpired = () => new RestError(412, 'PreconditionFailed', 'phoneValidation_has_expired');
/** An expired email code: Verifik's own code names it apart (verifik-api.md §7). */
export const emailOtpExpired = () => new RestError(412, 'PreconditionFailed', 'emailValidation_has_expired');
/** Confirming a code whose sending failed (verifik-api.md §7): the user must ask for a new one. */
export const otpSendFailed = () => new RestError(409, 'Conflict', 'otp_send_failed');
export const invalidPhoneOtp = () => new RestError(400, 'BadRequest', 'Invalid OTP code.', { signed: true });
export const invalidEmailOtp = () => new RestError(400, 'ERROR', 'invalid_otp', { messageFirst: true });
/** Not Verifik's: the mock's older answer to a wrong `authenticatorOTP`, for `requires2FA` alone. */
export const legacyInvalidAuthenticatorOtp = () =>
  new RestError(403, 'Forbidden', 'invalid_authenticator_otp');
/** A wrong `authenticatorOTP` (verifik-api.md §7). */
export const authenticatorOtpDoesNotMatch = () =>
  new RestError(403, 'Forbidden', 'authenticator_otp_does_not_match');
export const invalidToken = () =>
  new RestError(401, 'Unauthorized', 'Invalid or expired token.', { signed: true });
/** Documented without the trailing newline the field-list messages have. */
export const missingAuthorization = () =>
  new RestError(409, 'MissingParameter', 'missing Authorization header');
