import {
  createLoginMachine,
  LoginError,
  type LoginMachine,
  type LoginSnapshot,
  memoryStorage,
  restoreLoginSnapshot,
  stepOf,
  type VerifikClient,
} from '@verifik-auth/core';
import {
  type AnyActorScope,
  type AnyEventObject,
  type AnyStateNode,
  type AnyTransitionDefinition,
  createActor,
  fromTransition,
} from 'xstate';
import {
  type ActorOutcome,
  clockJumpMs,
  confirmOutput,
  inputCases,
  journeyInputCases,
  type OutcomeCase,
  otherTabSession,
  outcomeCases,
  type PathActorName,
  pathActorNames,
  pathClockStart,
  pathMachineOptions,
  type SubmittedCode,
  staleOtherTabSession,
} from './cases.js';
import { expectedRequest, expectedStateOf, requestName, stateValueToString } from './expectation.js';
import type { ApiRequest, ExpectedState, MachineTransition, PathAction, StepEffects } from './path.types.js';

export { stateValueToString };

/**
 * What the model can do next. Inputs and outcomes name a case from `cases.ts`; the model turns
 * each into a concrete {@link PathAction} at the moment it happens.
 */
export type ModelEvent =
  | { type: 'input'; case: string }
  | { type: 'settle'; case: string }
  /** Time passes until the next pending timer is due (`half`: half as long, so none fires yet). */
  | { type: 'advance'; half?: true }
  /** The device clock jumps back (timers keep their schedule). */
  | { type: 'clock' }
  | { type: 'reload' }
  /** Another tab logs in, logs out, or stores a session that has already expired. */
  | { type: 'sync'; case: 'login' | 'logout' | 'stale' };

/** A pending `after` timer, as XState's scheduler and `SimulatedClock` hold it. */
interface Timer {
  clockId: number;
  start: number;
  timeout: number;
  sendId: string;
  event: AnyEventObject;
}

/** What one model step did. */
export interface ModelStepRecord {
  case: string;
  description: string;
  action: PathAction;
  transitions: readonly AnyTransitionDefinition[];
  /** The calls the step starts. */
  calls: PathActorName[];
  /** What the step does to the outside world. */
  effects: StepEffects;
}

/** The model's state: the machine's snapshot plus everything around it that a real run has. */
export interface ModelState {
  snapshot: LoginSnapshot;
  /** The timer clock (monotonic), epoch ms. */
  now: number;
  /** Device clock minus timer clock: non-zero after a clock jump. */
  offset: number;
  /** Pending timers in the order they were set. */
  timers: readonly Timer[];
  /** Scheduler id → clock id, exactly as XState's scheduler keeps it. */
  timerIds: Readonly<Record<string, number>>;
  nextClockId: number;
  submitted: SubmittedCode | null;
  /** Whether the session storage holds a session. */
  stored: boolean;
  /**
   * Something other than the storage read ended `restoring`. Such a state is a leaf: it tests that
   * transition, while every longer path starts the way a page load does, with the storage read.
   */
  early: boolean;
  history: readonly ModelEvent[];
  last: ModelStepRecord | null;
}

const inertClient: VerifikClient = new Proxy({} as VerifikClient, {
  get: () => () => Promise.reject(new Error('the path model never calls the API')),
});

const inputById = new Map([...inputCases, ...journeyInputCases].map((c) => [c.id, c]));
const outcomeById = new Map(outcomeCases.map((c) => [c.id, c]));
const isPathActor = (src: unknown): src is PathActorName =>
  typeof src === 'string' && (pathActorNames as readonly string[]).includes(src);

// ------------------------------------------------------------------------------------------------
// The machine's transitions, named
// ------------------------------------------------------------------------------------------------

const statePath = (node: AnyStateNode) => (node.path.length ? node.path.join('.') : '(machine)');

function eventLabel(node: AnyStateNode, eventType: string): string {
  const done = /^xstate\.(done|error)\.actor\.(.+)$/.exec(eventType);
  if (done) {
    const invoke = node.invoke.find((definition) => definition.id === done[2]);
    const src = typeof invoke?.src === 'string' ? invoke.src : done[2];
    return `${done[1]} ${src}`;
  }
  const after = /^xstate\.after\.([^.]+)\./.exec(eventType);
  if (after) return `after ${after[1]}`;
  return eventType;
}

function guardLabel(transition: AnyTransitionDefinition, index: number): string {
  const { guard } = transition;
  if (guard === undefined) return '';
  if (typeof guard === 'string') return ` [${guard}]`;
  if (typeof guard === 'object' && guard !== null && 'type' in guard) return ` [${String(guard.type)}]`;
  return ` [guard ${index + 1}]`;
}

function targetLabel(transition: AnyTransitionDefinition): string {
  if (!transition.target?.length) return 'stays';
  const targets = transition.target.map(statePath).join(', ');
  return transition.reenter ? `${targets} (re-entered)` : targets;
}

/** Every state node of the machine below the root. */
export function machineStates(machine: LoginMachine): string[] {
  const states: string[] = [];
  const visit = (node: AnyStateNode) => {
    for (const child of Object.values(node.states)) {
      states.push(statePath(child));
      visit(child);
    }
  };
  visit(machine.root);
  return states;
}

/**
 * Every transition of every state node: `on`, invoke `onDone`/`onError`, `after` and `always`,
 * each guarded branch on its own.
 */
export function machineTransitions(
  machine: LoginMachine,
): Array<MachineTransition & { definition: AnyTransitionDefinition }> {
  const result: Array<MachineTransition & { definition: AnyTransitionDefinition }> = [];
  const visit = (node: AnyStateNode) => {
    const groups: Array<[string, readonly AnyTransitionDefinition[]]> = [...node.transitions.entries()];
    if (node.always?.length) groups.push(['always', node.always]);
    for (const [eventType, definitions] of groups) {
      definitions.forEach((definition, index) => {
        const id = `${statePath(node)}: ${eventLabel(node, eventType)}${guardLabel(definition, index)} → ${targetLabel(definition)}`;
        const target = (definition.target ?? []).map(statePath);
        result.push({ id, source: statePath(node), eventType, target, definition });
      });
    }
    for (const child of Object.values(node.states)) visit(child);
  };
  visit(machine.root);
  // Two branches that read the same (two inline guards, say) get their position appended.
  const seen = new Map<string, number>();
  for (const transition of result) {
    const count = (seen.get(transition.id) ?? 0) + 1;
    seen.set(transition.id, count);
    if (count > 1) transition.id = `${transition.id} #${count}`;
  }
  return result;
}

// ------------------------------------------------------------------------------------------------
// The model
// ------------------------------------------------------------------------------------------------

export interface LoginModel {
  machine: LoginMachine;
  initial: ModelState;
  /** The events that do something from `state`. */
  events(state: ModelState): ModelEvent[];
  step(state: ModelState, event: ModelEvent): ModelState;
  /** What a driver must see in `state`, at its device clock. */
  expect(state: ModelState): ExpectedState;
  /** The input and other-tab events a state may hear (for the ignored-events table). */
  candidates(state: ModelState): ModelEvent[];
  /** The traversal key: the state value plus the little context that changes what can happen next. */
  key(state: ModelState): string;
  transitionId(definition: AnyTransitionDefinition): string;
  transitions: MachineTransition[];
  states: string[];
}

/**
 * The login machine as a finite model: invoked actors never settle on their own (a step settles
 * them with an outcome case), `after` timers fire when a step advances the clock to them, exactly
 * as XState's scheduler with a `SimulatedClock` fires them. Pure: every step returns a new state.
 */
export function createLoginModel(limits: ModelLimits = {}): LoginModel {
  const maxSteps = limits.maxSteps ?? defaultModelLimits.maxSteps;
  const deadline = Date.now() + (limits.timeoutMs ?? defaultModelLimits.timeoutMs);
  let computed = 0;
  let deviceNow = pathClockStart;
  const machine = createLoginMachine({
    ...pathMachineOptions,
    client: inertClient,
    storage: memoryStorage(),
    now: () => deviceNow,
  });

  // Steps run against an actor scope that records the transitions taken (from XState's inspection
  // events) and the actions to execute (timers are the only ones the model acts on).
  let taken: AnyTransitionDefinition[] = [];
  let actions: Array<{ type: string; params?: unknown }> = [];
  const self = createActor(machine, {
    inspect: (inspection) => {
      if (inspection.type === '@xstate.microstep') taken.push(...inspection._transitions);
    },
  });
  const scope = {
    self,
    id: '',
    sessionId: '',
    logger: () => undefined,
    defer: () => undefined,
    emit: () => undefined,
    system: self.system,
    stopChild: () => undefined,
    actionExecutor: (action: { type: string; params?: unknown }) => {
      actions.push(action);
    },
  } as unknown as AnyActorScope;

  const all = machineTransitions(machine);
  const ids = new Map(all.map((t) => [t.definition, t.id]));
  const transitionId = (definition: AnyTransitionDefinition) => ids.get(definition) ?? '(unknown transition)';

  /** A mutable copy of a state for one step. */
  class Run {
    snapshot: LoginSnapshot;
    now: number;
    offset: number;
    timers: Timer[];
    timerIds: Record<string, number>;
    nextClockId: number;
    submitted: SubmittedCode | null;
    stored: boolean;
    early: boolean;
    transitions: AnyTransitionDefinition[] = [];
    /** The storage writes the step's actions make. */
    writes: Array<'save' | 'clear'> = [];
    /** The delays of the timers fired, e.g. `otpExpiry`. */
    fired: string[] = [];

    constructor(state: ModelState) {
      this.snapshot = state.snapshot;
      this.now = state.now;
      this.offset = state.offset;
      this.timers = [...state.timers];
      this.timerIds = { ...state.timerIds };
      this.nextClockId = state.nextClockId;
      this.submitted = state.submitted;
      this.stored = state.stored;
      this.early = state.early;
    }

    get deviceNow() {
      return this.now + this.offset;
    }

    /** Processes one event like an actor does, then executes the timer actions like its scheduler. */
    process(event: AnyEventObject) {
      taken = [];
      actions = [];
      deviceNow = this.deviceNow;
      this.snapshot = machine.transition(this.snapshot, event as never, scope) as LoginSnapshot;
      this.transitions.push(...taken);
      for (const action of actions) this.execute(action);
    }

    execute(action: { type: string; params?: unknown }) {
      // The machine's storage actions, as the session store carries them out.
      // The context the action saw when it ran (later assigns of the same step not yet applied).
      const seen = (action as { info?: { context?: LoginSnapshot['context'] } }).info?.context;
      if (action.type === 'storeSession' && (seen ?? this.snapshot.context).session) {
        this.writes.push('save');
        this.stored = true;
      } else if (action.type === 'forgetSession') {
        this.writes.push('clear');
        this.stored = false;
      } else if (action.type === 'xstate.raise') {
        const params = action.params as { event: AnyEventObject; id?: string; delay?: number };
        if (params.delay === undefined) return;
        const clockId = this.nextClockId++;
        const sendId = params.id ?? `anonymous.${clockId}`;
        this.timers.push({ clockId, start: this.now, timeout: params.delay, sendId, event: params.event });
        this.timerIds[sendId] = clockId;
      } else if (action.type === 'xstate.cancel') {
        const { sendId } = action.params as { sendId: string };
        const clockId = this.timerIds[sendId];
        delete this.timerIds[sendId];
        if (clockId !== undefined) this.timers = this.timers.filter((timer) => timer.clockId !== clockId);
      }
    }

    /**
     * What a reload restores: the machine's own check of the persisted snapshot, where it changes the
     * state (the authenticator step resumes at the code, holding nothing); elsewhere the snapshot as it is.
     */
    restore() {
      if (!this.snapshot.matches('awaitingAuthenticator')) return;
      const restored = restoreLoginSnapshot(JSON.parse(JSON.stringify(this.snapshot)));
      if (!restored) throw new Error('the authenticator step could not be restored');
      this.snapshot = machine.resolveState({
        value: restored.value,
        context: restored.context,
      } as never) as LoginSnapshot;
    }

    /** `SimulatedClock.increment(ms)`, step by step: the same order and the same restarts. */
    advance(ms: number) {
      this.now += ms;
      let passes = 0;
      pass: for (;;) {
        passes += 1;
        if (passes > maxTimerPasses) {
          throw new CatalogueLimitError(`timers kept firing at one moment (${maxTimerPasses} passes)`);
        }
        const sorted = [...this.timers].sort((a, b) => (b.start + b.timeout > a.start + a.timeout ? -1 : 1));
        let invalidated = false;
        for (const timer of sorted) {
          // The clock starts its pass over when a timer was set or cleared meanwhile.
          if (invalidated) continue pass;
          if (this.now - timer.start < timer.timeout) continue;
          this.timers = this.timers.filter((pending) => pending.clockId !== timer.clockId);
          delete this.timerIds[timer.sendId];
          this.fired.push(/^xstate\.after\.([^.]+)\./.exec(timer.event.type)?.[1] ?? timer.event.type);
          const before = this.nextClockId;
          const pendingBefore = this.timers.length;
          this.process(timer.event);
          invalidated = this.nextClockId !== before || this.timers.length !== pendingBefore;
        }
        return;
      }
    }

    state(history: readonly ModelEvent[], last: ModelStepRecord | null): ModelState {
      return {
        snapshot: this.snapshot,
        now: this.now,
        offset: this.offset,
        timers: this.timers,
        timerIds: this.timerIds,
        nextClockId: this.nextClockId,
        submitted: this.submitted,
        stored: this.stored,
        early: this.early,
        history,
        last,
      };
    }

    finish(
      state: ModelState,
      event: ModelEvent,
      record: Omit<ModelStepRecord, 'transitions' | 'calls' | 'effects'>,
      settled?: PathActorName,
    ): ModelState {
      const before = state.snapshot.children as Record<string, Child | undefined>;
      const after = this.snapshot.children as Record<string, Child | undefined>;
      const started = Object.entries(after).filter(([id, child]) => !(id in before) || before[id] !== child);
      const calls = started.map(([, child]) => child?.src).filter(isPathActor);
      const requests = started
        .map(([, child]) =>
          isPathActor(child?.src) ? expectedRequest(child.src, child.options?.input) : null,
        )
        .filter((request): request is ApiRequest => request !== null);
      // A call that was running and is gone, without being the one this step settled, was aborted.
      const aborted = Object.entries(before)
        .filter(([id, child]) => after[id] !== child && isPathActor(child?.src) && child.src !== settled)
        .map(([, child]) =>
          isPathActor(child?.src) ? expectedRequest(child.src, child.options?.input) : null,
        )
        .filter((request): request is ApiRequest => request !== null)
        .map(requestName);
      const effects: StepEffects = {
        requests,
        aborted,
        storageWrites: this.writes,
        stored: this.stored ? 'session' : 'nothing',
      };
      return this.state([...state.history, event], {
        ...record,
        transitions: this.transitions,
        calls,
        effects,
      });
    }
  }

  /** An invoked actor as the snapshot holds it: its logic's name and what it was invoked with. */
  type Child = { src?: unknown; options?: { input?: unknown } };

  const childFor = (snapshot: LoginSnapshot, actor: PathActorName) =>
    Object.entries(snapshot.children as Record<string, { src?: unknown } | undefined>).find(
      ([, child]) => child?.src === actor,
    )?.[0];

  const outcomeContext = (state: ModelState) => ({
    context: state.snapshot.context,
    now: state.now + state.offset,
    serverNow: state.now,
    submitted: state.submitted,
  });

  function applyOutcome(run: Run, outcomeCase: OutcomeCase, outcome: ActorOutcome) {
    const id = childFor(run.snapshot, outcomeCase.actor);
    if (id === undefined) throw new Error(`${outcomeCase.id}: no ${outcomeCase.actor} is running`);
    const input = (run.snapshot.children as Record<string, Child | undefined>)[id]?.options?.input;
    run.process(
      outcome.status === 'done'
        ? { type: `xstate.done.actor.${id}`, output: confirmOutput(outcome.output, input), actorId: id }
        : { type: `xstate.error.actor.${id}`, error: new LoginError(outcome.error), actorId: id },
    );
  }

  function computeStep(state: ModelState, event: ModelEvent): ModelState {
    computed += 1;
    if (computed > maxSteps || Date.now() > deadline) {
      throw new CatalogueLimitError(
        computed > maxSteps
          ? `generating the catalogue took more than ${maxSteps} model steps`
          : `generating the catalogue took more than ${limits.timeoutMs ?? defaultModelLimits.timeoutMs} ms`,
      );
    }
    const next = computeRun(state, event);
    const interrupted =
      state.snapshot.matches('restoring') &&
      !next.snapshot.matches('restoring') &&
      !(event.type === 'settle' && outcomeById.get(event.case)?.actor === 'loadSession');
    return interrupted ? { ...next, early: true } : next;
  }

  function computeRun(state: ModelState, event: ModelEvent): ModelState {
    const run = new Run(state);
    switch (event.type) {
      case 'input': {
        const input = inputById.get(event.case);
        if (!input) throw new Error(`unknown input case ${event.case}`);
        run.process(input.event);
        if (input.event.type === 'otp.submit' && stepOf(run.snapshot) === 'confirming') {
          run.submitted = input.id === 'otp.wrong' ? 'wrong' : 'right';
        }
        if (
          input.event.type === 'authenticator.submit' &&
          run.snapshot.matches({ awaitingAuthenticator: 'confirming' })
        ) {
          run.submitted = input.id === 'authenticator.wrong' ? 'wrong' : 'right';
        }
        return run.finish(state, event, {
          case: `input.${input.id}`,
          description: `the user ${input.label}`,
          action: { type: 'send', event: input.event },
        });
      }
      case 'settle': {
        const outcomeCase = outcomeById.get(event.case);
        if (!outcomeCase) throw new Error(`unknown outcome case ${event.case}`);
        const outcome = outcomeCase.outcome(outcomeContext(state));
        // A session read from storage is there: the storage held it before the step.
        if (outcomeCase.actor === 'loadSession' && outcome.status === 'done' && outcome.output)
          run.stored = true;
        applyOutcome(run, outcomeCase, outcome);
        run.submitted = null;
        return run.finish(
          state,
          event,
          {
            case: outcomeCase.id,
            description: outcomeCase.label,
            action: { type: 'settle', actor: outcomeCase.actor, outcome },
          },
          outcomeCase.actor,
        );
      }
      case 'advance': {
        const due = Math.min(...run.timers.map((timer) => timer.start + timer.timeout));
        const whole = Math.max(0, due - run.now);
        // Half the wait, in whole seconds: long enough to show that nothing happens early.
        const ms = event.half ? Math.floor(whole / 2000) * 1000 : whole;
        run.advance(ms);
        return run.finish(state, event, {
          case: event.half ? 'advance.half' : 'advance',
          description: `${formatDuration(ms)} pass (${firedText(run.fired)})`,
          action: { type: 'advance', ms },
        });
      }
      case 'clock': {
        run.offset += clockJumpMs;
        return run.finish(state, event, {
          case: 'clock.back',
          description: `the device clock goes back ${formatDuration(-clockJumpMs)}`,
          action: { type: 'adjustClock', ms: clockJumpMs },
        });
      }
      case 'reload': {
        // A restored actor has no pending timers; its `resumeTimers` actor re-arms them.
        run.timers = [];
        run.timerIds = {};
        run.restore();
        run.process({ type: 'timers.resume' });
        return run.finish(state, event, {
          case: 'reload',
          description: 'the page reloads',
          action: { type: 'reload' },
        });
      }
      case 'sync': {
        const session =
          event.case === 'login'
            ? otherTabSession(run.now)
            : event.case === 'stale'
              ? staleOtherTabSession(run.now)
              : null;
        // The other tab wrote the shared storage; this tab hears of it after.
        run.stored = session !== null;
        run.process({ type: 'session.sync', session });
        return run.finish(state, event, {
          case: `sync.${event.case}`,
          description: syncDescriptions[event.case],
          action: { type: 'syncStorage', session },
        });
      }
    }
  }

  // Steps are pure, and the traversal asks for the same ones many times.
  const stepCache = new WeakMap<ModelState, Map<string, ModelState>>();
  function step(state: ModelState, event: ModelEvent): ModelState {
    let cached = stepCache.get(state);
    if (!cached) {
      cached = new Map();
      stepCache.set(state, cached);
    }
    const eventKey = JSON.stringify(event);
    let next = cached.get(eventKey);
    if (!next) {
      next = computeStep(state, event);
      cached.set(eventKey, next);
    }
    return next;
  }

  function candidates(state: ModelState): ModelEvent[] {
    const events: ModelEvent[] = inputCases.map((input) => ({ type: 'input', case: input.id }));
    let busy = false;
    for (const actor of pathActorNames) {
      if (childFor(state.snapshot, actor) === undefined) continue;
      busy = true;
      const at = outcomeContext(state);
      for (const outcomeCase of outcomeCases) {
        if (outcomeCase.actor === actor && outcomeCase.applies(at)) {
          events.push({ type: 'settle', case: outcomeCase.id });
        }
      }
    }
    if (state.timers.length) events.push({ type: 'advance' });
    if (!busy) {
      // A clock jump matters only to the deadlines pending timers wait for.
      if (state.offset === 0 && state.timers.length) events.push({ type: 'clock' });
      events.push({ type: 'reload' });
    }
    events.push(
      { type: 'sync', case: 'login' },
      { type: 'sync', case: 'logout' },
      { type: 'sync', case: 'stale' },
    );
    return events;
  }

  /** Events that take a transition; time passing and clock jumps count even when none fires. */
  function events(state: ModelState): ModelEvent[] {
    if (state.early) return [];
    return candidates(state).filter(
      (event) =>
        event.type === 'advance' ||
        event.type === 'clock' ||
        (step(state, event).last?.transitions.length ?? 0) > 0,
    );
  }

  const keys = new WeakMap<ModelState, string>();
  function key(state: ModelState): string {
    const known = keys.get(state);
    if (known !== undefined) return known;
    const { snapshot } = state;
    const { context } = snapshot;
    const value = stateValueToString(snapshot.value);
    const parts = [value];
    // Which identifier matters while a code is being sent or checked (its failures differ), and
    // after a code expired (it can be sent again); elsewhere the identifier is only prefilled text.
    if (
      ['sending', 'awaitingOtp', 'confirming', 'awaitingAuthenticator', 'expired'].includes(stepOf(snapshot))
    ) {
      parts.push(context.identifier?.method ?? 'no identifier');
    }
    if (context.expiredReason) parts.push(`${context.expiredReason} expired`);
    if (state.early) parts.push('before the storage was read');
    if (value === 'sending') parts.push(`from ${context.sendOrigin}`);
    if (value === 'confirming' || value === 'awaitingAuthenticator.confirming') {
      parts.push(`${state.submitted ?? '?'} code`);
    }
    // Two states that differ in their timers differ in what the next timer does.
    if (state.timers.length) {
      const next = step(state, { type: 'advance' }).last?.transitions ?? [];
      parts.push(`next: ${next.map(transitionId).join(' + ') || 'nothing'}`);
    }
    const result = parts.join(' | ');
    keys.set(state, result);
    return result;
  }

  // Start: the initial state, then the `timers.resume` the `resumeTimers` actor sends on start.
  deviceNow = pathClockStart;
  taken = [];
  actions = [];
  const first = machine.getInitialSnapshot(scope) as LoginSnapshot;
  const empty: ModelState = {
    snapshot: first,
    now: pathClockStart,
    offset: 0,
    timers: [],
    timerIds: {},
    nextClockId: 0,
    submitted: null,
    stored: false,
    early: false,
    history: [],
    last: null,
  };
  const started = new Run(empty);
  for (const action of actions) started.execute(action);
  started.process({ type: 'timers.resume' });
  const initial = started.state([], null);

  return {
    machine,
    initial,
    events,
    step,
    expect(state) {
      deviceNow = state.now + state.offset;
      return expectedStateOf(state.snapshot, deviceNow);
    },
    candidates: (state) =>
      candidates(state).filter((event) => event.type === 'input' || event.type === 'sync'),
    key,
    transitionId,
    transitions: all.map(({ id, source, eventType, target }) => ({ id, source, eventType, target })),
    states: machineStates(machine),
  };
}

/** How far generation may go before it gives up: a machine that loops must fail, not hang the run. */
export interface ModelLimits {
  /** Model steps computed in all. Default 100 000 (the catalogue takes about 10 000). */
  maxSteps?: number;
  /** Wall time, ms. Default 60 000 (the catalogue takes a few seconds). */
  timeoutMs?: number;
}

/** The defaults of {@link ModelLimits}. */
export const defaultModelLimits = { maxSteps: 100_000, timeoutMs: 60_000 } as const;

/** Timer passes at one moment before the model calls it a loop. */
const maxTimerPasses = 1_000;

/** Generation went past its {@link ModelLimits}, or timers looped: the message says which and what to do. */
export class CatalogueLimitError extends Error {
  /** Always `"CatalogueLimitError"`. */
  override name = 'CatalogueLimitError' as const;
  constructor(what: string) {
    super(
      `${what}. The machine may loop (a timer or an always transition that re-enters without end) or have grown; ` +
        'find the loop, or raise the limits (pnpm paths --update --max-steps N --timeout-ms N).',
    );
  }
}

/** The model as XState actor logic, for `xstate/graph`'s traversals. */
export function modelLogic(model: LoginModel) {
  return fromTransition((state: ModelState, event: ModelEvent) => model.step(state, event), model.initial);
}

const syncDescriptions = {
  login: 'another tab logs in',
  logout: 'another tab logs out',
  stale: 'another tab stores a session that has expired',
} as const;

const firedText = (fired: readonly string[]) =>
  fired.length === 0 ? 'no timer fires' : `${fired.join(' and ')} ${fired.length > 1 ? 'fire' : 'fires'}`;

/** `90_000` → `1 min 30 s`; `2_147_483_647` → `24 d 20 h 31 min 23.647 s`. */
export function formatDuration(ms: number): string {
  if (ms === 0) return 'no time';
  const units: Array<[string, number]> = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['min', 60_000],
  ];
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, size] of units) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)} ${unit}`);
      rest %= size;
    }
  }
  if (rest > 0) parts.push(`${rest % 1000 === 0 ? rest / 1000 : (rest / 1000).toFixed(3)} s`);
  return parts.join(' ');
}
