import { connect, type LoginIdentifier, type LoginSnapshot, type Session, stepOf } from '@verifik-auth/core';
import { type PathActorName, pathInputs } from './cases.js';
import type { ApiRequest, ExpectedState, LoginControl } from './path.types.js';
import { observeView } from './run-path.js';

/** `{ awaitingOtp: 'cooldown' }` → `awaitingOtp.cooldown`. */
export function stateValueToString(value: LoginSnapshot['value'] | Record<string, unknown>): string {
  if (typeof value === 'string') return value;
  return Object.entries(value)
    .map(([key, child]) =>
      child === undefined ? key : `${key}.${stateValueToString(child as Record<string, unknown>)}`,
    )
    .join(',');
}

/** The event each control sends, valid, so `snapshot.can` answers for the control. */
const controlEvents = {
  send: [
    { type: 'login.phone', ...pathInputs.phone },
    { type: 'login.email', email: pathInputs.email },
  ],
  verify: [
    { type: 'otp.submit', otp: pathInputs.rightOtp },
    { type: 'authenticator.submit', authenticatorOtp: pathInputs.rightAuthenticatorOtp },
  ],
  cancel: [{ type: 'login.cancel' }],
  refresh: [{ type: 'session.refresh' }],
  logout: [{ type: 'session.logout' }],
  revokeOthers: [{ type: 'session.revokeOthers' }],
} as const;

/** The controls that do something now: the machine takes their event; resend as the view says. */
export function controlsOf(snapshot: LoginSnapshot, canResend: boolean): LoginControl[] {
  const order: LoginControl[] = ['send', 'verify', 'resend', 'cancel', 'refresh', 'logout', 'revokeOthers'];
  return order.filter((control) =>
    control === 'resend'
      ? canResend
      : controlEvents[control].some((event) => snapshot.can(event as Parameters<LoginSnapshot['can']>[0])),
  );
}

/** Whole seconds from `now` to `at`, never negative; null without a deadline. */
const secondsUntil = (at: number | null, now: number) =>
  at === null ? null : Math.max(0, Math.ceil((at - now) / 1000));

/**
 * The expected view of a snapshot at the device clock `now`, in the terms of {@link ExpectedState}.
 * Every driver compares what it can see against it.
 */
export function expectedStateOf(snapshot: LoginSnapshot, now: number): ExpectedState {
  const view = connect(snapshot, () => undefined);
  return {
    value: stateValueToString(snapshot.value),
    ...observeView(view),
    enabled: controlsOf(snapshot, view.canResend),
    resendInSeconds: stepOf(snapshot) === 'awaitingOtp' ? secondsUntil(view.resendAvailableAt, now) : null,
    // The authenticator step sends the same code again, so it shows the code's time left too.
    otpExpiresInSeconds: ['awaitingOtp', 'confirming', 'awaitingAuthenticator'].includes(stepOf(snapshot))
      ? secondsUntil(view.otpExpiresAt, now)
      : null,
  };
}

/** How a code shows in a recorded request: which one it is, never its digits. */
export function maskCode(code: string): string {
  if (code === pathInputs.rightOtp) return '<right code>';
  if (code === pathInputs.wrongOtp) return '<wrong code>';
  if (code === pathInputs.rightAuthenticatorOtp) return '<right authenticator code>';
  if (code === pathInputs.wrongAuthenticatorOtp) return '<wrong authenticator code>';
  return '<another code>';
}

/** `Bearer <token>` for any bearer header: the token itself never reaches a catalogue. */
export const maskAuthorization = (header: string) =>
  /^bearer\s+\S/i.test(header) ? 'Bearer <token>' : '<other>';

/** `POST /v2/projects/phone-login`: how reports and `aborted` name a request. */
export const requestName = (request: Pick<ApiRequest, 'method' | 'path'>) =>
  `${request.method} ${request.path.split('?')[0]}`;

const gatewayOf = (...choices: Array<string | undefined>): Record<string, string> => {
  const chosen = choices.find((choice) => choice !== undefined);
  return chosen === undefined ? {} : { phoneGateway: chosen };
};

/**
 * The request Verifik's documentation says a call makes (see `shared/verifik-api.md`), written out
 * here on purpose rather than taken from the client: drivers record what the real client sends and
 * compare it with this.
 */
export function expectedRequest(actor: PathActorName, input: unknown): ApiRequest | null {
  const { identifier, gateway, otp, authenticatorOtp, session } = (input ?? {}) as {
    identifier?: LoginIdentifier;
    gateway?: string;
    otp?: { reveal(): string };
    authenticatorOtp?: { reveal(): string };
    session?: Session;
  };
  // Verifik's own dashboard sends only the primary subtag, lower-cased: `pt` for `pt-BR`.
  const language: Record<string, string> =
    identifier?.language === undefined
      ? {}
      : { language: (identifier.language.split(/[-_]/)[0] ?? '').toLowerCase() };
  switch (actor) {
    case 'loadSession':
      return null;
    case 'requestOtp':
      if (identifier?.method === 'email') {
        return {
          method: 'POST',
          path: `/v2/projects/email-login?email=${encodeURIComponent(identifier.email)}`,
          body: { email: identifier.email, ...language },
        };
      }
      if (identifier?.method !== 'phone') return null;
      return {
        method: 'POST',
        path: '/v2/projects/phone-login',
        body: {
          countryCode: identifier.countryCode,
          // A string of digits, as Verifik's own login page sends it (verifik-api.md §7).
          phone: identifier.phone,
          type: 'login',
          ...gatewayOf(gateway, identifier.gateway),
          ...language,
        },
      };
    case 'confirmOtp': {
      const code = maskCode(otp?.reveal() ?? '');
      // On the authenticator step, the same code again with the app's (verifik-api.md §7).
      const app: Record<string, string> =
        authenticatorOtp === undefined ? {} : { authenticatorOTP: maskCode(authenticatorOtp.reveal()) };
      if (identifier?.method === 'email') {
        return {
          method: 'POST',
          path: '/v2/projects/email-login/confirm',
          body: { email: identifier.email, otp: code, ...app },
        };
      }
      if (identifier?.method !== 'phone') return null;
      return {
        method: 'POST',
        path: '/v2/projects/phone-login/confirm',
        body: { countryCode: identifier.countryCode, phone: identifier.phone, otp: code, ...app },
      };
    }
    case 'refreshSession':
      return session
        ? { method: 'GET', path: '/v2/auth/session?origin=refresh', authorization: 'Bearer <token>' }
        : null;
    case 'revokeOtherSessions':
      return session
        ? { method: 'POST', path: '/v2/auth/renew-and-revoke', body: {}, authorization: 'Bearer <token>' }
        : null;
  }
}
