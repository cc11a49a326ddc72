import type { SnapshotFrom } from 'xstate';
import type { OtpChannel, PhoneGateway, Session } from './client.types.js';
import type { LoginErrorData } from './errors.js';
import type { LoginMachine } from './login.machine.js';
import type {
  ExpiredReason,
  FieldErrorCode,
  FieldErrors,
  LoginEvent,
  LoginField,
  LoginIdentifier,
} from './login.types.js';
import { maskIdentifier } from './mask.js';
import { errorMessages, fieldErrorMessages, type Locale, resolveLocale } from './messages.js';

export type LoginSnapshot = SnapshotFrom<LoginMachine>;

/** The machine's top-level state. */
export type LoginStep =
  | 'restoring'
  | 'idle'
  | 'sending'
  | 'awaitingOtp'
  | 'confirming'
  | 'authenticated'
  | 'expired';

export interface LoginErrorView extends LoginErrorData {
  /** The localized sentence to show. */
  message: string;
}

export interface FieldErrorView {
  code: FieldErrorCode;
  message: string;
}

export interface PhoneLoginInput {
  countryCode: string;
  phone: string;
  gateway?: PhoneGateway;
  language?: string;
}

export interface EmailLoginInput {
  email: string;
  language?: string;
}

/** Methods that only send events: stable for a given `send`, safe to pass down as props. */
export interface LoginCommands {
  sendPhone(input: PhoneLoginInput): void;
  sendEmail(input: EmailLoginInput): void;
  submitOtp(otp: string, authenticatorOtp?: string): void;
  resend(gateway?: PhoneGateway): void;
  cancel(): void;
  refresh(): void;
  logout(): void;
}

/** The framework-neutral view of a login: plain values and functions. */
export interface LoginView extends LoginCommands {
  step: LoginStep;
  /** A request is in flight (or the stored session is being read). */
  busy: boolean;
  /** `sending` is a resend of the current code: keep showing the code step rather than the form. */
  resending: boolean;
  identifier: LoginIdentifier | null;
  maskedIdentifier: string | null;
  error: LoginErrorView | null;
  fieldErrors: Partial<Record<LoginField, FieldErrorView>>;
  /** Where the current code went. */
  gateway: OtpChannel | null;
  requires2FA: boolean;
  attempts: number;
  /** Epoch ms; adapters tick their own countdowns. */
  otpExpiresAt: number | null;
  resendAvailableAt: number | null;
  canResend: boolean;
  session: Session | null;
  expiredReason: ExpiredReason | null;
}

export interface ConnectOptions {
  /** Language of `error.message` and `fieldErrors`: `en` (default) or `es`; `es-CO` works too. */
  locale?: Locale | string;
}

/** The last view made of each snapshot: adapters call connect() once per selector per snapshot. */
const viewsBySnapshot = new WeakMap<LoginSnapshot, { send: unknown; locale: Locale; view: LoginView }>();
const commandsBySend = new WeakMap<(event: LoginEvent) => void, LoginCommands>();
const errorViews = new WeakMap<LoginErrorData, Partial<Record<Locale, LoginErrorView>>>();
const fieldErrorViews = new WeakMap<FieldErrors, Partial<Record<Locale, LoginView['fieldErrors']>>>();

function commandsFor(send: (event: LoginEvent) => void): LoginCommands {
  let commands = commandsBySend.get(send);
  if (!commands) {
    commands = {
      sendPhone: (input) => send({ type: 'login.phone', ...input }),
      sendEmail: (input) => send({ type: 'login.email', ...input }),
      submitOtp: (otp, authenticatorOtp) =>
        send({ type: 'otp.submit', otp, ...(authenticatorOtp === undefined ? {} : { authenticatorOtp }) }),
      resend: (gateway) => send({ type: 'otp.resend', ...(gateway ? { gateway } : {}) }),
      cancel: () => send({ type: 'login.cancel' }),
      refresh: () => send({ type: 'session.refresh' }),
      logout: () => send({ type: 'session.logout' }),
    };
    commandsBySend.set(send, commands);
  }
  return commands;
}

// Views are cached by the identity of the context objects they come from, so an unchanged error
// yields the same object and shallow-equal selectors skip the re-render.
function errorViewFor(error: LoginErrorData, locale: Locale): LoginErrorView {
  const byLocale = errorViews.get(error) ?? {};
  const view = byLocale[locale] ?? { ...error, message: errorMessages[locale][error.code] };
  byLocale[locale] = view;
  errorViews.set(error, byLocale);
  return view;
}

/** One shared empty view, since the machine makes a fresh `{}` whenever it clears field errors. */
const noFieldErrors: LoginView['fieldErrors'] = Object.freeze({});

function fieldErrorsViewFor(fieldErrors: FieldErrors, locale: Locale): LoginView['fieldErrors'] {
  if (Object.keys(fieldErrors).length === 0) return noFieldErrors;
  const byLocale = fieldErrorViews.get(fieldErrors) ?? {};
  let view = byLocale[locale];
  if (!view) {
    view = {};
    for (const [field, code] of Object.entries(fieldErrors) as Array<[LoginField, FieldErrorCode]>) {
      view[field] = { code, message: fieldErrorMessages[locale][code] };
    }
    byLocale[locale] = view;
    fieldErrorViews.set(fieldErrors, byLocale);
  }
  return view;
}

/** The top-level state of a snapshot. */
export function stepOf(snapshot: Pick<LoginSnapshot, 'value'>): LoginStep {
  const { value } = snapshot;
  return (typeof value === 'string' ? value : Object.keys(value)[0]) as LoginStep;
}

/**
 * Turns a snapshot of the login machine into plain values and event-sending functions, the same for
 * every framework. Call it on each snapshot; unchanged parts keep their identity.
 * @example
 * actor.subscribe((snapshot) => render(connect(snapshot, actor.send, { locale: 'es' })));
 */
export function connect(
  snapshot: LoginSnapshot,
  send: (event: LoginEvent) => void,
  options: ConnectOptions = {},
): LoginView {
  const locale = resolveLocale(options.locale);
  const cached = viewsBySnapshot.get(snapshot);
  if (cached && cached.send === send && cached.locale === locale) return cached.view;
  const view = viewOf(snapshot, send, locale);
  viewsBySnapshot.set(snapshot, { send, locale, view });
  return view;
}

function viewOf(snapshot: LoginSnapshot, send: (event: LoginEvent) => void, locale: Locale): LoginView {
  const { context } = snapshot;
  const step = stepOf(snapshot);
  const canResend =
    (step === 'awaitingOtp' && snapshot.matches({ awaitingOtp: 'ready' })) ||
    (step === 'expired' && context.expiredReason === 'otp');
  return {
    step,
    busy: snapshot.hasTag('busy'),
    resending: step === 'sending' && context.challenge !== null,
    identifier: context.identifier,
    maskedIdentifier: context.identifier ? maskIdentifier(context.identifier) : null,
    error: context.error ? errorViewFor(context.error, locale) : null,
    fieldErrors: fieldErrorsViewFor(context.fieldErrors, locale),
    gateway: context.challenge?.gateway ?? null,
    requires2FA: context.challenge?.requires2FA ?? false,
    attempts: context.attempts,
    otpExpiresAt: context.challenge?.expiresAt ?? null,
    resendAvailableAt: context.resendAvailableAt,
    canResend,
    session: context.session,
    expiredReason: context.expiredReason,
    ...commandsFor(send),
  };
}
