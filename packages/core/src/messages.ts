import type { LoginErrorCode } from './errors.js';
import type { FieldErrorCode } from './login.types.js';

/** The languages every message exists in. */
export type Locale = 'en' | 'es';

export const locales: readonly Locale[] = ['en', 'es'];

/** What to tell a person for each failure: what happened and what to do next. */
export const errorMessages: Record<Locale, Record<LoginErrorCode, string>> = {
  en: {
    invalid_phone: 'That phone number is not valid. Check the country code and the number.',
    invalid_email: 'That email address is not registered or not valid.',
    invalid_otp: 'That code is not right. Check the latest message and try again.',
    otp_expired: 'This code has expired or was already used. Ask for a new one.',
    resend_too_soon: 'A code was sent moments ago. You can ask for another one shortly.',
    rate_limited: 'Too many attempts. Wait a little before trying again.',
    insufficient_credits: 'The login service is out of credits. Please contact the site owner.',
    unauthorized: 'Your session is no longer valid. Please log in again.',
    missing_parameter: 'Some required information is missing. Please fill in every field.',
    server: 'The login service had a problem. Please try again.',
    network: 'Could not reach the login service. Check your connection and try again.',
    timeout: 'The login service took too long to answer. Please try again.',
    invalid_response: 'The login service sent an unexpected answer. Please try again.',
    unknown: 'Something went wrong. Please try again.',
  },
  es: {
    invalid_phone: 'Ese número de teléfono no es válido. Revisa el indicativo y el número.',
    invalid_email: 'Ese correo no está registrado o no es válido.',
    invalid_otp: 'Ese código no es correcto. Revisa el último mensaje e inténtalo de nuevo.',
    otp_expired: 'Este código venció o ya se usó. Pide uno nuevo.',
    resend_too_soon: 'Acabamos de enviarte un código. Podrás pedir otro en breve.',
    rate_limited: 'Demasiados intentos. Espera un poco antes de volver a intentarlo.',
    insufficient_credits: 'El servicio de inicio de sesión no tiene créditos. Contacta al dueño del sitio.',
    unauthorized: 'Tu sesión ya no es válida. Inicia sesión de nuevo.',
    missing_parameter: 'Falta información obligatoria. Completa todos los campos.',
    server: 'El servicio de inicio de sesión tuvo un problema. Inténtalo de nuevo.',
    network: 'No se pudo contactar el servicio. Revisa tu conexión e inténtalo de nuevo.',
    timeout: 'El servicio tardó demasiado en responder. Inténtalo de nuevo.',
    invalid_response: 'El servicio envió una respuesta inesperada. Inténtalo de nuevo.',
    unknown: 'Algo salió mal. Inténtalo de nuevo.',
  },
};

/** What to tell a person about a field refused before sending. */
export const fieldErrorMessages: Record<Locale, Record<FieldErrorCode, string>> = {
  en: {
    required: 'This field is required.',
    country_code_format: 'Use a + followed by 1 to 4 digits, like +1 or +57.',
    phone_format: 'Use digits only, 4 to 15 of them.',
    phone_trunk_prefix:
      'Drop the leading 0 (the trunk prefix): enter the number as you would after the country code.',
    email_format: 'Enter an email address like name@example.com.',
    otp_format: 'Enter the code exactly as received: digits only.',
    authenticator_otp_required: 'This account also needs the code from your authenticator app.',
    gateway_unsupported: 'Choose WhatsApp or SMS to receive the code.',
    language_format: 'Use a language code such as en or es.',
  },
  es: {
    required: 'Este campo es obligatorio.',
    country_code_format: 'Usa un + seguido de 1 a 4 dígitos, como +1 o +57.',
    phone_format: 'Usa solo dígitos, entre 4 y 15.',
    phone_trunk_prefix:
      'Quita el 0 inicial (el prefijo nacional): escribe el número como lo marcarías después del indicativo.',
    email_format: 'Escribe un correo como nombre@ejemplo.com.',
    otp_format: 'Escribe el código tal como lo recibiste: solo dígitos.',
    authenticator_otp_required: 'Esta cuenta también necesita el código de tu app de autenticación.',
    gateway_unsupported: 'Elige WhatsApp o SMS para recibir el código.',
    language_format: 'Usa un código de idioma como en o es.',
  },
};

/** Narrows any string to a supported locale: `es-CO` → `es`, unknown → `en`. */
export function resolveLocale(locale: string | undefined): Locale {
  const base = (locale ?? 'en').toLowerCase().split(/[-_]/)[0];
  return (locales as readonly string[]).includes(base ?? '') ? (base as Locale) : 'en';
}
