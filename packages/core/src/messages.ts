import type { LoginErrorCode } from './errors.js';
import type { FieldErrorCode } from './login.types.js';

/** The languages the package has messages for: `en` built in, `es` from `@verifik-auth/core/locales/es`. */
export type Locale = 'en' | 'es';

/** Every {@link Locale}, e.g. for a language picker; `es` shows English until it is registered. */
export const locales: readonly Locale[] = ['en', 'es'];

/**
 * One language's messages, for {@link registerLocale}. Only English is built in; every other language
 * is an import of its own (`@verifik-auth/core/locales/es`), so apps that do not speak it do not ship it.
 */
export interface LocaleMessages {
  /** The language these messages are in. */
  locale: Locale;
  /** What to tell a person for each failure: what happened and what to do next. */
  errors: Record<LoginErrorCode, string>;
  /** What to tell a person about a field refused before sending. */
  fields: Record<FieldErrorCode, string>;
}

type Catalogue<K extends string> = { en: Record<K, string> } & Partial<Record<Locale, Record<K, string>>>;

/** What to tell a person for each failure, per registered language (`en` always). */
export const errorMessages: Catalogue<LoginErrorCode> = {
  en: {
    invalid_phone: 'That phone number is not valid. Check the country code and the number.',
    invalid_email: 'That email address is not registered or not valid.',
    identifier_not_validated:
      'That phone number or email address could not be checked. Check it or try another.',
    account_not_found: 'No account uses that phone number or email address.',
    send_refused: 'A code could not be sent this way. Try another channel or contact the site owner.',
    invalid_otp: 'That code is not right. Check the latest message and try again.',
    invalid_authenticator_otp: 'That authenticator code is not right. Enter the current one from your app.',
    otp_expired: 'This code has expired or was already used. Ask for a new one.',
    otp_send_failed: 'This code could not be delivered. Ask for a new one.',
    resend_too_soon: 'A code was sent moments ago. You can ask for another one shortly.',
    rate_limited: 'Too many attempts. Wait a little before trying again.',
    insufficient_credits: 'The login service is out of credits. Please contact the site owner.',
    project_flow_not_found: 'The login service is not set up for this site. Please contact the site owner.',
    endpoint_not_found: 'The login service address is wrong. Please contact the site owner.',
    unauthorized: 'Your session is no longer valid. Please log in again.',
    missing_parameter: 'Some required information is missing. Please fill in every field.',
    server: 'The login service had a problem. Please try again.',
    network: 'Could not reach the login service. Check your connection and try again.',
    timeout: 'The login service took too long to answer. Please try again.',
    invalid_response: 'The login service sent an unexpected answer. Please try again.',
    unknown: 'Something went wrong. Please try again.',
  },
};

/** What to tell a person about a field refused before sending, per registered language (`en` always). */
export const fieldErrorMessages: Catalogue<FieldErrorCode> = {
  en: {
    required: 'This field is required.',
    country_code_format: 'Use a + followed by 1 to 3 digits, like +1 or +57.',
    phone_format: 'Use digits only: at least 4, and at most 15 with the country code.',
    phone_trunk_prefix:
      'Drop the leading 0 (the trunk prefix): enter the number as you would after the country code.',
    email_format: 'Enter an email address like name@example.com.',
    otp_format: 'Enter the code exactly as received: digits only.',
    authenticator_otp_required: 'This account also needs the code from your authenticator app.',
    gateway_unsupported: 'Choose WhatsApp or SMS to receive the code.',
    language_format: 'Use a language code such as en or es.',
  },
};

/**
 * Makes `connect()` speak a language: until it is registered, a view asked for in that language is in
 * English. Register once, before the first render; registering again replaces the messages.
 * @example
 * import { registerLocale } from '@verifik-auth/core';
 * import { es } from '@verifik-auth/core/locales/es';
 *
 * registerLocale(es);
 */
export function registerLocale(messages: LocaleMessages): void {
  errorMessages[messages.locale] = messages.errors;
  fieldErrorMessages[messages.locale] = messages.fields;
}

/** Narrows any string to a supported locale: `es-CO` → `es`, unknown → `en`. */
export function resolveLocale(locale: string | undefined): Locale {
  const base = (locale ?? 'en').toLowerCase().split(/[-_]/)[0];
  return (locales as readonly string[]).includes(base ?? '') ? (base as Locale) : 'en';
}
