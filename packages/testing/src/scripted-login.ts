import {
  createLoginMachine,
  createSessionStore,
  createVerifikClient,
  LoginError,
  type LoginMachine,
  type LoginMachineOptions,
  memoryStorage,
  type Session,
  type SessionStorageAdapter,
  type VerifikClient,
} from '@verifik-auth/core';
import { type Actor, type AnyTransitionDefinition, createActor, fromPromise, waitFor } from 'xstate';
import { type ActorOutcome, type PathActorName, pathClockStart, pathMachineOptions } from './cases.js';
import { machineTransitions } from './model.js';
import { createPathClock, type PathClock } from './path-clock.js';

interface Invocation {
  actor: PathActorName;
  input: unknown;
  resolve(output: unknown): void;
  reject(error: unknown): void;
}

/** How {@link createScriptedLogin} sets up the machine, its clock and its calls. */
export interface ScriptedLoginOptions {
  /** Where the clock starts, epoch ms. Default: where the paths start. */
  startsAt?: number;
  /** The clock to use (reset to `startsAt`), e.g. one a server reads too. Default: a new one. */
  clock?: PathClock;
  /**
   * Make the API calls (`requestOtp`, `confirmOtp`, `refreshSession`) for real, against this server;
   * `settle` then waits for them to end. Only `loadSession` stays scripted.
   */
  http?: { baseUrl: string; timeoutMs?: number };
  /** Extra machine options (the paths assume {@link pathMachineOptions}, which are applied first). */
  machine?: Omit<LoginMachineOptions, 'client' | 'now'>;
}

/**
 * A login machine whose calls end when told and whose clock moves when told: everything a path
 * needs besides the UI. The core driver runs paths on it directly; a UI driver mounts its actor and
 * sends user events through the page.
 */
export interface ScriptedLogin {
  /** The machine: the paths' options, scripted actors, the simulated clock's `now`. */
  readonly machine: LoginMachine;
  /** Timers run on `clock.timers`; the machine reads `clock.now`. */
  readonly clock: PathClock;
  /** The storage the machine keeps its session in; other tabs' writes arrive through its `subscribe`. */
  readonly storage: SessionStorageAdapter;
  /** The running actor (a new one after {@link ScriptedLogin.reload}). */
  readonly actor: Actor<LoginMachine>;
  /** The device clock: the simulated clock plus any jump. */
  now(): number;
  /** Starts the first actor. */
  start(): Actor<LoginMachine>;
  /**
   * Ends the pending call of `actor` with `outcome`, then lets the machine take it in. With real
   * calls (`http`), waits for the call to end with whatever the server answered.
   */
  settle(actor: PathActorName, outcome: ActorOutcome): Promise<void>;
  /** Moves the clock, firing due timers. */
  advance(ms: number): void;
  /** Moves the device clock only. */
  adjustClock(ms: number): void;
  /** Stops the actor and starts another from its persisted snapshot, as a page reload does. */
  reload(): Actor<LoginMachine>;
  /** Another tab writes `session` (or removes it) in the shared storage. */
  syncStorage(session: Session | null): Promise<void>;
  /** The calls waiting for an outcome. */
  pending(): PathActorName[];
  /** The transitions taken since the last call, by id (see {@link getMachineTransitions}). */
  takeTransitions(): string[];
  /** Stops the actor and forgets the calls in flight; the login cannot be used after. */
  stop(): void;
}

/**
 * The client's per-call timeout when calls are real: long enough for a loaded machine, short
 * enough for the paths whose outcome is a timeout.
 */
export const defaultCallTimeoutMs = 800;

const inertClient: VerifikClient = new Proxy({} as VerifikClient, {
  get: () => () => Promise.reject(new Error('a scripted login never calls the API')),
});

/** A macrotask: enough for a settled promise to reach the machine. */
const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** A memory storage that also hears "other tabs", through `emit`. */
function sharedStorage() {
  const base = memoryStorage();
  const listeners = new Set<(value: string | null) => void>();
  const storage: SessionStorageAdapter = {
    persistent: true,
    getItem: (key) => base.getItem(key),
    setItem: (key, value) => base.setItem(key, value),
    removeItem: (key) => base.removeItem(key),
    subscribe: (_key, listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const emit = (value: string | null) => {
    for (const listener of listeners) listener(value);
  };
  return { storage, emit };
}

/**
 * The raw value the session store writes for `session` (what another tab leaves in storage), in the
 * store's own format.
 */
export async function storedSessionValue(session: Session): Promise<string> {
  const scratch = memoryStorage();
  const key = 'session';
  await createSessionStore(scratch, key).save(session);
  const raw = await scratch.getItem(key);
  if (typeof raw !== 'string') throw new Error('the session store wrote nothing');
  return raw;
}

/**
 * Creates a {@link ScriptedLogin}. The machine's invoked calls (`loadSession`, `requestOtp`,
 * `confirmOtp`, `refreshSession`) wait until {@link ScriptedLogin.settle} ends them.
 * @example
 * const login = createScriptedLogin();
 * const actor = login.start();
 * await login.settle('loadSession', { status: 'done', output: null });
 * actor.send({ type: 'login.phone', countryCode: '+1', phone: '1234566663' });
 */
export function createScriptedLogin(options: ScriptedLoginOptions = {}): ScriptedLogin {
  const clock = options.clock ?? createPathClock();
  clock.reset(options.startsAt ?? pathClockStart);
  const { now } = clock;
  const { storage, emit } = sharedStorage();
  const invocations = new Set<Invocation>();
  const { http } = options;

  const scripted = (name: PathActorName) =>
    fromPromise<unknown, unknown>(
      ({ input, signal }) =>
        new Promise((resolve, reject) => {
          const invocation: Invocation = { actor: name, input, resolve, reject };
          invocations.add(invocation);
          signal.addEventListener('abort', () => invocations.delete(invocation));
        }),
    );
  const client = http
    ? createVerifikClient({ baseUrl: http.baseUrl, now, timeout: http.timeoutMs ?? defaultCallTimeoutMs })
    : inertClient;
  const machine = createLoginMachine({
    ...pathMachineOptions,
    ...options.machine,
    storage,
    client,
    now,
  }).provide({
    actors: {
      loadSession: scripted('loadSession'),
      ...(!http && {
        requestOtp: scripted('requestOtp'),
        confirmOtp: scripted('confirmOtp'),
        refreshSession: scripted('refreshSession'),
      }),
    },
  } as never) as LoginMachine;
  const isRunning = (name: PathActorName) =>
    Object.values(current().getSnapshot().children as Record<string, { src?: unknown } | undefined>).some(
      (child) => child?.src === name,
    );

  const ids = new Map(machineTransitions(machine).map((t) => [t.definition, t.id]));
  let taken: string[] = [];
  const inspect = (inspection: { type: string; _transitions?: AnyTransitionDefinition[] }) => {
    if (inspection.type !== '@xstate.microstep') return;
    for (const definition of inspection._transitions ?? []) {
      const id = ids.get(definition);
      if (id !== undefined) taken.push(id);
    }
  };

  let actor: Actor<LoginMachine> | undefined;
  const current = () => {
    if (!actor) throw new Error('the scripted login has not started');
    return actor;
  };

  return {
    machine,
    clock,
    storage,
    get actor() {
      return current();
    },
    now,
    start() {
      actor = createActor(machine, { clock: clock.timers, inspect }).start();
      return actor;
    },
    async settle(name, outcome) {
      if (http && name !== 'loadSession') {
        // A real call: the server answers as prepared (perhaps already); wait for the machine to
        // take the answer in. The state checked next tells whether it was the expected answer.
        await waitFor(current(), () => !isRunning(name), { timeout: 5_000 });
        await flush();
        return;
      }
      const invocation = [...invocations].find((candidate) => candidate.actor === name);
      if (!invocation) {
        const waiting = [...invocations].map((candidate) => candidate.actor).join(', ') || 'nothing';
        throw new Error(`no ${name} call is pending (pending: ${waiting})`);
      }
      invocations.delete(invocation);
      if (outcome.status === 'done') invocation.resolve(outcome.output);
      else invocation.reject(new LoginError(outcome.error));
      await flush();
    },
    advance(ms) {
      clock.advance(ms);
    },
    adjustClock(ms) {
      clock.adjust(ms);
    },
    reload() {
      const persisted = JSON.parse(JSON.stringify(current().getPersistedSnapshot()));
      current().stop();
      // A reload drops the calls in flight; the restored actor makes its own.
      invocations.clear();
      actor = createActor(machine, { clock: clock.timers, inspect, snapshot: persisted }).start();
      return actor;
    },
    async syncStorage(session) {
      emit(session === null ? null : await storedSessionValue(session));
    },
    pending: () => [...invocations].map((invocation) => invocation.actor),
    takeTransitions() {
      const result = taken;
      taken = [];
      return result;
    },
    stop() {
      actor?.stop();
      invocations.clear();
    },
  };
}
