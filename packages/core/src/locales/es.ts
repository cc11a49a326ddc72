/**
 * Spanish messages, a separate import so that apps that do not speak Spanish do not ship them.
 * @module @verifik-auth/core/locales/es
 */
import type { LocaleMessages } from '../messages.js';

/**
 * Spanish messages for `connect()`. Opt-in, so that apps that do not speak Spanish do not ship it:
 * @example
 * import { registerLocale } from '@verifik-auth/core';
 * import { es } from '@verifik-auth/core/locales/es';
 *
 * registerLocale(es);
 */
export const es: LocaleMessages = {
  locale: 'es',
  errors: {
    invalid_phone: 'Ese número de teléfono no es válido. Revisa el indicativo y el número.',
    invalid_email: 'Ese correo no está registrado o no es válido.',
    identifier_not_validated: 'No se pudo verificar ese teléfono o correo. Revísalo o usa otro.',
    account_not_found: 'Ninguna cuenta usa ese teléfono o correo.',
    send_refused:
      'No se pudo enviar un código por esta vía. Prueba otro canal o contacta al dueño del sitio.',
    invalid_otp: 'Ese código no es correcto. Revisa el último mensaje e inténtalo de nuevo.',
    invalid_authenticator_otp: 'Ese código de autenticación no es correcto. Escribe el actual de tu app.',
    otp_expired: 'Este código venció o ya se usó. Pide uno nuevo.',
    otp_send_failed: 'No se pudo entregar este código. Pide uno nuevo.',
    resend_too_soon: 'Acabamos de enviarte un código. Podrás pedir otro en breve.',
    rate_limited: 'Demasiados intentos. Espera un poco antes de volver a intentarlo.',
    insufficient_credits: 'El servicio de inicio de sesión no tiene créditos. Contacta al dueño del sitio.',
    project_flow_not_found:
      'El servicio de inicio de sesión no está configurado para este sitio. Contacta al dueño del sitio.',
    endpoint_not_found: 'La dirección del servicio es incorrecta. Contacta al dueño del sitio.',
    unauthorized: 'Tu sesión ya no es válida. Inicia sesión de nuevo.',
    missing_parameter: 'Falta información obligatoria. Completa todos los campos.',
    server: 'El servicio de inicio de sesión tuvo un problema. Inténtalo de nuevo.',
    network: 'No se pudo contactar el servicio. Revisa tu conexión e inténtalo de nuevo.',
    timeout: 'El servicio tardó demasiado en responder. Inténtalo de nuevo.',
    invalid_response: 'El servicio envió una respuesta inesperada. Inténtalo de nuevo.',
    unknown: 'Algo salió mal. Inténtalo de nuevo.',
  },
  fields: {
    required: 'Este campo es obligatorio.',
    country_code_format: 'Usa un + seguido de 1 a 3 dígitos, como +1 o +57.',
    phone_format: 'Usa solo dígitos: al menos 4, y como mucho 15 con el código de país.',
    phone_trunk_prefix:
      'Quita el 0 inicial (el prefijo nacional): escribe el número como lo marcarías después del indicativo.',
    email_format: 'Escribe un correo como nombre@ejemplo.com.',
    otp_format: 'Escribe el código tal como lo recibiste: solo dígitos.',
    authenticator_otp_required: 'Esta cuenta también necesita el código de tu app de autenticación.',
    gateway_unsupported: 'Elige WhatsApp o SMS para recibir el código.',
    language_format: 'Usa un código de idioma como en o es.',
  },
};
