import {
  e164,
  normalizeEmail,
  parseCountryCode,
  parseNationalNumber,
  normalizePhone as removeSeparators,
} from '@verifik-auth/identifiers';
import * as v from 'valibot';

/*
 * Every shape that crosses the wire, as valibot schemas. Wire types are inferred from these
 * (`v.InferOutput<...>`), never written twice by hand.
 *
 * Two groups here (request bodies live in `request-bodies.ts`):
 * - field validators for what a person types (reused by the machine for field errors): every issue
 *   they raise carries a `LoginErrorCode` as its `message`;
 * - responses, parsed tolerantly: unknown keys are ignored and fields the client can do without fall
 *   back to `undefined` instead of failing the whole login.
 */

// ---------------------------------------------------------------------------------------------------
// Field validators
// ---------------------------------------------------------------------------------------------------

/*
 * The phone and email rules are `@verifik-auth/identifiers`' (shared with the server and the mock
 * Verifik, so all three accept the same forms); these schemas only give their refusals a
 * `LoginErrorCode`.
 */

/**
 * Removes the separators people type inside phone numbers (spaces, dashes, dots, parentheses), as the
 * shared rule does. (A function of its own rather than a re-export, so the core's published types do
 * not name the other package.)
 *
 * @example
 * ```ts
 * normalizePhone('(123) 456-6663'); // '1234566663'
 * ```
 */
export function normalizePhone(phone: string): string {
  return removeSeparators(phone);
}

/**
 * A dialling code such as `"+1"` or `"+57"`: `+` and 1 to 3 digits, not starting with 0 (Verifik
 * refuses more than 3). Issues carry `invalid_phone`.
 */
export const CountryCodeSchema = v.pipe(
  v.string('invalid_phone'),
  v.trim(),
  v.check((countryCode) => parseCountryCode(countryCode) !== undefined, 'invalid_phone'),
);

/**
 * A national phone number: at least 4 digits once {@link normalizePhone} has removed separators, not
 * starting with 0, and at most 14 (the whole number, country code included, has at most 15: the
 * request schemas check the two together). The output is the normalized digit string. Issues carry
 * `invalid_phone`.
 *
 * A leading 0 (a trunk prefix, as in `06 1234 5678`) is refused, never dropped: how Verifik treats a
 * leading 0 is not known, and dropping it silently could dial another number than the one typed.
 *
 * @example
 * ```ts
 * v.parse(PhoneNumberSchema, '(123) 456-6663'); // '1234566663'
 * v.safeParse(PhoneNumberSchema, '06 1234 5678').success; // false
 * ```
 */
export const PhoneNumberSchema = v.pipe(
  v.string('invalid_phone'),
  v.transform(normalizePhone),
  v.check((digits) => parseNationalNumber(digits) !== undefined, 'invalid_phone'),
);

/**
 * An email address (trimmed) that the shared rule accepts: one `@`, a local part that needs no
 * quoting, a host name as domain (any script, checked in its IDNA form; a trailing dot allowed), at
 * most 254 characters in that form. The output is the trimmed text, as typed: it is what Verifik
 * receives. Issues carry `invalid_email`.
 */
export const EmailSchema = v.pipe(
  v.string('invalid_email'),
  v.trim(),
  v.check((email) => normalizeEmail(email) !== undefined, 'invalid_email'),
);

/** Whether the whole number, country code included, has at most 15 digits (E.164). */
const fitsE164 = (input: { countryCode: string; phone: string }) =>
  e164(input.countryCode, input.phone) !== undefined;

/** A one-time code: 4–8 digits (Verifik sends 6). Issues carry `invalid_otp`. */
export const OtpSchema = v.pipe(v.string('invalid_otp'), v.trim(), v.regex(/^\d{4,8}$/, 'invalid_otp'));

/** How Verifik delivers a phone code. */
export const PhoneGatewaySchema = v.picklist(['whatsapp', 'sms', 'none']);

/** A language tag such as `"en"`, `"es"` or `"pt-BR"`. */
export const LanguageSchema = v.pipe(
  v.string(),
  v.trim(),
  v.regex(/^[a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{2,8})*$/),
);

/** A token lifetime in whole months (Verifik's `expiresIn`). */
export const ExpiresInMonthsSchema = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(120));

// ---------------------------------------------------------------------------------------------------
// Client inputs (what `createVerifikClient()`'s methods accept), validated before any request
// ---------------------------------------------------------------------------------------------------

/** Input of `requestPhoneOtp`; the output holds the normalized values. */
export const PhoneOtpRequestSchema = v.pipe(
  v.object({
    countryCode: CountryCodeSchema,
    phone: PhoneNumberSchema,
    gateway: v.optional(PhoneGatewaySchema),
    language: v.optional(LanguageSchema),
  }),
  // Each part may fit and the whole not: the issue goes on `phone`.
  v.forward(
    v.check((input) => fitsE164(input), 'invalid_phone'),
    ['phone'],
  ),
);

/** Input of `confirmPhoneOtp`. */
export const PhoneOtpConfirmationSchema = v.pipe(
  v.object({
    countryCode: CountryCodeSchema,
    phone: PhoneNumberSchema,
    otp: OtpSchema,
    authenticatorOtp: v.optional(OtpSchema),
  }),
  // Each part may fit and the whole not: the issue goes on `phone`.
  v.forward(
    v.check((input) => fitsE164(input), 'invalid_phone'),
    ['phone'],
  ),
);

/** Input of `requestEmailOtp`. */
export const EmailOtpRequestSchema = v.object({
  email: EmailSchema,
  language: v.optional(LanguageSchema),
});

/** Input of `confirmEmailOtp`. */
export const EmailOtpConfirmationSchema = v.object({
  email: EmailSchema,
  otp: OtpSchema,
  authenticatorOtp: v.optional(OtpSchema),
});

// ---------------------------------------------------------------------------------------------------
// Responses (wire), tolerant
// ---------------------------------------------------------------------------------------------------

/** An optional string; a value of another type counts as absent rather than failing the parse. */
const LenientString = v.fallback(v.optional(v.string()), undefined);

/** An optional flag; accepts booleans and `"true"`/`"false"`, anything else counts as absent. */
const LenientBoolean = v.fallback(
  v.optional(
    v.union([
      v.boolean(),
      v.pipe(
        v.picklist(['true', 'false']),
        v.transform((value) => value === 'true'),
      ),
    ]),
  ),
  undefined,
);

/** A server timestamp: an ISO string or epoch milliseconds; anything else counts as absent. */
const LenientTimestamp = v.fallback(v.optional(v.union([v.string(), v.number()])), undefined);

/** Verifik's `signature`, on every answer: its `dateTime` tells the server's clock (UTC, to the minute). */
const SignatureSchema = v.fallback(v.optional(v.object({ dateTime: LenientString })), undefined);

/** The challenge fields both login endpoints answer with. */
const challengeEntries = {
  status: LenientString,
  expiresAt: LenientTimestamp,
  /** When the server made the code: with `expiresAt`, its lifetime on one clock. */
  createdAt: LenientTimestamp,
  requires2FA: LenientBoolean,
  language: LenientString,
};

/** The `data` of a 200 from `POST /v2/projects/phone-login`: only the fields the client reads. */
export const PhoneLoginDataSchema = v.object({
  ...challengeEntries,
  countryCode: LenientString,
  /** A string in the documented response, a number in the request: accept both. */
  phone: v.fallback(v.optional(v.union([v.string(), v.number()])), undefined),
  phoneGateway: LenientString,
});

/** A 200 from `POST /v2/projects/phone-login`. */
export const PhoneLoginResponseSchema = v.object({ data: PhoneLoginDataSchema, signature: SignatureSchema });
/** A 200 from `POST /v2/projects/phone-login`, as parsed. */
export type PhoneLoginResponse = v.InferOutput<typeof PhoneLoginResponseSchema>;

/** The `data` of a 200 from `POST /v2/projects/email-login`. */
export const EmailLoginDataSchema = v.object({ ...challengeEntries, email: LenientString });

/** A 200 from `POST /v2/projects/email-login`. */
export const EmailLoginResponseSchema = v.object({ data: EmailLoginDataSchema, signature: SignatureSchema });
/** A 200 from `POST /v2/projects/email-login`, as parsed. */
export type EmailLoginResponse = v.InferOutput<typeof EmailLoginResponseSchema>;

// A blank token would sign nobody in: refused as an invalid answer.
const TokenSchema = v.pipe(
  v.string(),
  v.check((token) => token.trim() !== ''),
);

/** An access token as Verifik returns it. `tokenType` defaults to `"bearer"` when missing. */
export const AccessTokenSchema = v.object({
  accessToken: TokenSchema,
  tokenType: v.fallback(v.optional(v.string(), 'bearer'), 'bearer'),
});
/** An access token as Verifik returns it. */
export type AccessToken = v.InferOutput<typeof AccessTokenSchema>;

/**
 * The QR code of an authenticator setup: a base64 image data URL under 64 KB, the only kind an `<img>`
 * may show without fetching anything; anything else counts as absent (the key alone is shown).
 */
export const QrCodeSchema = v.fallback(
  v.optional(
    v.pipe(
      v.string(),
      // One check rather than `maxLength` and `regex`: two valibot functions fewer in app bundles.
      v.check(
        (url) => url.length <= 65_536 && /^data:image\/(png|jpeg|gif|webp);base64,[\w+/]+={0,2}$/.test(url),
      ),
    ),
  ),
  undefined,
);

/** An authenticator key: base32, as TOTP apps take it; anything else counts as absent. */
export const SecretKeySchema = v.fallback(
  v.optional(v.pipe(v.string(), v.regex(/^[A-Z2-7]{16,128}$/))),
  undefined,
);

/**
 * A 200 from either confirm endpoint: the token inside a `data` wrapper, or, for an account that must use
 * an authenticator, a `message` without a token (with `QRCode` and `secretKey` the first time: see
 * verifik-api.md §7; Verifik's own page treats any `data.message` as asking for the authenticator).
 */
export const ConfirmResponseSchema = v.union([
  v.object({ data: AccessTokenSchema, signature: SignatureSchema }),
  v.object({ data: v.object({ message: v.string(), QRCode: QrCodeSchema, secretKey: SecretKeySchema }) }),
]);
/** A 200 from either confirm endpoint, as parsed. */
export type ConfirmResponse = v.InferOutput<typeof ConfirmResponseSchema>;

/**
 * A 200 from `GET /v2/auth/session?origin=refresh`. Documented without a `data` wrapper; a wrapped
 * token is accepted too, so the client survives either server variant. Outputs the bare token.
 */
export const RefreshResponseSchema = v.union([
  AccessTokenSchema,
  v.pipe(
    v.object({ data: AccessTokenSchema }),
    v.transform((body) => body.data),
  ),
]);
/** A 200 from the refresh endpoint, unwrapped. */
export type RefreshResponse = v.InferOutput<typeof RefreshResponseSchema>;

/**
 * A 200 from `POST /v2/auth/renew-and-revoke`: `{token}`, or `{accessToken}` as Verifik's dashboard also
 * reads (`token || accessToken`). Outputs an {@link AccessToken}.
 */
export const RevokeResponseSchema = v.union([
  v.pipe(
    v.object({ token: TokenSchema }),
    v.transform((body) => ({ accessToken: body.token, tokenType: 'bearer' })),
  ),
  AccessTokenSchema,
]);

/** A restify-style error body, `{code, message}`; both optional, non-strings stringified or dropped. */
export const ErrorBodySchema = v.object({
  code: v.fallback(v.optional(v.pipe(v.union([v.string(), v.number()]), v.transform(String))), undefined),
  message: LenientString,
});
/** A restify-style error body, as parsed. */
export type ErrorBody = v.InferOutput<typeof ErrorBodySchema>;
