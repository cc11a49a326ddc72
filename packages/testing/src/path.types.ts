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
  step: LoginStep;
  busy: boolean;
  /** `view.error?.code`. */
  error: LoginErrorCode | null;
  /** The fields `view.fieldErrors` holds, sorted. */
  fieldErrors: LoginField[];
  expiredReason: ExpiredReason | null;
  attempts: number;
  canResend: boolean;
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

export type PathActionType = PathAction['type'];

/** One step of a path: an action and the state it must lead to. */
export interface PathStep {
  /** The case, e.g. `input.phone`, `requestOtp.server`, `advance`, `sync.login`. */
  case: string;
  /** A sentence for people, e.g. "the user enters a valid phone number". */
  description: string;
  action: PathAction;
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
  strategy: PathStrategy;
  /** The steps in words, joined with "→". */
  description: string;
  /** Where the clock starts, epoch ms. */
  startsAt: number;
  /** The state right after start (the machine reads storage first). */
  initial: ExpectedState;
  steps: PathStep[];
}

export type PathStrategy = 'shortest' | 'simple';

/** A transition of the machine, for coverage. */
export interface MachineTransition {
  /** Readable and unique, e.g. `awaitingOtp: otp.submit [isOtpSubmissionValid] → confirming`. */
  id: string;
  /** The source state's path, e.g. `awaitingOtp.cooldown`; `(machine)` for the root. */
  source: string;
  /** The event type as the machine sees it (`always` for eventless transitions). */
  eventType: string;
}

export interface CoverageFigure {
  covered: number;
  total: number;
  /** What no path reaches. */
  missing: string[];
}

export interface Coverage {
  paths: number;
  steps: number;
  states: CoverageFigure;
  transitions: CoverageFigure;
}
