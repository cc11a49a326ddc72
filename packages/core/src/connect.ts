import * as v from 'valibot';
import type { SnapshotFrom } from 'xstate';
import type { LoginSession, OtpChannel, PhoneGateway } from './client.types.js';
import type { LoginErrorData } from './errors.js';
import type { LoginMachine } from './login.machine.js';
import type {
  AuthenticatorHold,
  ExpiredReason,
  FieldErrorCode,
  FieldErrors,
  LoginContext,
  LoginEvent,
  LoginField,
  LoginIdentifier,
} from './login.types.js';
import { eventOf } from './login-event.js';
import { maskIdentifier } from './mask.js';
import { errorMessages, fieldErrorMessages, type Locale, resolveLocale } from './messages.js';
import { ChallengeSchema, ErrorDataSchema, FieldErrorsSchema, IdentifierSchema } from './restore-snapshot.js';
import { Secret } from './secret.js';
import { LoginSessionSchema } from './session-store.js';

/** A snapshot of the login actor: what {@link connect} turns into a {@link LoginView}. */
export type LoginSnapshot = SnapshotFrom<LoginMachine>;

/** The machine's top-level state. */
export type LoginStep =
  | 'restoring'
  | 'idle'
  | 'sending'
  | 'awaitingOtp'
  | 'confirming'
  | 'awaitingAuthenticator'
  | 'authenticated'
  | 'expired';

/**
 * The authenticator step: the code was right, and the account's authenticator app must confirm it too.
 * The QR code and the key are secrets of the account: show them, never log, store or send them.
 */
export interface AuthenticatorView {
  /**
   * First setup: the QR code for the app to scan, a `data:image/(png|jpeg|gif|webp);base64,…` URL for
   * an `<img src>` (the page's CSP needs `img-src data:`); `null` when none came, or it was not such an image.
   */
  qrCode: string | null;
  /** First setup: the key to type into the app by hand, in groups of four (`CUIV I2R7 LUYT 4TZM`); else `null`. */
  secretKey: string | null;
}

/**
 * `view.error`: the failure as plain data plus the sentence to show. It is not an `Error` and not a
 * {@link LoginError} (`instanceof` and {@link isLoginError} are false): it is a copy that survives
 * snapshots and persistence. Branch on `code`.
 */
export interface LoginErrorView extends LoginErrorData {
  /** The localized sentence to show. */
  message: string;
}

/** Why one field was refused, to show under it. */
export interface FieldErrorView {
  /** Stable, for code that reacts to a particular problem. */
  code: FieldErrorCode;
  /** The localized sentence to show. */
  message: string;
}

/** What {@link LoginCommands.sendPhone} takes: the phone as typed, checked before any request. */
export interface PhoneLoginInput {
  /** `"+"` and 1 to 3 digits, not starting with 0, e.g. `"+57"`. */
  countryCode: string;
  /** The national number; spaces, dashes, dots and parentheses are dropped. No leading 0. */
  phone: string;
  /** How to deliver the code. Default: Verifik's, WhatsApp. */
  gateway?: PhoneGateway;
  /** The language of the message, a tag such as `"es"`. Default: Verifik's. */
  language?: string;
}

/** What {@link LoginCommands.sendEmail} takes. */
export interface EmailLoginInput {
  /** The address as typed, checked before any request. */
  email: string;
  /** The language of the message, a tag such as `"es"`. Default: Verifik's. */
  language?: string;
}

/**
 * Methods that only send events: stable for a given `send`, safe to pass down as props. What they are
 * handed is checked and copied first (see {@link toLoginEvent}): no input makes them throw or stops the
 * actor.
 */
export interface LoginCommands {
  /** Starts a phone login (`login.phone`): sends a code, or sets `fieldErrors` if the input is wrong. */
  sendPhone(input: PhoneLoginInput): void;
  /** Starts an email login (`login.email`): sends a code, or sets `fieldErrors` if the input is wrong. */
  sendEmail(input: EmailLoginInput): void;
  /** Confirms the code (`otp.submit`), with the authenticator code if typed (`requires2FA` shows its field). */
  submitOtp(otp: string, authenticatorOtp?: string): void;
  /** On the authenticator step: confirms the code again with the app's code (`authenticator.submit`). */
  submitAuthenticator(authenticatorOtp: string): void;
  /** Asks for a new code (`otp.resend`), optionally by another gateway; before `canResend`, `resend_too_soon`. */
  resend(gateway?: PhoneGateway): void;
  /** Back to the form (`login.cancel`), keeping what was typed so "Change number" can edit it. */
  cancel(): void;
  /** Renews the session now (`session.refresh`) instead of waiting for the automatic refresh. */
  refresh(): void;
  /** Forgets the session here and in storage (`session.logout`); the token is not revoked. */
  logout(): void;
  /**
   * Signs out everywhere else (`session.revokeOthers`): this session gets a new token and EVERY other
   * token of the account stops working, other devices', scripts' and servers' included.
   */
  revokeOthers(): void;
}

/** The framework-neutral view of a login: plain values and functions. */
export interface LoginView extends LoginCommands {
  /** Which screen to show: the form, the code, the signed-in state, or a waiting state. */
  step: LoginStep;
  /** A request is in flight (or the stored session is being read). */
  busy: boolean;
  /** `sending` is a resend of the current code: keep showing the code step rather than the form. */
  resending: boolean;
  /** The phone or email being logged in, as entered: to prefill the form after `cancel`. */
  identifier: LoginIdentifier | null;
  /**
   * The identifier with most digits or letters hidden, e.g. `+57 ••• ••• 4567`: safe to show and log.
   * While a session is shown, the session's own (`session.maskedIdentifier`: who signed in, after a
   * reload or in another tab too); else the one being logged in.
   */
  maskedIdentifier: string | null;
  /** Why the last request failed, localized; cleared when a new attempt starts. */
  error: LoginErrorView | null;
  /** Input refused before any request, by field. */
  fieldErrors: Partial<Record<LoginField, FieldErrorView>>;
  /** Where the current code went. */
  gateway: OtpChannel | null;
  /** Verifik hints that the account uses an authenticator: show its field on the code step, optional. */
  requires2FA: boolean;
  /** While `step` is `awaitingAuthenticator`: what to show on it; else `null`. */
  authenticator: AuthenticatorView | null;
  /** Wrong codes tried against the current code. */
  attempts: number;
  /** Epoch ms, on the code and authenticator steps; adapters tick their own countdowns. */
  otpExpiresAt: number | null;
  /** Epoch ms from which a new code may be asked for, for the countdown on the resend button. */
  resendAvailableAt: number | null;
  /** A new code may be asked for now: enable the resend button. */
  canResend: boolean;
  /** The signed-in session, while `step` is `authenticated`. */
  session: LoginSession | null;
  /** On the `expired` step: whether the code or the session ran out, or the session was revoked elsewhere. */
  expiredReason: ExpiredReason | null;
}

/** How {@link connect} presents the view. */
export interface ConnectOptions {
  /**
   * Language of `error.message` and `fieldErrors`: `en` (default) or `es`; `es-CO` works too. Spanish
   * needs `registerLocale(es)` first (`es` from `@verifik-auth/core/locales/es`); until then it is English.
   */
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
    // UI code may hand a command anything: each event is checked and copied first (see toLoginEvent).
    const deliver = (type: LoginEvent['type'], payload?: unknown) => {
      const event = eventOf(type, payload);
      if (event) send(event);
    };
    commands = {
      sendPhone: (input) => deliver('login.phone', input),
      sendEmail: (input) => deliver('login.email', input),
      submitOtp: (otp, authenticatorOtp) => deliver('otp.submit', { otp, authenticatorOtp }),
      submitAuthenticator: (authenticatorOtp) => deliver('authenticator.submit', { authenticatorOtp }),
      resend: (gateway) => deliver('otp.resend', gateway ? { gateway } : {}),
      cancel: () => deliver('login.cancel'),
      refresh: () => deliver('session.refresh'),
      logout: () => deliver('session.logout'),
      revokeOthers: () => deliver('session.revokeOthers'),
    };
    commandsBySend.set(send, commands);
  }
  return commands;
}

// Views are cached by the identity of the context objects they come from, so an unchanged error
// yields the same object and shallow-equal selectors skip the re-render.
function errorViewFor(error: LoginErrorData, locale: Locale): LoginErrorView {
  const byLocale = errorViews.get(error) ?? {};
  const view = byLocale[locale] ?? {
    ...error,
    message: (errorMessages[locale] ?? errorMessages.en)[error.code],
  };
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
      view[field] = { code, message: (fieldErrorMessages[locale] ?? fieldErrorMessages.en)[code] };
    }
    byLocale[locale] = view;
    fieldErrorViews.set(fieldErrors, byLocale);
  }
  return view;
}

const steps: readonly LoginStep[] = [
  'restoring',
  'idle',
  'sending',
  'awaitingOtp',
  'confirming',
  'awaitingAuthenticator',
  'authenticated',
  'expired',
];

/** The top-level state of a snapshot; `idle` for anything that is not one of the machine's. */
export function stepOf(snapshot: Pick<LoginSnapshot, 'value'>): LoginStep {
  const value: unknown = snapshot?.value;
  const name =
    typeof value === 'string' ? value : value && typeof value === 'object' ? Object.keys(value)[0] : '';
  return steps.includes(name as LoginStep) ? (name as LoginStep) : 'idle';
}

const warnedLocales = new Set<Locale>();

/** English, saying once per language why: a forgotten `registerLocale()` would otherwise go unnoticed. */
function fallBackToEnglish(requested: Locale): 'en' {
  if (!warnedLocales.has(requested)) {
    warnedLocales.add(requested);
    console.warn(
      `verifik-auth: locale "${requested}" was asked for, but its messages are not registered; showing English. ` +
        `Call registerLocale(${requested}) once, with ${requested} from '@verifik-auth/core/locales/${requested}'.`,
    );
  }
  return 'en';
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
  const requested = resolveLocale(options?.locale);
  // A language whose messages were never registered (see `registerLocale`) is shown in English.
  const locale = errorMessages[requested] ? requested : fallBackToEnglish(requested);
  if (typeof snapshot !== 'object' || snapshot === null) return viewOf(snapshot, send, locale);
  const cached = viewsBySnapshot.get(snapshot);
  if (cached && cached.send === send && cached.locale === locale) return cached.view;
  const view = viewOf(snapshot, send, locale);
  viewsBySnapshot.set(snapshot, { send, locale, view });
  return view;
}

/**
 * `connect()` never throws at a render, whatever snapshot it is handed: a restored, forged or errored
 * one included (XState gives an errored actor a snapshot without context). Each context field is shown
 * only when it has the shape the machine gives it, so a malformed one reads as absent.
 */
function viewOf(snapshot: LoginSnapshot, send: (event: LoginEvent) => void, locale: Locale): LoginView {
  try {
    return checkedViewOf(snapshot, send, locale);
  } catch {
    // A getter or a proxy that throws: show the login form rather than break the page.
    return emptyView(send);
  }
}

const authenticatorViews = new WeakMap<Secret<AuthenticatorHold>, AuthenticatorView>();

/** The step's view of what the machine holds; `{ qrCode: null, secretKey: null }` for anything else. */
function authenticatorViewOf(held: unknown): AuthenticatorView {
  const hold = held instanceof Secret ? (held as Secret<AuthenticatorHold>) : undefined;
  let view = hold && authenticatorViews.get(hold);
  if (!view) {
    const { qrCode, secretKey } = hold?.reveal() ?? {};
    view = {
      qrCode: typeof qrCode === 'string' ? qrCode : null,
      secretKey: typeof secretKey === 'string' ? secretKey.replace(/(.{4})(?=.)/g, '$1 ') : null,
    };
    if (hold) authenticatorViews.set(hold, view);
  }
  return view;
}

const isA = <S extends v.GenericSchema>(schema: S, value: unknown): value is v.InferOutput<S> =>
  v.is(schema, value);
const finiteOrNull = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

function emptyView(send: (event: LoginEvent) => void): LoginView {
  return {
    step: 'idle',
    busy: false,
    resending: false,
    identifier: null,
    maskedIdentifier: null,
    error: null,
    fieldErrors: noFieldErrors,
    gateway: null,
    requires2FA: false,
    authenticator: null,
    attempts: 0,
    otpExpiresAt: null,
    resendAvailableAt: null,
    canResend: false,
    session: null,
    expiredReason: null,
    ...commandsFor(send),
  };
}

function checkedViewOf(
  snapshot: LoginSnapshot,
  send: (event: LoginEvent) => void,
  locale: Locale,
): LoginView {
  const raw: Partial<Record<keyof LoginContext, unknown>> =
    snapshot && typeof snapshot.context === 'object' && snapshot.context !== null ? snapshot.context : {};
  const step = stepOf(snapshot);
  const identifier = isA(IdentifierSchema, raw.identifier) ? (raw.identifier as LoginIdentifier) : null;
  const challenge = isA(ChallengeSchema, raw.challenge) ? raw.challenge : null;
  const error = isA(ErrorDataSchema, raw.error) ? (raw.error as LoginErrorData) : null;
  const fieldErrors = isA(FieldErrorsSchema, raw.fieldErrors) ? (raw.fieldErrors as FieldErrors) : null;
  const session = isA(LoginSessionSchema, raw.session) ? (raw.session as LoginSession) : null;
  const expiredReason = ['otp', 'session', 'revoked'].includes(raw.expiredReason as string)
    ? (raw.expiredReason as ExpiredReason)
    : null;
  const attempts = raw.attempts;
  const has = (method: 'matches' | 'hasTag', arg: unknown) =>
    typeof snapshot[method] === 'function' && (snapshot[method] as (value: unknown) => boolean)(arg) === true;
  const canResend =
    (step === 'awaitingOtp' && has('matches', { awaitingOtp: 'ready' })) ||
    (step === 'expired' && expiredReason === 'otp');
  return {
    step,
    busy: has('hasTag', 'busy'),
    resending: step === 'sending' && challenge !== null,
    identifier,
    // Who a shown session belongs to is the session's to say: the identifier may be one typed here
    // before another tab signed in, and after a reload there is none.
    maskedIdentifier: session
      ? (session.maskedIdentifier ?? null)
      : identifier
        ? maskIdentifier(identifier)
        : null,
    error: error ? errorViewFor(error, locale) : null,
    fieldErrors: fieldErrors ? fieldErrorsViewFor(fieldErrors, locale) : noFieldErrors,
    gateway: challenge?.gateway ?? null,
    requires2FA: challenge?.requires2FA ?? false,
    authenticator: step === 'awaitingAuthenticator' ? authenticatorViewOf(raw.authenticator) : null,
    attempts: typeof attempts === 'number' && Number.isInteger(attempts) && attempts >= 0 ? attempts : 0,
    otpExpiresAt: challenge?.expiresAt ?? null,
    resendAvailableAt: finiteOrNull(raw.resendAvailableAt),
    canResend,
    session,
    expiredReason,
    ...commandsFor(send),
  };
}
