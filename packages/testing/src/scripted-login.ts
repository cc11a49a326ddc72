import {
  createLoginActors,
  createLoginMachine,
  createSessionStore,
  createVerifikClient,
  decodeStoredSession,
  defaultSessionKey,
  type LoginClient,
  LoginError,
  type LoginMachine,
  type LoginMachineOptions,
  memoryStorage,
  type Session,
  type SessionStorageAdapter,
  type SessionStore,
  type VerifikClient,
  webStorage,
} from '@verifik-auth/core';
import { type Actor, type AnyTransitionDefinition, createActor, fromPromise, waitFor } from 'xstate';
import {
  type ActorOutcome,
  confirmOutput,
  type PathActorName,
  pathClockStart,
  pathInputs,
  pathMachineOptions,
} from './cases.js';
import { maskAuthorization, maskCode, requestName } from './expectation.js';
import { machineTransitions } from './model.js';
import type { ApiRequest, StepEffects } from './path.types.js';
import { createPathClock, type PathClock } from './path-clock.js';

interface Invocation {
  actor: PathActorName;
  input: unknown;
  resolve(output: unknown): void;
  reject(error: unknown): void;
  /** The same call made by the real actor and client against a server that never answers: what it sends. */
  shadow?: Shadow;
}

/** A real call whose request is recorded and whose answer never comes. */
interface Shadow {
  request?: ApiRequest;
  /** Ends the call: it was settled, or abandoned by the machine. */
  stop(): void;
  /** The request was recorded, or the call ended without one. */
  readonly done: boolean;
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
  /**
   * Server mode: the machine's client and session store talk to an `@verifik-auth/server` handler,
   * and what happens outside the machine is what that handler and the browser around it saw. Every
   * call is real, reading the session (`GET /session`) included, which waits for the step that
   * settles it. Not with `http`.
   */
  server?: ScriptedServerMode;
  /** Extra machine options (the paths assume {@link pathMachineOptions}, which are applied first). */
  machine?: Omit<LoginMachineOptions, 'client' | 'now'>;
  /**
   * `'broadcast'`: the session lives in core's `webStorage` and another tab is a second `webStorage`
   * on the same store, so the tabs talk over a real `BroadcastChannel` (under a key of this login's
   * own); every step then checks that the other tab heard each write of this tab as what it is (a
   * session, or logged out). Default: a memory storage whose other tabs are simulated. Not with `server`.
   */
  otherTabs?: 'broadcast';
}

/**
 * What a {@link ScriptedLogin} in server mode runs on (core's `serverMode`: the token stays in the
 * handler's HttpOnly cookie) and how it learns what happened outside the machine. Made by
 * `createServerModeDriver`.
 */
export interface ScriptedServerMode {
  /** The machine's client: the handler's routes, through a browser's cookie jar. */
  readonly client: LoginClient;
  /** The machine's session store: `GET /session`, `DELETE /session`, other tabs over a channel. */
  readonly sessionStore: SessionStore;
  /**
   * Since the last call: the Verifik requests the handler made for this tab, the calls this tab
   * abandoned, the server-mode counterparts of storage writes (`save`: the handler set a session
   * cookie; `clear`: a `DELETE /session` reached it) and whether the browser holds a session cookie.
   */
  takeEffects(expected?: StepEffects): Promise<StepEffects>;
  /** Another tab of the same browser logs in (its session) or out (`null`), and tells this one. */
  syncStorage(session: Session | null): Promise<void>;
  /** What the page's scripts could read outside the machine (web storage aside): messages to other tabs. */
  exposure(): Promise<string>;
  /** The tokens Verifik issued so far: none may be found in the context, storage, snapshot or messages. */
  secrets(): string[];
  /**
   * Lets this tab's held answers through (Set-Cookie included): a call's answer reaches the browser
   * only at the step that settles it, so the step that starts it sees the moment before the answer.
   */
  release(): void;
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
  /**
   * What happened outside the machine since the last call: the requests the real client would have
   * sent for the calls started, the calls abandoned, this tab's storage writes, what storage holds.
   */
  takeEffects(expected?: StepEffects): Promise<StepEffects>;
  /** Every place a code could leak to in this login: its context, storage and persisted snapshot. */
  exposure(): Promise<string>;
  /** Stops the actor and forgets the calls in flight; the login cannot be used after. */
  stop(): void;
}

/**
 * The client's per-call timeout when calls are real: long enough for a loaded machine, short
 * enough for the paths whose outcome is a timeout. A refresh that meets dropped connections retries
 * twice after 200 + 400 ms of backoff within this one deadline; at 800 ms a busy machine ran out of
 * it, and the path saw `timeout` where it says `network`.
 */
export const defaultCallTimeoutMs = 1_500;

const inertClient: VerifikClient = new Proxy({} as VerifikClient, {
  get: () => () => Promise.reject(new Error('a scripted login never calls the API')),
});

/** A macrotask: enough for a settled promise to reach the machine. */
const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * A memory storage that also hears "other tabs", through `emit`; this tab's writes are logged in
 * `writes`, while `base` is the storage itself (what other tabs write to).
 */
function sharedStorage() {
  const base = memoryStorage();
  const listeners = new Set<(value: string | null) => void>();
  const writes: Array<'save' | 'clear'> = [];
  const storage: SessionStorageAdapter = {
    persistent: true,
    getItem: (key) => base.getItem(key),
    setItem: (key, value) => {
      writes.push('save');
      return base.setItem(key, value);
    },
    removeItem: (key) => {
      writes.push('clear');
      return base.removeItem(key);
    },
    subscribe: (_key, listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const emit = (value: string | null) => {
    for (const listener of listeners) listener(value);
  };
  return { storage, emit, base, writes };
}

/**
 * A web storage this tab and one other tab share, both through core's `webStorage`, so they talk
 * over its `BroadcastChannel`: what this tab writes, the other tab hears (`heard`), and what the
 * other tab writes (`otherTabWrites`) reaches this tab's `subscribe` as it would in a browser.
 */
function broadcastStorage(key: string) {
  const base = memoryStorage();
  const shared = base as unknown as Parameters<typeof webStorage>[0];
  const thisTab = webStorage(shared);
  const otherTab = webStorage(shared);
  const writes: Array<'save' | 'clear'> = [];
  const heard: Array<string | null> = [];
  const stopHearing = otherTab.subscribe?.(key, (value) => void heard.push(value));
  const storage: SessionStorageAdapter = {
    persistent: true,
    getItem: (requested) => thisTab.getItem(requested),
    setItem: (requested, value) => {
      writes.push('save');
      return thisTab.setItem(requested, value);
    },
    removeItem: (requested) => {
      writes.push('clear');
      return thisTab.removeItem(requested);
    },
    subscribe: (requested, listener) => thisTab.subscribe?.(requested, listener) ?? (() => undefined),
  };
  /** The other tab writes `value`; resolves once this tab's listeners had it (after the machine's own). */
  const otherTabWrites = async (value: string | null) => {
    let stop: (() => void) | undefined;
    const arrived = new Promise<void>((resolve) => {
      stop = thisTab.subscribe?.(key, () => resolve());
    });
    await (value === null ? otherTab.removeItem(key) : otherTab.setItem(key, value));
    const late = new Promise<void>((_resolve, reject) =>
      setTimeout(() => reject(new Error('this tab never heard the other tab')), 2_000).unref?.(),
    );
    await Promise.race([arrived, late]).finally(() => stop?.());
  };
  return { storage, base, writes, heard, otherTabWrites, close: () => stopHearing?.() };
}

/**
 * Whether the other tab heard each of this tab's writes as what it was: a readable session for a
 * save, "logged out" for a clear. Names what differs, never a value (a message may carry a token).
 */
function heardMismatch(written: ReadonlyArray<'save' | 'clear'>, heard: ReadonlyArray<string | null>) {
  const what = (message: string | null | undefined) =>
    message === undefined
      ? 'nothing'
      : message === null
        ? 'logged out'
        : decodeStoredSession(message)
          ? 'a session'
          : 'an unreadable message';
  const wanted = written.map((write) => (write === 'save' ? 'a session' : 'logged out'));
  const got = written.map((_, i) => what(heard[i]));
  if (heard.length > written.length) got.push(...heard.slice(written.length).map(what));
  return JSON.stringify(wanted) === JSON.stringify(got)
    ? undefined
    : `the other tab heard ${JSON.stringify(got)} for this tab's writes ${JSON.stringify(written)}`;
}

/** Where the shadow calls go: never answered, so nothing but the request matters. */
const shadowBaseUrl = 'https://api.verifik.test';

/** A request's JSON body with its codes masked as the catalogue writes them. */
function maskedBody(text: string): ApiRequest['body'] {
  const body = JSON.parse(text) as Record<string, string | number | boolean>;
  for (const key of ['otp', 'authenticatorOTP']) {
    if (typeof body[key] === 'string') body[key] = maskCode(body[key]);
  }
  return body;
}

/** A request as the catalogue writes it: method, path and query below `baseUrl`, masked body and header. */
export async function recordRequest(request: Request, baseUrl: string): Promise<ApiRequest> {
  const url = new URL(request.url);
  const base = new URL(baseUrl).pathname.replace(/\/$/, '');
  const text = request.method === 'GET' ? '' : await request.clone().text();
  const authorization = request.headers.get('authorization');
  return {
    method: request.method as ApiRequest['method'],
    path: `${url.pathname.slice(base.length)}${url.search}`,
    ...(text && { body: maskedBody(text) }),
    ...(authorization && { authorization: maskAuthorization(authorization) }),
  };
}

/** Makes `actor`'s call with the real actor logic and client; records the request it sends. */
function startShadow(actor: Exclude<PathActorName, 'loadSession'>, input: unknown): Shadow {
  const shadow: { request?: ApiRequest; done: boolean; stop(): void } = {
    done: false,
    stop: () => undefined,
  };
  const fetch = async (resource: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(resource, init);
    shadow.request = await recordRequest(request, shadowBaseUrl);
    shadow.done = true;
    return new Promise<Response>((_resolve, reject) => {
      const { signal } = request;
      if (signal.aborted) reject(signal.reason);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  };
  const client = createVerifikClient({ baseUrl: shadowBaseUrl, fetch, timeout: 600_000 });
  // A refresh reads the store first: an empty one of its own, so the shadow never touches the real one.
  const actors = createLoginActors(client, createSessionStore(memoryStorage()), {
    lock: (_name, task) => task(),
  });
  const running = createActor(actors[actor] as never, { input } as never) as Actor<typeof actors.requestOtp>;
  running.subscribe({
    complete: () => {
      shadow.done = true;
    },
    error: () => {
      shadow.done = true;
    },
  });
  running.start();
  shadow.stop = () => running.stop();
  return shadow;
}

/** The codes the paths type: none may ever be found in context, storage or a persisted snapshot. */
export const typedCodes: readonly string[] = [
  pathInputs.rightOtp,
  pathInputs.wrongOtp,
  pathInputs.rightAuthenticatorOtp,
  pathInputs.wrongAuthenticatorOtp,
];

/** Waits a few macrotasks for `ready`, so async work started by a step shows before it is checked. */
async function settleDown(ready: () => boolean) {
  for (let i = 0; i < 50 && !ready(); i++) await flush();
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
  const { server } = options;
  if (server && options.otherTabs) throw new Error('createScriptedLogin: `server` has tabs of its own');
  // Over a real channel, a key of this login's own: no other login in this process may hear it.
  const sessionKey =
    options.machine?.storageKey ??
    (options.otherTabs ? `${defaultSessionKey}.${crypto.randomUUID()}` : defaultSessionKey);
  const broadcast = options.otherTabs ? broadcastStorage(sessionKey) : undefined;
  const { storage, emit, base, writes } = broadcast
    ? { ...broadcast, emit: (value: string | null) => void value }
    : sharedStorage();
  const invocations = new Set<Invocation>();
  /** Calls started since the last `takeEffects`, with their shadows. */
  let started: Invocation[] = [];
  /** Requests abandoned since the last `takeEffects`. */
  let abandoned: string[] = [];
  const { http } = options;

  const scripted = (name: PathActorName) =>
    fromPromise<unknown, unknown>(
      ({ input, signal }) =>
        new Promise((resolve, reject) => {
          const invocation: Invocation = { actor: name, input, resolve, reject };
          if (name !== 'loadSession') invocation.shadow = startShadow(name, input);
          invocations.add(invocation);
          started.push(invocation);
          signal.addEventListener('abort', () => {
            // Left while in flight: the machine abandons the call, and the real one is aborted.
            if (invocations.delete(invocation) && invocation.shadow?.request) {
              abandoned.push(requestName(invocation.shadow.request));
            }
            invocation.shadow?.stop();
          });
        }),
    );
  /** With real calls, the requests the client sends, as they go. */
  const sent: Array<Promise<ApiRequest>> = [];
  /** The refresh call whose request was recorded last: its retries are the same call. */
  let recordedRefresh: unknown;
  const recordingFetch = async (resource: Request | string | URL, init?: RequestInit) => {
    const request = new Request(resource, init);
    const refresh = Object.values(current().getSnapshot().children as Record<string, { src?: unknown }>).find(
      (child) => child?.src === 'refreshSession',
    );
    if (request.method === 'GET' && refresh !== undefined && refresh === recordedRefresh) {
      return globalThis.fetch(request);
    }
    if (request.method === 'GET') recordedRefresh = refresh;
    const recorded = recordRequest(request, http?.baseUrl ?? shadowBaseUrl);
    sent.push(recorded);
    const { signal } = request;
    // A call the machine abandons is aborted by it; one that runs out of time is not "abandoned".
    signal.addEventListener(
      'abort',
      () => {
        const reason = signal.reason as { name?: string } | undefined;
        if (reason?.name !== 'DeadlineError') void recorded.then((r) => abandoned.push(requestName(r)));
      },
      { once: true },
    );
    return holdAnswer(globalThis.fetch(request), request);
  };
  /** The statuses core's client retries a refresh after (client.ts `retryStatuses`). */
  const refreshRetried = new Set([408, 429, 500, 502, 503, 504]);
  /** The calls in flight whose answer waits for the step that settles them. */
  let heldCalls: Array<() => unknown> = [];
  /**
   * An answer reaches the client only at the step that settles its call (as in the model, where a
   * call never ends on its own), so the step that starts it sees the moment before the answer. The
   * hold starts with the request: a settle that comes before the answer lets it through on arrival.
   * A refresh's answer the client tries again after (408, 429, 5xx) is not held: the retries are part
   * of the same call, and the path's fault covers every attempt. Any other (a 401) is held like the rest.
   */
  const holdAnswer = (answer: Promise<Response>, request: Request) => {
    const { signal } = request;
    let release = () => undefined as unknown;
    const released = new Promise<void>((resolve) => {
      release = () => resolve();
    });
    heldCalls.push(() => release());
    return answer.then((response) =>
      request.method === 'GET' && refreshRetried.has(response.status)
        ? response
        : new Promise<Response>((resolve, reject) => {
            if (signal.aborted) return reject(signal.reason);
            signal.addEventListener('abort', () => reject(signal.reason), { once: true });
            void released.then(() => resolve(response));
          }),
    );
  };
  const releaseAnswers = () => {
    const held = heldCalls;
    heldCalls = [];
    for (const release of held) release();
  };
  if (server && http) throw new Error('createScriptedLogin: `server` and `http` exclude each other');
  /** In server mode, reading the session waits for the step that settles it, then asks the handler. */
  const heldLoad = fromPromise<unknown, unknown>(({ input, signal }) =>
    new Promise((resolve, reject) => {
      const invocation: Invocation = { actor: 'loadSession', input, resolve, reject };
      invocations.add(invocation);
      started.push(invocation);
      signal.addEventListener('abort', () => invocations.delete(invocation));
    }).then(() => server?.sessionStore.load() ?? null),
  );
  const client = server
    ? server.client
    : http
      ? createVerifikClient({
          baseUrl: http.baseUrl,
          now,
          timeout: http.timeoutMs ?? defaultCallTimeoutMs,
          fetch: recordingFetch,
        })
      : inertClient;
  const machine = createLoginMachine({
    ...pathMachineOptions,
    ...options.machine,
    ...(broadcast && { storageKey: sessionKey }),
    storage,
    client,
    ...(server && { sessionStore: server.sessionStore }),
    now,
  }).provide({
    actors: {
      loadSession: server ? heldLoad : scripted('loadSession'),
      ...(!http &&
        !server && {
          requestOtp: scripted('requestOtp'),
          confirmOtp: scripted('confirmOtp'),
          refreshSession: scripted('refreshSession'),
          revokeOtherSessions: scripted('revokeOtherSessions'),
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
      if (server && name === 'loadSession') {
        // The handler answers as the browser's cookie says: let the request go, wait for the machine.
        const held = [...invocations].find((candidate) => candidate.actor === name);
        if (!held) throw new Error('no loadSession call is pending');
        invocations.delete(held);
        held.resolve(undefined);
        await waitFor(current(), () => !isRunning(name), { timeout: 5_000 });
        await flush();
        return;
      }
      if ((http || server) && name !== 'loadSession') {
        // A real call: the server answers as prepared (perhaps already); wait for the machine to
        // take the answer in. The state checked next tells whether it was the expected answer.
        server?.release();
        releaseAnswers();
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
      invocation.shadow?.stop();
      // A session read from storage was in storage: put it there (another tab's doing, not this one's).
      if (name === 'loadSession' && outcome.status === 'done' && outcome.output) {
        await base.setItem(sessionKey, await storedSessionValue(outcome.output as Session));
      }
      if (outcome.status === 'done') invocation.resolve(confirmOutput(outcome.output, invocation.input));
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
      for (const invocation of invocations) invocation.shadow?.stop();
      invocations.clear();
      actor = createActor(machine, { clock: clock.timers, inspect, snapshot: persisted }).start();
      return actor;
    },
    async syncStorage(session) {
      if (server) {
        await server.syncStorage(session);
        await flush();
        return;
      }
      // The other tab writes the shared storage, then this tab hears of it.
      const value = session === null ? null : await storedSessionValue(session);
      if (broadcast) return broadcast.otherTabWrites(value);
      await (value === null ? base.removeItem(sessionKey) : base.setItem(sessionKey, value));
      emit(value);
    },
    async takeEffects(expected) {
      if (server) {
        // Nothing of the session may reach web storage in server mode, ever.
        const written = writes.splice(0);
        const held = await base.getItem(sessionKey);
        if (written.length || held !== null)
          throw new Error(
            `server mode used web storage: writes ${JSON.stringify(written)}, holds ${JSON.stringify(held)}`,
          );
        started = [];
        abandoned = [];
        return server.takeEffects(expected);
      }
      const want = expected?.requests.length ?? 0;
      await settleDown(
        () =>
          started.every((invocation) => invocation.shadow?.done ?? true) && (!http || sent.length >= want),
      );
      const real = await Promise.all(sent.splice(0));
      const written = writes.splice(0);
      if (broadcast) {
        // The channel delivers a moment later.
        await settleDown(() => broadcast.heard.length >= written.length);
        const mismatch = heardMismatch(written, broadcast.heard.splice(0));
        if (mismatch) throw new Error(mismatch);
      }
      const requests = [
        ...started
          .map((invocation) => invocation.shadow?.request)
          .filter((request): request is ApiRequest => request !== undefined),
        ...real,
      ];
      const effects: StepEffects = {
        requests,
        aborted: abandoned,
        // What was written matters, not how often: the refresh actor and the machine both save.
        storageWrites: written.filter((write, i, all) => i === 0 || all[i - 1] !== write),
        stored: (await base.getItem(sessionKey)) === null ? 'nothing' : 'session',
      };
      started = [];
      abandoned = [];
      return effects;
    },
    async exposure() {
      const running = current();
      const exposed = JSON.stringify([
        running.getSnapshot().context,
        running.getPersistedSnapshot(),
        await base.getItem(sessionKey),
        ...(server ? [await server.exposure()] : []),
      ]);
      if (server) {
        const { session } = running.getSnapshot().context;
        if (session && (!('heldBy' in session) || 'accessToken' in session))
          throw new Error('in server mode the machine holds a session with a token');
        if (server.secrets().some((token) => exposed.includes(token)))
          throw new Error('a Verifik token is kept where the page can read it');
      }
      return exposed;
    },
    pending: () => [...invocations].map((invocation) => invocation.actor),
    takeTransitions() {
      const result = taken;
      taken = [];
      return result;
    },
    stop() {
      actor?.stop();
      broadcast?.close();
      releaseAnswers();
      for (const invocation of invocations) invocation.shadow?.stop();
      invocations.clear();
    },
  };
}
