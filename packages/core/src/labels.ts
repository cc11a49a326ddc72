import type { OtpChannel } from './client.types.js';
import type { LoginView } from './connect.js';
import type { Locale } from './messages.js';

/** The English copy, whose keys every locale has. */
const en = {
  title: 'Log in',
  subtitle: 'We send you a one-time code. No password needed.',
  methodPhone: 'Phone',
  methodEmail: 'Email',
  countryCode: 'Country code',
  phoneNumber: 'Phone number',
  email: 'Email',
  gateway: 'Send the code by',
  gatewayWhatsapp: 'WhatsApp',
  gatewaySms: 'SMS',
  gatewayEmail: 'email',
  sendCode: 'Send code',
  sending: 'Sending…',
  verificationCode: 'Verification code',
  authenticatorCode: 'Authenticator code',
  authenticatorSetup:
    'Your account also needs an authenticator app. Scan this QR code with it (Google Authenticator or any other), or type the key, then enter the 6-digit code it shows.',
  authenticatorQr: 'QR code for your authenticator app',
  authenticatorKey: 'Key',
  authenticatorPrompt: 'Enter the 6-digit code from your authenticator app.',
  authenticatorLost: 'Lost your authenticator? Ask whoever manages your Verifik account to reset it.',
  verify: 'Verify',
  verifying: 'Verifying…',
  resendCode: 'Resend code',
  changeNumber: 'Change number',
  codeSentTo: 'We sent a code to {target} by {channel}.',
  codeExpiresIn: 'The code expires in {time}.',
  resendIn: 'You can ask for a new code in {time}.',
  attempts: 'Wrong attempts: {count}',
  signedIn: 'Signed in',
  token: 'Token',
  tokenOnServer: 'Kept on the server',
  expires: 'Expires',
  refresh: 'Refresh session',
  logOut: 'Log out',
  revokeOthers: 'Sign out everywhere',
  revokeOthersWarning:
    'Ends every other session of this account: other devices, scripts and servers using its key.',
  revoking: 'Signing out everywhere else…',
  expiredOtp: 'Your code expired.',
  expiredSession: 'Your session expired. Log in again.',
  expiredRevoked: 'Your session was ended elsewhere. Log in again.',
  newCode: 'Send a new code',
  restoring: 'Checking your session…',
  inbox: 'Mock server inbox',
  language: 'Language',
} as const;

/** The name of one piece of screen copy, e.g. `sendCode` or `codeExpiresIn`. */
export type LoginLabelKey = keyof typeof en;

/**
 * Default copy for login screens, in every supported locale. The demos and the CLI use it; apps may too,
 * or bring their own. `{name}` placeholders are filled by {@link formatLabel}.
 */
export const loginLabels: Record<Locale, Record<LoginLabelKey, string>> = {
  en,
  es: {
    title: 'Iniciar sesión',
    subtitle: 'Te enviamos un código de un solo uso. Sin contraseña.',
    methodPhone: 'Teléfono',
    methodEmail: 'Correo',
    countryCode: 'Indicativo',
    phoneNumber: 'Número de teléfono',
    email: 'Correo electrónico',
    gateway: 'Enviar el código por',
    gatewayWhatsapp: 'WhatsApp',
    gatewaySms: 'SMS',
    gatewayEmail: 'correo',
    sendCode: 'Enviar código',
    sending: 'Enviando…',
    verificationCode: 'Código de verificación',
    authenticatorCode: 'Código de autenticación',
    authenticatorSetup:
      'Tu cuenta también necesita una app de autenticación. Escanea este código QR con ella (Google Authenticator u otra), o escribe la clave, y luego ingresa el código de 6 dígitos que muestra.',
    authenticatorQr: 'Código QR para tu app de autenticación',
    authenticatorKey: 'Clave',
    authenticatorPrompt: 'Ingresa el código de 6 dígitos de tu app de autenticación.',
    authenticatorLost:
      '¿Perdiste tu autenticador? Pide a quien administra tu cuenta de Verifik que lo restablezca.',
    verify: 'Verificar',
    verifying: 'Verificando…',
    resendCode: 'Reenviar código',
    changeNumber: 'Cambiar número',
    codeSentTo: 'Enviamos un código a {target} por {channel}.',
    codeExpiresIn: 'El código vence en {time}.',
    resendIn: 'Podrás pedir un código nuevo en {time}.',
    attempts: 'Intentos fallidos: {count}',
    signedIn: 'Sesión iniciada',
    token: 'Token',
    tokenOnServer: 'Guardado en el servidor',
    expires: 'Vence',
    refresh: 'Renovar sesión',
    logOut: 'Cerrar sesión',
    revokeOthers: 'Cerrar sesión en todas partes',
    revokeOthersWarning:
      'Cierra todas las demás sesiones de esta cuenta: otros dispositivos, scripts y servidores que usan su clave.',
    revoking: 'Cerrando las demás sesiones…',
    expiredOtp: 'Tu código venció.',
    expiredSession: 'Tu sesión venció. Inicia sesión de nuevo.',
    expiredRevoked: 'Tu sesión se cerró en otro lugar. Inicia sesión de nuevo.',
    newCode: 'Enviar un código nuevo',
    restoring: 'Revisando tu sesión…',
    inbox: 'Bandeja del servidor de prueba',
    language: 'Idioma',
  },
};

type Labels = Record<LoginLabelKey, string>;

const channelLabelKeys: Partial<Record<OtpChannel, LoginLabelKey>> = {
  whatsapp: 'gatewayWhatsapp',
  sms: 'gatewaySms',
  email: 'gatewayEmail',
};

/** How a channel is called in `labels`; `undefined` for `none` (the app delivers the code itself). */
export function channelLabel(channel: OtpChannel, labels: Labels): string | undefined {
  const key = channelLabelKeys[channel];
  return key && labels[key];
}

/**
 * One sentence saying what the step means, for a status line announced when it changes; empty where
 * the screen says it all.
 */
export function statusLabel(
  view: Pick<LoginView, 'step' | 'gateway' | 'maskedIdentifier' | 'expiredReason'>,
  labels: Labels,
): string {
  switch (view.step) {
    case 'restoring':
      return labels.restoring;
    case 'sending':
      return labels.sending;
    case 'awaitingOtp':
    case 'confirming':
      return formatLabel(labels.codeSentTo, {
        target: view.maskedIdentifier ?? '',
        channel: view.gateway ? (channelLabel(view.gateway, labels) ?? view.gateway) : '',
      });
    case 'awaitingAuthenticator':
      return labels.authenticatorPrompt;
    case 'expired':
      return view.expiredReason === 'otp'
        ? labels.expiredOtp
        : view.expiredReason === 'revoked'
          ? labels.expiredRevoked
          : labels.expiredSession;
    default:
      return '';
  }
}

/** Fills `{name}` placeholders: `formatLabel('Expires in {time}', { time: '0:42' })`. */
export function formatLabel(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in values ? String(values[name]) : match,
  );
}
