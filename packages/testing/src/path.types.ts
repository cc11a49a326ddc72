import type {
  ExpiredReason,
  LoginErrorCode,
  LoginEvent,
  LoginField,
  LoginStep,
  Session,
} from '@verifik-auth/core';
import type { ActorOutcome, PathActorName } from './cases.js';

/** What a driver must observe after a step: the parts of `connect()`'s view a UI shows, plus the state value. */
export interface ExpectedState {
  /** The full state value, e.g. `awaitingOtp.cooldown`; UIs that only show `step` may ignore it. */
  value: string;
  /** `view.step`: which screen the UI shows. */
  step: LoginStep;
  /** `view.busy`: a request is in flight, so the UI disables its controls. */
  busy: boolean;
  /** `view.resending`: a new code is being sent, so the UI keeps showing the code step. */
  resending: boolean;
  /** `view.error?.code`. */
  error: LoginErrorCode | null;
  /** The fields `view.fieldErrors` holds, sorted. */
  fieldErrors: LoginField[];
  /** `view.expiredReason`: whether the code or the session ran out. */
  expiredReason: ExpiredReason | null;
  /** `view.attempts`: wrong codes tried against the current challenge. */
  attempts: number;
  /** `view.canResend`: the resend control is enabled. */
  canResend: boolean;
  /** `view.maskedIdentifier`: the phone or email as the UI shows it. */
  maskedIdentifier: string | null;
  /** Whether `view.session` holds a session. */
  signedIn: boolean;
  /** `view.error.message` in English, as a person reads it. */
  errorMessage: string | null;
  /**
   * On the authenticator step only (absent elsewhere): whether `view.authenticator` shows a QR code and
   * a key to set the app up with (both false: the app is set up, the user types its code).
   */
  authenticator?: { qrCode: boolean; secretKey: boolean };
  /** What the user can do here, as the machine accepts it (resend: `view.canResend`), in a fixed order. */
  enabled: LoginControl[];
  /** Whole seconds until a new code may be asked for, at the step's device clock; null without a cooldown. */
  resendInSeconds: number | null;
  /** Whole seconds until the code expires, at the step's device clock; null without a code. */
  otpExpiresInSeconds: number | null;
}

/**
 * A control a login UI offers: send a code (phone or email form), verify a code, resend it, cancel,
 * refresh the session, log out, sign out everywhere else.
 */
export type LoginControl = 'send' | 'verify' | 'resend' | 'cancel' | 'refresh' | 'logout' | 'revokeOthers';

/**
 * An API call as the server receives it, secrets masked: the OTP reads `<right code>` or `<wrong code>`,
 * the bearer token `<token>`.
 */
export interface ApiRequest {
  /** The HTTP method. */
  method: 'GET' | 'POST';
  /** The path and query below the API's base URL, e.g. `/v2/projects/phone-login`. */
  path: string;
  /** The JSON body, when there is one. */
  body?: Record<string, string | number | boolean>;
  /** The `Authorization` header, masked, when there is one. */
  authorization?: string;
}

/** What a step does to the outside world, beside the state: the calls, their aborts and the storage. */
export interface StepEffects {
  /** The API calls the step starts, in order; empty means none may be made. */
  requests: ApiRequest[];
  /** The calls in flight the step abandons (aborted), by `METHOD path`. */
  aborted: string[];
  /** The session storage writes the step makes, in order; empty means none may happen. */
  storageWrites: Array<'save' | 'clear'>;
  /** What the session storage holds after the step (never a code, at any step). */
  stored: 'session' | 'nothing';
}

/** What a step makes happen, in the terms a driver acts on. */
export type PathAction =
  /** The user does something: a driver types and clicks (or sends the event as it is). */
  | { type: 'send'; event: LoginEvent }
  /** The pending call of an invoked actor ends with this outcome. */
  | { type: 'settle'; actor: PathActorName; outcome: ActorOutcome }
  /** Time passes: due timers fire. */
  | { type: 'advance'; ms: number }
  /** The device's wall clock jumps by `ms` (negative: back); timers already set are not moved. */
  | { type: 'adjustClock'; ms: number }
  /** The page reloads: a new actor starts from the persisted snapshot. */
  | { type: 'reload' }
  /** Another tab stores a session (or removes it: `null`). */
  | { type: 'syncStorage'; session: Session | null };

/** The kinds of {@link PathAction}, for drivers that dispatch on them. */
export type PathActionType = PathAction['type'];

/** One step of a path: an action and the state it must lead to. */
export interface PathStep {
  /** The case, e.g. `input.phone`, `requestOtp.server`, `advance`, `sync.login`. */
  case: string;
  /** A sentence for people, e.g. "the user enters a valid phone number". */
  description: string;
  /** What happens in this step. */
  action: PathAction;
  /** The state the step must lead to, checked by the driver. */
  expect: ExpectedState;
  /** The machine transitions the step takes, by {@link MachineTransition.id}. */
  transitions: string[];
  /**
   * The calls the step starts (e.g. `requestOtp` when the user enters a valid phone number): a
   * driver against a server prepares a later `settle` step's outcome before this step.
   */
  calls: PathActorName[];
  /** The requests and storage writes the step must make, and nothing else. */
  effects: StepEffects;
}

/**
 * One row of a scenario outline: the path with its last step's outcome replaced. Variants that differ
 * only in the server's answer share one path and list their answers here.
 */
export interface PathExample {
  /** The last step's case, e.g. `requestOtp.rate_limited`. */
  case: string;
  /** The last step in words. */
  description: string;
  /** The answer the call ends with. */
  action: PathAction;
  /** The state it must lead to. */
  expect: ExpectedState;
  /** The transitions it takes. */
  transitions: string[];
  /** Its requests and storage writes. */
  effects: StepEffects;
}

/** A generated test: start, then each step, checking the expected state after each. */
export interface LoginPath {
  /**
   * Named after the path's actions only (not what they lead to), e.g.
   * `empty.phone.sent.wrong-code.invalid-otp`: a behaviour change keeps the id and shows as a
   * changed expectation, and unrelated paths never renumber.
   */
  id: string;
  /** Which traversal generated it. */
  strategy: PathStrategy;
  /** The requirements the path covers, e.g. `resend`, `expiry`, `two-tabs`, `phone`, `email`. */
  tags: string[];
  /** The steps in words, joined with "→". */
  description: string;
  /** Where the clock starts, epoch ms. */
  startsAt: number;
  /** The state right after start (the machine reads storage first). */
  initial: ExpectedState;
  /** What happens after the start, in order. */
  steps: PathStep[];
  /**
   * Other answers to the last step's call that lead through the same transitions: the path runs once
   * with its own last step and once per example (see `expandExamples`).
   */
  examples?: PathExample[];
}

/** How paths are generated; see {@link LoginPathOptions.strategy}. */
export type PathStrategy = 'shortest' | 'simple' | 'journey';

/** An event that must not move the machine in a state: nothing changes, nothing is sent or written. */
export interface IgnoredEvent {
  /** The input or other-tab case, e.g. `input.otp.right`, `sync.logout`. */
  case: string;
  /** The event in words. */
  description: string;
  /** What a driver does to send it. */
  action: PathAction;
}

/** The events a state ignores, with a path that reaches it. */
export interface IgnoredInState {
  /** The state value, e.g. `confirming`. */
  state: string;
  /** The id of the catalogue path whose first `steps` steps reach the state. */
  via: string;
  /** How many steps of `via` reach the state. */
  steps: number;
  /** The events that take no transition here. */
  ignored: IgnoredEvent[];
}

/** The committed catalogue file: every path and the ignored-events table. */
export interface LoginCatalogue {
  /** The file's format. */
  version: 2;
  /** Which machine it describes. */
  machine: 'login';
  /** The machine options every path assumes. */
  machineOptions: Record<string, unknown>;
  /** Every path, scenario outlines not expanded. */
  paths: LoginPath[];
  /** The events each state ignores. */
  ignored: IgnoredInState[];
}

/** A transition of the machine, for coverage. */
export interface MachineTransition {
  /** Readable and unique, e.g. `awaitingOtp: otp.submit [isOtpSubmissionValid] → confirming`. */
  id: string;
  /** The source state's path, e.g. `awaitingOtp.cooldown`; `(machine)` for the root. */
  source: string;
  /** The event type as the machine sees it (`always` for eventless transitions). */
  eventType: string;
  /** The target states' paths; empty for a transition that stays (actions only). */
  target: string[];
}

/** How much of one kind of thing (states, transitions) the paths reach. */
export interface CoverageFigure {
  /** How many the paths reach. */
  covered: number;
  /** How many the machine has. */
  total: number;
  /** What no path reaches. */
  missing: string[];
}

/** What a set of paths covers of the machine, as `pnpm paths` reports it. */
export interface Coverage {
  /** How many paths there are. */
  paths: number;
  /** How many steps they take in all. */
  steps: number;
  /** The machine's states the paths visit. */
  states: CoverageFigure;
  /** The machine's transitions the paths take. */
  transitions: CoverageFigure;
}
