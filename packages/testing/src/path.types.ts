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
}

/** A generated test: start, then each step, checking the expected state after each. */
export interface LoginPath {
  /** Stable within one catalogue, e.g. `shortest-007`. */
  id: string;
  /** Which traversal generated it. */
  strategy: PathStrategy;
  /** The steps in words, joined with "→". */
  description: string;
  /** Where the clock starts, epoch ms. */
  startsAt: number;
  /** The state right after start (the machine reads storage first). */
  initial: ExpectedState;
  /** What happens after the start, in order. */
  steps: PathStep[];
}

/** How paths are generated; see {@link LoginPathOptions.strategy}. */
export type PathStrategy = 'shortest' | 'simple';

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
