/*
 * The phone rule of every verifik-auth package (the core's field checks, the server's checks and limit
 * keys, the mock Verifik): one number written any way is one destination.
 *
 * - Country code: `+` and 1 to 3 digits, not starting with 0. Verifik refuses more digits ("Invalid
 *   countryCode format. CountryCode should be in the format + followed by 1 to 3 digits."), and no
 *   country code starts with 0.
 * - National number: the digits left once separators are removed, at least 4, not starting with 0.
 *   A leading 0 (a trunk prefix, as in `06 1234 5678`) is refused, never dropped: how Verifik treats
 *   a leading 0 is not known, and dropping it silently could dial another number than the one typed.
 * - The whole number, country code digits and national digits, is at most 15 digits (ITU-T E.164).
 *
 * Its one form is the E.164 number, `+` and all its digits: `+1 3115550601`, `+13 115550601` and
 * `+131 15550601` are all `+13115550601`, one destination.
 */

/** The most digits an international number has, country code included (ITU-T E.164). */
export const E164_MAX_DIGITS = 15;

/** The fewest digits a national number has. */
export const NATIONAL_NUMBER_MIN_DIGITS = 4;

/**
 * Removes the separators people type inside phone numbers (spaces, dashes, dots, parentheses).
 *
 * @example
 * ```ts
 * normalizePhone('(123) 456-6663'); // '1234566663'
 * ```
 */
export function normalizePhone(phone: string): string {
  return phone.replace(/[\s().-]/g, '');
}

/**
 * The country code, trimmed, when it is `+` and 1 to 3 digits not starting with 0; else undefined.
 *
 * @example
 * ```ts
 * parseCountryCode(' +57 '); // '+57'
 * parseCountryCode('+1234'); // undefined
 * parseCountryCode('+01'); // undefined
 * ```
 */
export function parseCountryCode(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const countryCode = value.trim();
  return /^\+[1-9]\d{0,2}$/.test(countryCode) ? countryCode : undefined;
}

/**
 * 4 ({@link NATIONAL_NUMBER_MIN_DIGITS}) to 14 digits, the first not 0: one digit of the 15
 * ({@link E164_MAX_DIGITS}) is left for the shortest country code. A literal, not built from the two
 * constants: fewer bytes in app bundles (phone.test.ts checks both ends).
 */
const nationalNumberPattern = /^[1-9]\d{3,13}$/;

/** A national number as text: its digits from a positive safe integer, else the text itself. */
function phoneText(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? String(value) : undefined;
  return typeof value === 'string' ? value : undefined;
}

/**
 * The national number's digits, from digits as text (separators allowed, see {@link normalizePhone})
 * or a positive safe integer (Verifik's documented body sends `phone` as a number), when there are at
 * least 4 of them, the first not 0, and at most 14 (one digit is left for the shortest country code);
 * else undefined. Whether it fits beside a given country code is {@link e164}'s question.
 *
 * @example
 * ```ts
 * parseNationalNumber('(311) 555-0601'); // '3115550601'
 * parseNationalNumber(3115550601); // '3115550601'
 * parseNationalNumber('06 12 34 56 78'); // undefined: see hasTrunkPrefix
 * ```
 */
export function parseNationalNumber(value: unknown): string | undefined {
  const text = phoneText(value);
  if (text === undefined) return undefined;
  const digits = normalizePhone(text);
  return nationalNumberPattern.test(digits) ? digits : undefined;
}

/**
 * Whether a national number is refused for its leading 0 only (a trunk prefix, as in `06 1234 5678`):
 * digits, separators allowed, that start with 0. A person is told to drop it rather than have it
 * dropped for them: how Verifik treats a leading 0 is not known, and another number could be dialled.
 */
export function hasTrunkPrefix(value: unknown): boolean {
  return typeof value === 'string' && /^0\d*$/.test(normalizePhone(value));
}

/**
 * The E.164 form of a parsed country code and national number, `+` and all the digits, when the whole
 * number has at most 15 digits; else undefined. It is the one form of a phone destination: the server
 * counts its limits under it.
 *
 * @example
 * ```ts
 * e164('+13', '115550601'); // '+13115550601'
 * e164('+1', '3115550601'); // '+13115550601'
 * e164('+1', '311555060123456'); // undefined: 16 digits in all
 * ```
 */
export function e164(countryCode: string, nationalNumber: string): string | undefined {
  const digits = `${countryCode.replace(/^\+/, '')}${nationalNumber}`;
  return /^\d+$/.test(digits) && digits.length <= E164_MAX_DIGITS ? `+${digits}` : undefined;
}

/** A phone number that passed the rule: its parts as sent, and its one form. */
export interface PhoneNumber {
  /** `+` and 1 to 3 digits, e.g. `"+57"`. */
  countryCode: string;
  /** The national number's digits, e.g. `"3001234567"`. */
  phone: string;
  /** `+` and every digit, e.g. `"+573001234567"`: the same for every way of writing the number. */
  e164: string;
}

/**
 * A country code and national number checked together by the whole rule, or undefined when any part
 * of it fails.
 *
 * @example
 * ```ts
 * parsePhoneNumber(' +1', '(311) 555-0601'); // { countryCode: '+1', phone: '3115550601', e164: '+13115550601' }
 * parsePhoneNumber('+01', '3115550601'); // undefined
 * ```
 */
export function parsePhoneNumber(countryCode: unknown, phone: unknown): PhoneNumber | undefined {
  const code = parseCountryCode(countryCode);
  const national = parseNationalNumber(phone);
  if (code === undefined || national === undefined) return undefined;
  const whole = e164(code, national);
  return whole === undefined ? undefined : { countryCode: code, phone: national, e164: whole };
}
