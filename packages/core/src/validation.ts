import { e164, hasTrunkPrefix, parseNationalNumber } from '@verifik-auth/identifiers';
import * as v from 'valibot';
import type { LoginSession, PhoneGateway } from './client.types.js';
import type { FieldErrorCode, FieldErrors } from './login.types.js';
import { CountryCodeSchema, EmailSchema, LanguageSchema, PhoneGatewaySchema } from './schemas.js';
import { LoginSessionSchema } from './session-store.js';

/*
 * The machine's guards and assign actions read event payloads only through these functions. Events come
 * from UI code, so a payload may hold anything (a number from `v-model.number`, `null` from a cleared
 * form, an object, a getter or a proxy that throws): every function here takes `unknown`, never throws,
 * and turns what it cannot use into field errors. Only text reaches valibot, which cannot inspect some
 * objects without running their traps.
 */

/** A checked payload: its normalized values, or the field errors that keep it from being sent. */
export type Checked<T> = { ok: true; value: T } | { ok: false; fieldErrors: FieldErrors };

/** A phone login's values once checked: trimmed, the phone as its digits. */
export interface PhoneLoginValues {
  countryCode: string;
  phone: string;
  gateway?: PhoneGateway;
  language?: string;
}

/** An email login's values once checked. */
export interface EmailLoginValues {
  email: string;
  language?: string;
}

/** A code submission's values once checked. */
export interface OtpSubmissionValues {
  otp: string;
  authenticatorOtp?: string;
}

/** One field: its value, or why it was refused. */
type FieldResult<T> = { value: T; error?: undefined } | { value?: undefined; error: FieldErrorCode };

/**
 * An object with nothing to read: what stands for a value that cannot be read (its getter or proxy
 * trap throws) or is not kept. Every field is text or a number, so the checks refuse it with the
 * field's format error, as they refuse any object.
 */
export const inert: object = Object.freeze({});

/** A property of whatever was sent, or {@link inert} when it cannot be read; anything that is not an object has none. */
export function read(payload: unknown, key: string): unknown {
  if (typeof payload !== 'object' || payload === null) return undefined;
  try {
    return (payload as Record<string, unknown>)[key];
  } catch {
    return inert;
  }
}

/** Not given: `undefined`, `null` (a cleared form field), or only spaces. */
const isMissing = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** A required text field checked by `schema`; any other type is a format error. */
function text(
  value: unknown,
  schema: v.GenericSchema<string, string>,
  format: FieldErrorCode,
): FieldResult<string> {
  if (isMissing(value)) return { error: 'required' };
  if (typeof value !== 'string') return { error: format };
  const result = v.safeParse(schema, value);
  return result.success ? { value: result.output } : { error: format };
}

/**
 * The phone's digits, by the shared rule of `@verifik-auth/identifiers`.
 *
 * A number is taken as its digits: `v-model.number` and `valueAsNumber` give real numbers, and a
 * positive safe integer is unambiguous (it is exactly what goes on the wire). NaN, infinities,
 * fractions, negatives, 0 and numbers past 2^53 are no phone number anyone typed: `phone_format`.
 *
 * Text that starts with 0 gets its own error rather than losing the 0: how Verifik treats a leading 0
 * is not known, and dropping it silently could dial another number than the one typed.
 */
function phoneDigits(value: unknown): FieldResult<string> {
  if (isMissing(value)) return { error: 'required' };
  const digits = parseNationalNumber(value);
  if (digits !== undefined) return { value: digits };
  return { error: hasTrunkPrefix(value) ? 'phone_trunk_prefix' : 'phone_format' };
}

/**
 * The country code and the phone, each checked, then together: the whole number has at most 15
 * digits (E.164), and when each part passes but the whole does not, the phone is what to shorten.
 */
function phoneFields(payload: unknown) {
  const countryCode = text(read(payload, 'countryCode'), CountryCodeSchema, 'country_code_format');
  const phone = phoneDigits(read(payload, 'phone'));
  const tooLong =
    countryCode.value !== undefined &&
    phone.value !== undefined &&
    e164(countryCode.value, phone.value) === undefined;
  return { countryCode, phone: tooLong ? { error: 'phone_format' as const } : phone };
}

/** An optional text field: absent when `undefined` or `null`, else text that passes `schema`. */
function optional<T>(value: unknown, schema: v.GenericSchema<string, T>, format: FieldErrorCode) {
  if (value === undefined || value === null) return { value: undefined };
  if (typeof value !== 'string') return { error: format };
  const result = v.safeParse(schema, value);
  return result.success ? { value: result.output } : { error: format };
}

const gatewayOf = (payload: unknown) =>
  optional(read(payload, 'gateway'), PhoneGatewaySchema, 'gateway_unsupported');
const languageOf = (payload: unknown) =>
  optional(read(payload, 'language'), LanguageSchema, 'language_format');

/** An authenticator app's code: 6 to 8 digits. */
const AuthenticatorOtpSchema = v.pipe(v.string(), v.trim(), v.regex(/^\d{6,8}$/));

/** Collects the errors of named fields, or their values when there is none. */
function collect<T>(fields: { [K in keyof T]: { value?: T[K]; error?: FieldErrorCode } }): Checked<T> {
  const fieldErrors: FieldErrors = {};
  const value: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(fields) as Array<
    [string, { value?: unknown; error?: FieldErrorCode }]
  >) {
    if (field.error) fieldErrors[name as keyof FieldErrors] = field.error;
    else if (field.value !== undefined) value[name] = field.value;
  }
  return Object.keys(fieldErrors).length > 0 ? { ok: false, fieldErrors } : { ok: true, value: value as T };
}

/**
 * Checks a `login.phone` payload of any shape.
 * @example
 * checkPhoneLogin({ countryCode: '+1', phone: 1234566663 }); // { ok: true, value: { countryCode: '+1', phone: '1234566663' } }
 * checkPhoneLogin({ countryCode: '+33', phone: '06 12 34 56 78' }); // { ok: false, fieldErrors: { phone: 'phone_trunk_prefix' } }
 */
export function checkPhoneLogin(payload: unknown): Checked<PhoneLoginValues> {
  return collect<PhoneLoginValues>({
    ...phoneFields(payload),
    gateway: gatewayOf(payload),
    language: languageOf(payload),
  });
}

/** Checks a `login.email` payload of any shape. */
export function checkEmailLogin(payload: unknown): Checked<EmailLoginValues> {
  return collect<EmailLoginValues>({
    email: text(read(payload, 'email'), EmailSchema, 'email_format'),
    language: languageOf(payload),
  });
}

/**
 * Checks an `otp.submit` payload of any shape, given the expected length. A code must be text: a number
 * would have lost any leading zero. An authenticator code is optional (`requires2FA` only shows its
 * field: an account without one yet gets the setup step), and checked whenever it is given, since it is
 * then sent.
 */
export function checkOtpSubmission(
  payload: unknown,
  rules: { otpLength: number },
): Checked<OtpSubmissionValues> {
  const otpPattern = new RegExp(`^\\d{${rules.otpLength}}$`);
  const authenticatorOtp = read(payload, 'authenticatorOtp');
  return collect<OtpSubmissionValues>({
    otp: text(read(payload, 'otp'), v.pipe(v.string(), v.trim(), v.regex(otpPattern)), 'otp_format'),
    authenticatorOtp: isMissing(authenticatorOtp)
      ? { value: undefined }
      : text(authenticatorOtp, AuthenticatorOtpSchema, 'otp_format'),
  });
}

/** Checks an `authenticator.submit` payload of any shape: the app's code, required. */
export function checkAuthenticatorSubmission(payload: unknown): Checked<{ authenticatorOtp: string }> {
  const authenticatorOtp = read(payload, 'authenticatorOtp');
  return collect<{ authenticatorOtp: string }>({
    authenticatorOtp: isMissing(authenticatorOtp)
      ? { error: 'authenticator_otp_required' }
      : text(authenticatorOtp, AuthenticatorOtpSchema, 'otp_format'),
  });
}

/** Checks an `otp.resend` payload of any shape: only its optional gateway. */
export function checkResend(payload: unknown): Checked<{ gateway?: PhoneGateway }> {
  return collect<{ gateway?: PhoneGateway }>({ gateway: gatewayOf(payload) });
}

/** `{ gateway }` when an `otp.resend` payload names a valid one, else `{}`. */
export function resendGateway(payload: unknown): { gateway?: PhoneGateway } {
  const checked = checkResend(payload);
  return checked.ok && checked.value.gateway ? { gateway: checked.value.gateway } : {};
}

/**
 * A whole session, as a checked copy (so nothing of `value` is read again), or `undefined`. The same
 * rule as a stored or restored session, so what the machine takes it can also show.
 */
export function sessionOf(value: unknown): LoginSession | undefined {
  try {
    const result = v.safeParse(LoginSessionSchema, value);
    return result.success ? (result.output as LoginSession) : undefined;
  } catch {
    // A proxy whose traps throw: valibot runs them while it inspects the value.
    return undefined;
  }
}

/**
 * A `session.sync` payload's session: `null` for a logout elsewhere, a checked copy of a whole session,
 * or `undefined` for anything else. The machine sends that event to itself, but through the same
 * `send` as the UI's events, so its payload is checked like theirs.
 */
export function syncedSession(payload: unknown): LoginSession | null | undefined {
  const session = read(payload, 'session');
  return session === null ? null : sessionOf(session);
}

/** Field errors of a phone login; empty when it may be sent. */
export const validatePhoneLogin = (payload: unknown): FieldErrors => errorsOf(checkPhoneLogin(payload));

/** Field errors of an email login; empty when it may be sent. */
export const validateEmailLogin = (payload: unknown): FieldErrors => errorsOf(checkEmailLogin(payload));

/** Field errors of a code submission, given the expected length. */
export const validateOtpSubmission = (payload: unknown, rules: { otpLength: number }): FieldErrors =>
  errorsOf(checkOtpSubmission(payload, rules));

/** Field errors of an authenticator code submission. */
export const validateAuthenticatorSubmission = (payload: unknown): FieldErrors =>
  errorsOf(checkAuthenticatorSubmission(payload));

const errorsOf = (checked: Checked<unknown>): FieldErrors => (checked.ok ? {} : checked.fieldErrors);

export const hasFieldErrors = (errors: FieldErrors) => Object.keys(errors).length > 0;
