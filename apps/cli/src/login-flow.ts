import {
  channelLabel,
  createLoginMachine,
  formatCountdown,
  formatLabel,
  type Locale,
  type LoginErrorCode,
  type LoginErrorView,
  type LoginField,
  type LoginIdentifier,
  type LoginMachine,
  type LoginView,
  loginLabels,
  maskEmail,
  maskPhone,
  type OtpChannel,
  type Session,
} from '@verifik-auth/core';
import type { InboxMessage, MockServer } from '@verifik-auth/mock-server';
import { type Actor, createActor } from 'xstate';
import { checkApiUrl } from './api-url.js';
import { embeddedResendCooldownMs, MockNotInstalledError, startEmbeddedMock } from './embedded-mock.js';
import {
  AuthenticatorNeededError,
  CancelledError,
  type CliError,
  LoginFailedError,
  UsageError,
} from './errors.js';
import { type CliMessageKey, cliMessages } from './messages.js';
import { otpauthUrl } from './otpauth.js';
import { type Answer, LineReader, type PromptStreams, parseYesNo } from './prompts.js';
import { Reporter } from './reporter.js';
import { ViewSource } from './view-source.js';

/** Options of {@link runLogin}. Whatever identifies the person and is missing is asked for. */
export interface RunLoginOptions {
  /**
   * Verifik's API (https, or http on localhost). Without it a mock server runs in-process, when
   * `@verifik-auth/mock-server` (an optional peer dependency) is installed; else {@link runLogin}
   * rejects with a `UsageError` saying how to choose, and sends nothing anywhere.
   */
  api?: string;
  /** Default `phone`. */
  method?: 'phone' | 'email';
  /** E.g. `+57`, for a phone login. Without it the dialogue asks, offering `+1`. */
  countryCode?: string;
  /** The national number as typed; the login machine checks it. Without it the dialogue asks. */
  phone?: string;
  /** How the code is sent on a phone login. Default: Verifik's choice. */
  gateway?: 'whatsapp' | 'sms';
  /** The address, with `method: 'email'`. Without it the dialogue asks. */
  email?: string;
  /** No questions: codes are read from `input`, one per line, and every other problem ends the login. */
  otpFromStdin?: boolean;
  /** Language of the messages, and asked of Verifik for its own. Default `en`. */
  lang?: Locale;
  /** After the login, end every other token of the account; resolves with the new session. */
  revokeOthers?: boolean;
  /** Built-in mock only: how long a code stays valid. */
  otpTtlMs?: number;
  /** Built-in mock only: the code it always sends. */
  fixedOtp?: string;
  /** Where answers come from. Default `process.stdin`. */
  input?: PromptStreams['input'];
  /** Where questions and messages go. Default `process.stderr`. */
  output?: PromptStreams['output'];
  /** Aborting it cancels the login: the request in flight is dropped and {@link runLogin} rejects. */
  signal?: AbortSignal;
}

type Text = Record<CliMessageKey, string>;

/** Offered when nothing better is known, as in the demos. */
const defaultCountryCode = '+1';
type Labels = (typeof loginLabels)[Locale];

/** What the person gave so far; a value the machine refuses is dropped and asked for again. */
interface Known {
  countryCode?: string;
  phone?: string;
  email?: string;
}

function channelName(channel: OtpChannel | null | undefined, labels: Labels, text: Text): string {
  return (channel && channelLabel(channel, labels)) ?? text.channelNone;
}

function fieldLabel(field: LoginField, labels: Labels): string {
  const names: Record<LoginField, string> = {
    countryCode: labels.countryCode,
    phone: labels.phoneNumber,
    email: labels.email,
    otp: labels.verificationCode,
    authenticatorOtp: labels.authenticatorCode,
    gateway: labels.gateway,
    language: labels.language,
  };
  return names[field];
}

/** Failures that say the phone number or email address will not do: worth asking for another. */
const identifierRefusals: ReadonlySet<LoginErrorCode> = new Set([
  'invalid_phone',
  'invalid_email',
  'identifier_not_validated',
  'account_not_found',
]);

const refusesIdentifier = (code: LoginErrorCode) => identifierRefusals.has(code);

/** Who a key is for, as an authenticator app lists it: the identifier in full, as the person typed it. */
function accountName(identifier: LoginIdentifier | null): string {
  if (!identifier) return '';
  return identifier.method === 'email' ? identifier.email : `${identifier.countryCode} ${identifier.phone}`;
}

/** Failures that say a typed code was wrong: the next one may be right. */
const wrongCodes: ReadonlySet<LoginErrorCode> = new Set(['invalid_otp', 'invalid_authenticator_otp']);

/** The terminal dialogue over one running login machine: it reacts to each settled view. */
class LoginDialogue {
  readonly #views: ViewSource;
  readonly #reader: LineReader;
  readonly #report: Reporter;
  readonly #options: RunLoginOptions;
  readonly #cancel: AbortSignal;
  readonly #text: Text;
  readonly #labels: Labels;
  readonly #interactive: boolean;
  #known: Known;
  readonly #seen = new WeakSet<object>();
  #announcedCode: number | null = null;
  #announcedExpiry: number | null = null;
  #hintShown = false;

  constructor(deps: {
    views: ViewSource;
    reader: LineReader;
    report: Reporter;
    options: RunLoginOptions;
    cancel: AbortSignal;
  }) {
    this.#views = deps.views;
    this.#reader = deps.reader;
    this.#report = deps.report;
    this.#options = deps.options;
    this.#cancel = deps.cancel;
    const locale = deps.options.lang ?? 'en';
    this.#text = cliMessages[locale];
    this.#labels = loginLabels[locale];
    this.#interactive = !deps.options.otpFromStdin;
    const { countryCode, phone, email } = deps.options;
    this.#known = {
      ...(countryCode ? { countryCode } : {}),
      ...(phone ? { phone } : {}),
      ...(email ? { email } : {}),
    };
  }

  async run(): Promise<Session> {
    for (;;) {
      const view = await this.#settled();
      // The CLI talks to Verifik itself, so its session always has the token.
      if (view.step === 'authenticated' && view.session && !('heldBy' in view.session)) return view.session;
      if (view.step === 'idle') await this.#onIdle(view);
      else if (view.step === 'awaitingOtp') await this.#onAwaitingOtp(view);
      else if (view.step === 'awaitingAuthenticator') await this.#onAwaitingAuthenticator(view);
      else if (view.step === 'expired') await this.#onExpired(view);
      else throw new LoginFailedError(`Unexpected login step "${view.step}".`);
    }
  }

  /**
   * Logs in, then signs out every other session of the account (`revokeOthers()`): resolves with the
   * new session, or rejects without one when Verifik did not revoke.
   */
  async runAndRevokeOthers(): Promise<Session> {
    const before = await this.run();
    this.#views.current.revokeOthers();
    const view = await this.#settled();
    const { session } = view;
    if (view.step === 'authenticated' && !view.error && session && !('heldBy' in session)) {
      if (session.accessToken !== before.accessToken) {
        this.#report.say(this.#text.revokedOthers, 'success');
        return session;
      }
    }
    const message = view.error?.message ?? this.#labels.expiredRevoked;
    throw new LoginFailedError(formatLabel(this.#text.revokeFailed, { message }));
  }

  /** True the first time an error object is met: context keeps an error until the next attempt. */
  #isNew(value: object | null): value is object {
    if (value === null || this.#seen.has(value)) return false;
    this.#seen.add(value);
    return true;
  }

  /** The next view with no request in flight, showing "Sending…" or "Verifying…" meanwhile. */
  async #settled(): Promise<LoginView> {
    const view = this.#views.current;
    if (view.busy && view.step !== 'restoring') {
      const verifying = view.step === 'confirming' || view.step === 'awaitingAuthenticator';
      this.#report.status(
        verifying
          ? this.#labels.verifying
          : view.step === 'authenticated'
            ? this.#labels.revoking
            : this.#labels.sending,
      );
    }
    try {
      return await this.#views.waitFor((next) => !next.busy && next.step !== 'restoring', this.#cancel);
    } catch (error) {
      if (this.#cancel.aborted) throw new CancelledError(this.#text.cancelled);
      throw error;
    } finally {
      this.#report.clearStatus();
    }
  }

  async #ask(
    prompt: string,
    until?: AbortSignal,
    hidden = false,
  ): Promise<Exclude<Answer, { kind: 'aborted' }> | null> {
    const signal = until ? AbortSignal.any([this.#cancel, until]) : this.#cancel;
    const answer = await this.#reader.ask(prompt, signal, { hidden });
    if (this.#cancel.aborted) throw new CancelledError(this.#text.cancelled);
    return answer.kind === 'aborted' ? null : answer;
  }

  /** The end of the input where an answer was needed: a usage error naming the question. */
  #inputEnded(prompt: string): UsageError {
    const what = prompt.replace(/\s*(\[[^\]]*\])?\s*:?\s*$/, '');
    return new UsageError(formatLabel(this.#text.inputEnded, { what }));
  }

  /** A line for an identifier field, trimmed. */
  async #askField(prompt: string): Promise<string> {
    const answer = await this.#ask(prompt);
    if (answer?.kind !== 'line') throw this.#inputEnded(prompt);
    return answer.line.trim();
  }

  async #confirm(prompt: string): Promise<boolean> {
    for (;;) {
      const answer = await this.#ask(prompt);
      if (answer?.kind !== 'line') throw this.#inputEnded(prompt);
      const yes = parseYesNo(answer.line, true);
      if (yes !== undefined) return yes;
      this.#report.say(this.#text.yesOrNo, 'hint');
    }
  }

  /** The error's message and, when the service asked to wait, how long. */
  #sayError(error: LoginErrorView): void {
    this.#report.say(error.message, 'error');
    if ((error.code === 'resend_too_soon' || error.code === 'rate_limited') && error.retryAt !== undefined) {
      const time = formatCountdown(error.retryAt - Date.now());
      this.#report.say(formatLabel(this.#labels.resendIn, { time }), 'hint');
    }
  }

  #fieldErrorLines(view: LoginView, fields: readonly LoginField[]): string[] {
    return fields.flatMap((field) => {
      const error = view.fieldErrors[field];
      return error
        ? [
            formatLabel(this.#text.fieldError, {
              field: fieldLabel(field, this.#labels),
              message: error.message,
            }),
          ]
        : [];
    });
  }

  async #onIdle(view: LoginView): Promise<void> {
    const fields = Object.keys(view.fieldErrors) as LoginField[];
    if (fields.length > 0 && this.#isNew(view.fieldErrors)) {
      const lines = this.#fieldErrorLines(view, fields);
      if (!this.#interactive) throw new UsageError(lines.join('\n'));
      for (const line of lines) this.#report.say(line, 'error');
      for (const field of fields) if (field in this.#known) delete this.#known[field as keyof Known];
    } else if (this.#isNew(view.error)) {
      const { code, message, retryable } = view.error;
      if (refusesIdentifier(code)) {
        // The service refused who it was: ask again, the country code suggested from last time.
        if (!this.#interactive) throw new UsageError(message);
        this.#sayError(view.error);
        this.#known = {};
      } else if (retryable && this.#interactive) {
        this.#sayError(view.error);
        if (!(await this.#confirm(this.#text.tryAgain))) throw new LoginFailedError(this.#text.notLoggedIn);
      } else {
        throw new LoginFailedError(message);
      }
    }
    await this.#sendIdentifier();
  }

  async #sendIdentifier(): Promise<void> {
    const known = this.#known;
    if ((this.#options.method ?? 'phone') === 'email') {
      known.email ??= await this.#askField(this.#text.emailPrompt);
      this.#views.current.sendEmail({ email: known.email });
      return;
    }
    if (known.countryCode === undefined) {
      // The machine keeps the last identifier it accepted: its country code is the likely answer.
      const { identifier } = this.#views.current;
      const suggested = identifier?.method === 'phone' ? identifier.countryCode : defaultCountryCode;
      const prompt = formatLabel(this.#text.countryCodePrompt, { default: suggested });
      known.countryCode = (await this.#askField(prompt)) || suggested;
    }
    known.phone ??= await this.#askField(this.#text.phonePrompt);
    const { gateway } = this.#options;
    this.#views.current.sendPhone({
      countryCode: known.countryCode,
      phone: known.phone,
      ...(gateway ? { gateway } : {}),
    });
  }

  #announceCode(view: LoginView): void {
    if (view.otpExpiresAt === this.#announcedCode) return;
    this.#announcedCode = view.otpExpiresAt;
    const target = view.maskedIdentifier ?? '';
    const sent =
      view.gateway === 'none'
        ? formatLabel(this.#text.codeSentNoChannel, { target })
        : formatLabel(this.#labels.codeSentTo, {
            target,
            channel: channelName(view.gateway, this.#labels, this.#text),
          });
    const expires =
      view.otpExpiresAt === null
        ? ''
        : ` ${formatLabel(this.#labels.codeExpiresIn, { time: formatCountdown(view.otpExpiresAt - Date.now()) })}`;
    this.#report.say(`${sent}${expires}`, 'info');
    if (this.#interactive && !this.#hintShown) {
      this.#hintShown = true;
      this.#report.say(this.#text.codeHint, 'hint');
    }
  }

  async #onAwaitingOtp(view: LoginView): Promise<void> {
    this.#announceCode(view);
    const fields = (['otp', 'authenticatorOtp'] as const).filter((field) => view.fieldErrors[field]);
    if (fields.length > 0 && this.#isNew(view.fieldErrors)) {
      for (const line of this.#fieldErrorLines(view, fields)) this.#report.say(line, 'error');
    }
    if (this.#isNew(view.error)) {
      // A wrong code (or authenticator code) reads the next; anything else has nobody to retry it in a script.
      if (!this.#interactive && !wrongCodes.has(view.error.code))
        throw new LoginFailedError(view.error.message);
      this.#sayError(view.error);
    }

    // The code may expire, or be replaced, while it is being typed: then the question is called off.
    const challenge = view.otpExpiresAt;
    const watch = this.#views.watch((next) => next.step === 'awaitingOtp' && next.otpExpiresAt === challenge);
    try {
      const otp = await this.#readCode(this.#interactive ? this.#text.codePrompt : '', watch.signal);
      if (otp === null) return;
      if (this.#interactive && /^r(esend)?$/i.test(otp)) {
        this.#views.current.resend();
        return;
      }
      // Verifik hints that the account has an authenticator: a script gives the app's code on the line
      // after the code, sent with it to save a request. A person is asked on the authenticator step,
      // which says what is needed (a first setup has no app code yet); so is a script that gave none.
      let authenticatorOtp: string | undefined;
      if (view.requires2FA && !this.#interactive) {
        const answer = await this.#ask('', watch.signal, true);
        if (answer === null) return;
        if (answer.kind === 'line') authenticatorOtp = answer.line.trim();
      }
      this.#views.current.submitOtp(otp, authenticatorOtp);
    } finally {
      watch.dispose();
    }
  }

  /**
   * A code typed (not shown, as OpenSSH asks for a verification code) or piped; null when called off.
   * The end of a script's input throws `ended`.
   */
  async #readCode(
    prompt: string,
    until: AbortSignal,
    ended: () => CliError = () => new LoginFailedError(this.#text.noMoreCodes),
  ): Promise<string | null> {
    const answer = await this.#ask(prompt, until, true);
    if (answer === null) return null;
    if (answer.kind === 'eof') {
      if (this.#interactive) throw this.#inputEnded(prompt);
      throw ended();
    }
    return answer.line.trim();
  }

  /**
   * The authenticator step: the code was right, and the account's app must confirm it. A first setup
   * shows the key, a secret of the account, so only to a person at a terminal: never into a pipe, a
   * file or a log, where it would outlive the login. Without one, the login stops and says why.
   */
  async #onAwaitingAuthenticator(view: LoginView): Promise<void> {
    const { qrCode = null, secretKey = null } = view.authenticator ?? {};
    const setup = qrCode !== null || secretKey !== null;
    if (setup && !(this.#interactive && this.#reader.isTerminal)) {
      throw new AuthenticatorNeededError(this.#text.authenticatorSetupNeedsTerminal);
    }
    let showTimeLeft = false;
    if (this.#isNew(view.authenticator)) {
      if (secretKey !== null) {
        this.#report.say(this.#text.authenticatorSetup, 'info');
        this.#report.say(`${this.#labels.authenticatorKey}: ${secretKey}`, 'code');
        this.#report.say(otpauthUrl(secretKey, accountName(view.identifier)), 'code');
      } else if (setup) {
        this.#report.say(this.#text.authenticatorQrOnly, 'error');
      } else {
        this.#report.say(this.#labels.authenticatorPrompt, 'info');
        this.#report.say(this.#labels.authenticatorLost, 'hint');
      }
      showTimeLeft = true;
    }
    if (view.fieldErrors.authenticatorOtp && this.#isNew(view.fieldErrors)) {
      for (const line of this.#fieldErrorLines(view, ['authenticatorOtp'])) this.#report.say(line, 'error');
    }
    if (this.#isNew(view.error)) {
      // A wrong app code reads the next; anything else has nobody to retry it in a script.
      if (!this.#interactive && view.error.code !== 'invalid_authenticator_otp')
        throw new LoginFailedError(view.error.message);
      this.#sayError(view.error);
      showTimeLeft ||= this.#interactive;
    }
    // The same code is confirmed again, so it still dies when it would have: say how soon.
    if (showTimeLeft && view.otpExpiresAt !== null) {
      const time = formatCountdown(view.otpExpiresAt - Date.now());
      this.#report.say(formatLabel(this.#labels.codeExpiresIn, { time }), 'hint');
    }

    // The code may expire while the app's code is being typed: then the question is called off.
    const challenge = view.otpExpiresAt;
    const watch = this.#views.watch(
      (next) => next.step === 'awaitingAuthenticator' && next.otpExpiresAt === challenge,
    );
    try {
      const prompt = this.#interactive ? this.#text.authenticatorPrompt : '';
      const ended = () => new AuthenticatorNeededError(this.#text.authenticatorCodeMissing);
      const authenticatorOtp = await this.#readCode(prompt, watch.signal, ended);
      if (authenticatorOtp !== null) this.#views.current.submitAuthenticator(authenticatorOtp);
    } finally {
      watch.dispose();
    }
  }

  async #onExpired(view: LoginView): Promise<void> {
    if (view.expiredReason !== 'otp') throw new LoginFailedError(this.#labels.expiredSession);
    if (!this.#interactive) throw new LoginFailedError(this.#text.expiredNonInteractive);
    if (this.#isNew(view.error)) {
      // The service's "expired" or a failed resend: either says more than "Your code expired."
      this.#sayError(view.error);
    } else if (this.#announcedExpiry !== view.otpExpiresAt) {
      this.#report.say(this.#labels.expiredOtp, 'error');
    }
    this.#announcedExpiry = view.otpExpiresAt;
    if (!(await this.#confirm(this.#text.sendNewCode))) throw new LoginFailedError(this.#text.notLoggedIn);
    this.#views.current.resend();
  }
}

/**
 * Logs in through the terminal: asks for what `options` lacks, says where the code went and how long
 * it is valid, reads it, and resolves with the session. Messages go to `output` (stderr); the caller
 * prints or stores the token. Rejects with a `CliError` whose `exitCode` says how it failed:
 * `UsageError` (2), `LoginFailedError` (1), `AuthenticatorNeededError` (3), `CancelledError` (130).
 * An account with an authenticator app is asked for the app's code; a first setup shows its key only
 * when `input` and `output` are a terminal and `otpFromStdin` is off.
 * @example
 * const session = await runLogin({ countryCode: '+1', phone: '1234566663', fixedOtp: '123456' });
 * console.log(session.accessToken);
 */
export async function runLogin(options: RunLoginOptions = {}): Promise<Session> {
  // First, so that no message (the client's included) can repeat a password written in the URL.
  if (options.api !== undefined) checkApiUrl(options.api);
  const locale = options.lang ?? 'en';
  const text = cliMessages[locale];
  const labels = loginLabels[locale];
  const output = options.output ?? process.stderr;
  const report = new Reporter(output);
  const cancel = new AbortController();
  const onAbort = () => cancel.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) cancel.abort();
  const reader = new LineReader({ input: options.input ?? process.stdin, output }, onAbort);

  let mock: MockServer | undefined;
  let actor: Actor<LoginMachine> | undefined;
  let done = false;
  try {
    if (options.api === undefined) {
      const showCode = (message: InboxMessage) => {
        const target =
          message.method === 'email'
            ? maskEmail(message.email ?? '')
            : maskPhone(message.countryCode ?? '', message.phone ?? '');
        const channel = channelName(message.method === 'email' ? 'email' : message.gateway, labels, text);
        report.say(formatLabel(text.mockInbox, { otp: message.otp, target, channel }), 'code');
      };
      try {
        mock = await startEmbeddedMock({
          onMessage: showCode,
          ...(options.otpTtlMs === undefined ? {} : { otpTtlMs: options.otpTtlMs }),
          ...(options.fixedOtp === undefined ? {} : { fixedOtp: options.fixedOtp }),
        });
      } catch (error) {
        // Never the real API instead: a login the person did not ask for would send a real message.
        if (error instanceof MockNotInstalledError) throw new UsageError(text.mockMissing, { cause: error });
        throw error;
      }
      report.say(formatLabel(text.mockStarted, { url: mock.url }), 'hint');
      if (cancel.signal.aborted) throw new CancelledError(text.cancelled);
    }

    // Never the machine's default (the real API): without --api the URL is the mock's, or nothing runs.
    const baseUrl = options.api ?? mock?.url;
    if (baseUrl === undefined) throw new Error('verifik-login: neither --api nor a mock server to talk to');
    let machine: LoginMachine;
    try {
      machine = createLoginMachine({
        baseUrl,
        language: locale,
        ...(mock ? { resendCooldownMs: embeddedResendCooldownMs(options.otpTtlMs) } : {}),
      });
    } catch (error) {
      // The client refuses plain-http and malformed URLs with a message written for people.
      throw new UsageError(`--api: ${(error as Error).message}`, { cause: error });
    }
    actor = createActor(machine).start();
    const views = new ViewSource(actor, locale);
    const dialogue = new LoginDialogue({ views, reader, report, options, cancel: cancel.signal });
    const session = options.revokeOthers ? await dialogue.runAndRevokeOthers() : await dialogue.run();
    done = true;
    return session;
  } finally {
    report.clearStatus();
    options.signal?.removeEventListener('abort', onAbort);
    if (actor) {
      // Drops a request in flight (the machine aborts it) before the actor goes.
      if (!done) actor.send({ type: 'login.cancel' });
      actor.stop();
    }
    reader.close();
    // A failure to stop the mock must not hide how the login ended.
    await mock?.close().catch(() => {});
  }
}
