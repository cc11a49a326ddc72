import type { Locale } from '@verifik-auth/core';

/**
 * The terminal's own copy: only what a form on a page does not need. Everything else (field labels,
 * "We sent a code to…", error messages) comes from the core's `loginLabels` and `errorMessages`.
 */
const en = {
  countryCodePrompt: 'Country code [{default}]: ',
  phonePrompt: 'Phone number: ',
  emailPrompt: 'Email: ',
  codePrompt: 'Verification code: ',
  authenticatorPrompt: 'Authenticator code: ',
  authenticatorSetup:
    'Your account also needs an authenticator app (Google Authenticator or any other). Add this key to it, or the otpauth:// line below if it takes one, then enter the 6-digit code it shows.',
  authenticatorQrOnly:
    'The service sent a QR code but no key, and a terminal cannot show the QR code: set the app up in Verifik’s web login.',
  authenticatorSetupNeedsTerminal:
    'This account must first set up an authenticator app. Its key is shown only when verifik-login asks its questions in a terminal, never into a pipe, a file or a log: log in that way once, without --otp-from-stdin.',
  authenticatorCodeMissing:
    'The input ended before a valid authenticator code was read. This account also needs the code from its authenticator app, on the line after the code.',
  codeHint: 'Type the code, or r for a new one. Ctrl-C cancels.',
  sendNewCode: 'Send a new code? [Y/n] ',
  tryAgain: 'Try again? [Y/n] ',
  yesOrNo: 'Please answer y or n.',
  cancelled: 'Cancelled.',
  notLoggedIn: 'Not logged in.',
  signedIn: 'Signed in. The token expires on {date}.',
  tokenWritten: 'Signed in. Token written to {file} (mode 0600); it expires on {date}.',
  mockStarted: 'Using the built-in mock server at {url}: no real message is sent. Use --api URL for Verifik.',
  mockInbox: '[mock inbox] code {otp} sent to {target} via {channel}',
  mockMissing: [
    'verifik-login: no --api given, and the built-in mock server (@verifik-auth/mock-server) is not installed.',
    'Nothing was sent. Choose one:',
    '  verifik-login --api https://api.verifik.co    to log in to Verifik',
    '  npm i -g @verifik-auth/mock-server            to try it without an account, then run verifik-login again',
    '                                                (install it where the CLI is: drop -g for a local install)',
  ].join('\n'),
  channelNone: 'your app',
  codeSentNoChannel: 'A code was issued for {target}.',
  inputEnded: 'The input ended while asking for: {what}',
  noMoreCodes: 'The input ended before a valid code was read.',
  expiredNonInteractive:
    'The code expired before a valid one was read. Run verifik-login again for a new code.',
  fieldError: '{field}: {message}',
  revokedOthers: 'Every other session of this account was signed out.',
  revokeFailed: 'The other sessions were not signed out: {message} No token was output.',
} as const;

export type CliMessageKey = keyof typeof en;

export const cliMessages: Record<Locale, Record<CliMessageKey, string>> = {
  en,
  es: {
    countryCodePrompt: 'Indicativo [{default}]: ',
    phonePrompt: 'Número de teléfono: ',
    emailPrompt: 'Correo electrónico: ',
    codePrompt: 'Código de verificación: ',
    authenticatorPrompt: 'Código de autenticación: ',
    authenticatorSetup:
      'Tu cuenta también necesita una app de autenticación (Google Authenticator u otra). Agrégale esta clave, o la línea otpauth:// de abajo si la acepta, y luego ingresa el código de 6 dígitos que muestra.',
    authenticatorQrOnly:
      'El servicio envió un código QR sin clave, y una terminal no puede mostrar el QR: configura la app en el inicio de sesión web de Verifik.',
    authenticatorSetupNeedsTerminal:
      'Esta cuenta primero debe configurar una app de autenticación. Su clave solo se muestra cuando verifik-login hace sus preguntas en una terminal, nunca en una tubería, un archivo o un registro: inicia sesión así una vez, sin --otp-from-stdin.',
    authenticatorCodeMissing:
      'La entrada terminó antes de leer un código de autenticación válido. Esta cuenta también necesita el código de su app de autenticación, en la línea después del código.',
    codeHint: 'Escribe el código, o r para pedir uno nuevo. Ctrl-C cancela.',
    sendNewCode: '¿Enviar un código nuevo? [S/n] ',
    tryAgain: '¿Intentar de nuevo? [S/n] ',
    yesOrNo: 'Responde s o n.',
    cancelled: 'Cancelado.',
    notLoggedIn: 'No se inició sesión.',
    signedIn: 'Sesión iniciada. El token vence el {date}.',
    tokenWritten: 'Sesión iniciada. Token guardado en {file} (modo 0600); vence el {date}.',
    mockStarted:
      'Usando el servidor de prueba integrado en {url}: no se envía ningún mensaje real. Usa --api URL para Verifik.',
    mockInbox: '[buzón de prueba] código {otp} enviado a {target} por {channel}',
    mockMissing: [
      'verifik-login: no se indicó --api y el servidor de prueba integrado (@verifik-auth/mock-server) no está instalado.',
      'No se envió nada. Elige una opción:',
      '  verifik-login --api https://api.verifik.co    para iniciar sesión en Verifik',
      '  npm i -g @verifik-auth/mock-server            para probar sin cuenta; luego ejecuta verifik-login de nuevo',
      '                                                (instálalo donde está la CLI: sin -g si es una instalación local)',
    ].join('\n'),
    channelNone: 'tu app',
    codeSentNoChannel: 'Se emitió un código para {target}.',
    inputEnded: 'La entrada terminó mientras se pedía: {what}',
    noMoreCodes: 'La entrada terminó antes de leer un código válido.',
    expiredNonInteractive:
      'El código venció antes de leer uno válido. Ejecuta verifik-login de nuevo para recibir otro.',
    fieldError: '{field}: {message}',
    revokedOthers: 'Se cerraron todas las demás sesiones de esta cuenta.',
    revokeFailed: 'No se cerraron las demás sesiones: {message} No se entregó ningún token.',
  },
};
