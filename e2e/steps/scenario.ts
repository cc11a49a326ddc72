import { maskEmail, type Session } from '../../packages/core/src/index.js';
import { pathSignedInElsewhere } from '../../packages/testing/src/cases.js';
// By path, like the core and the mock server (see ../README.md).
import type {
  ApiRequest,
  ExpectedState,
  LoginPath,
  PathActorName,
  PathStep,
  StepEffects,
} from '../../packages/testing/src/index.js';
import { type DifferenceTopic, requestText } from '../path-driver.js';

/** What a line of a scenario does when it runs. */
export type LineRole =
  /** Sets something up before the page opens (the clock, the stored session): nothing to do then. */
  | 'context'
  /** Opens the page: starts the driver (and lets the stored session be read). */
  | 'open'
  /** Performs a step of the path. */
  | 'action'
  /** Checks part of what a step must lead to. */
  | 'check';

/** One line of a scenario as the runner meets it. */
export interface PlannedLine {
  /** `Given`, `When`, `Then`, `And`, as written. */
  keyword: string;
  text: string;
  role: LineRole;
  /** The path step the line belongs to (index in `path.steps`); -1 for the state right after opening. */
  step: number;
  /** What the line checks, so a difference shows on the line it is about (checks only). */
  topics: DifferenceTopic[];
  /** For `the API received …`: the request, as `requestText` writes it. */
  request?: string;
}

/** The setup the Background (or a scenario) states; the runner checks its own setup against it. */
export interface ScenarioSettings {
  /** Where the clock starts, epoch ms. */
  startsAt: number | null;
  otpTtlMs: number | null;
  resendCooldownMs: number | null;
  autoRefreshBeforeExpiryMs: number | null;
  /** `a code is never stored`: check every step's storage for the codes typed. */
  codesNeverStored: boolean;
}

/** A scenario compiled for a runner: the path it acts out and what each line does. */
export interface ScenarioPlan {
  /** The path's id: `@id:` tag, with the row's `[case]` for an outline's other answers. */
  id: string;
  /** The scenario's title, as the pickle names it. */
  name: string;
  tags: string[];
  settings: ScenarioSettings;
  path: LoginPath;
  lines: PlannedLine[];
}

/** The state a step leads to when its lines say nothing more: nothing shown beside the step. */
const closedWorld = (): ExpectedState => ({
  value: '',
  step: 'idle',
  busy: false,
  resending: false,
  error: null,
  fieldErrors: [],
  expiredReason: null,
  attempts: 0,
  canResend: false,
  maskedIdentifier: null,
  signedIn: false,
  errorMessage: null,
  enabled: [],
  resendInSeconds: null,
  otpExpiresInSeconds: null,
});

/** The route of a request → the call that makes it. */
export function callOf(request: Pick<ApiRequest, 'method' | 'path'>): PathActorName | null {
  const path = request.path.split('?')[0];
  if (request.method === 'GET' && path === '/v2/auth/session') return 'refreshSession';
  if (request.method !== 'POST') return null;
  if (path === '/v2/projects/phone-login' || path === '/v2/projects/email-login') return 'requestOtp';
  if (path === '/v2/projects/phone-login/confirm' || path === '/v2/projects/email-login/confirm')
    return 'confirmOtp';
  if (path === '/v2/auth/renew-and-revoke') return 'revokeOtherSessions';
  return null;
}

/**
 * Builds a {@link ScenarioPlan} line by line; the step definitions call it. Time is kept as the
 * scenario goes (the true time, which the server reads, and the device clock), so the outcomes and
 * sessions a line names are those of the moment it happens.
 */
export class ScenarioBuilder {
  readonly settings: ScenarioSettings = {
    startsAt: null,
    otpTtlMs: null,
    resendCooldownMs: null,
    autoRefreshBeforeExpiryMs: null,
    codesNeverStored: false,
  };
  readonly lines: PlannedLine[] = [];
  readonly steps: PathStep[] = [];
  initial: ExpectedState = { ...closedWorld(), value: 'restoring', step: 'restoring', busy: true };
  /** The stored session's read, as the first Given says; null while it has not ended. */
  opening: Pick<PathStep, 'case' | 'description' | 'action'> | null = null;
  #opened = false;
  /** What the storage holds, carried from step to step until a line says otherwise. */
  #stored: StepEffects['stored'] = 'nothing';
  /** ms since the start: `server` is the true time, `device` adds the device clock's jumps. */
  #elapsed = { server: 0, device: 0 };
  /** The line being added (set by the runner before each definition runs). */
  current: Omit<PlannedLine, 'role' | 'step' | 'topics'> = { keyword: '', text: '' };

  /** The device clock now, epoch ms. */
  get now(): number {
    return this.#startsAt() + this.#elapsed.device;
  }

  /** The true time now, epoch ms (what the server stamps). */
  get serverNow(): number {
    return this.#startsAt() + this.#elapsed.server;
  }

  #startsAt(): number {
    if (this.settings.startsAt === null) throw new Error('no line says when the clock starts');
    return this.settings.startsAt;
  }

  /** The step the checks add to: the last one, or the state right after opening. */
  get #target(): { expect: ExpectedState; effects: StepEffects | null } {
    if (!this.#opened) throw new Error('a check before the page opens');
    const step = this.steps.at(-1);
    return step ?? { expect: this.initial, effects: null };
  }

  /** A line that sets things up. */
  context(): void {
    if (this.#opened) throw new Error('a setup line after the page opened');
    this.#line('context', -2, []);
  }

  /** `I open the page`: the storage read ends as the first Given said, or not at all. */
  open(): void {
    if (this.#opened) throw new Error('the page opens twice');
    this.#opened = true;
    if (this.opening) this.#addStep(this.opening);
    this.#line('open', this.steps.length - 1, []);
  }

  /** A step of the path: the user, the server, time or another tab does something. */
  act(step: Pick<PathStep, 'case' | 'description' | 'action'>): void {
    if (!this.#opened) throw new Error('an action before the page opens');
    const { action } = step;
    if (action.type === 'advance') {
      this.#elapsed.server += action.ms;
      this.#elapsed.device += action.ms;
    }
    if (action.type === 'adjustClock') this.#elapsed.device += action.ms;
    this.#addStep(step);
    this.#line('action', this.steps.length - 1, []);
  }

  /** A check of what the current step leads to: `change` writes it into the step's expectations. */
  check(
    topics: DifferenceTopic[],
    change: (expect: ExpectedState, effects: StepEffects | null) => void,
    request?: ApiRequest,
  ): void {
    const target = this.#target;
    change(target.expect, target.effects);
    if (target.effects) this.#stored = target.effects.stored;
    if (request && target.effects) {
      const step = this.steps.at(-1);
      const call = callOf(request);
      if (step && call && !step.calls.includes(call)) step.calls.push(call);
    }
    this.#line('check', this.steps.length - 1, topics, request);
  }

  #addStep(step: Pick<PathStep, 'case' | 'description' | 'action'>): void {
    this.steps.push({
      ...step,
      expect: closedWorld(),
      transitions: [],
      calls: [],
      effects: { requests: [], aborted: [], storageWrites: [], stored: this.#stored },
    });
  }

  #line(role: LineRole, step: number, topics: DifferenceTopic[], request?: ApiRequest): void {
    this.lines.push({
      ...this.current,
      role,
      step,
      topics,
      ...(request && { request: requestText(request) }),
    });
  }

  /** The plan, once every line has been added. */
  build(meta: { id: string; name: string; tags: string[] }): ScenarioPlan {
    if (!this.#opened) throw new Error('the page never opens');
    for (const [i, step] of this.steps.entries()) {
      if (!step.expect.value) throw new Error(`step ${i + 1} (${step.description}) says nothing it leads to`);
    }
    const last = this.steps.at(-1);
    const from = this.steps.at(-2)?.expect.value ?? this.initial.value;
    return {
      ...meta,
      settings: this.settings,
      lines: this.lines,
      path: {
        id: meta.id,
        strategy: meta.tags.includes('@journey')
          ? 'journey'
          : meta.tags.includes('@simple')
            ? 'simple'
            : 'shortest',
        tags: meta.tags
          .map((tag) => tag.slice(1))
          .filter((tag) => !/^(shortest|simple|journey|id:)/.test(tag)),
        description: last ? `${last.description} (${from} → ${last.expect.value})` : meta.name,
        startsAt: this.#startsAt(),
        initial: this.initial,
        steps: this.steps,
      },
    };
  }
}

/**
 * A made-up stored session of the scenario's moment (the driver swaps its token for one the mock server
 * issued), signed in as the catalogue's stored sessions are (`pathSignedInElsewhere.stored`).
 */
export function scenarioSession(kind: string, issuedAt: number, expiresAt: number): Session {
  return {
    accessToken: `path-${kind}-${issuedAt.toString(36)}`,
    tokenType: 'bearer',
    issuedAt,
    expiresAt,
    maskedIdentifier: maskEmail(pathSignedInElsewhere.stored),
  };
}
