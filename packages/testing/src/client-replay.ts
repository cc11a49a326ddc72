/*
 * The catalogue replayed below the machine: every path through the real client over HTTP against
 * the mock server (browser mode), or through core's server client and a real `@verifik-auth/server`
 * handler (server mode). The drivers of `server-driver.ts` / `server-mode-driver.ts` do the calls;
 * this file adds what only a real client can get wrong, step by step, from two tables:
 * - `clientReplayEvents`: for each user event, which calls it may start;
 * - `clientReplayCalls`: for each call, the request the mock must receive (method, route, key body
 *   fields) and, in `clientReplayOutcomes`, how the mock is made to end it with a step's outcome.
 * A step the tables do not know fails loudly, saying which entry to add. On top of that, the device
 * clock runs ahead of the mock's (so a deadline taken from the server's clock the wrong way shows),
 * and each code's and session's deadline, as the machine holds it, is checked against the mock's.
 */
import { type LoginErrorCode, type LoginEvent, loginErrorCodes } from '@verifik-auth/core';
import { createMockDevClient, type MockDevClient } from '@verifik-auth/mock-server';
import type { ActorOutcome, PathActorName } from './cases.js';
import type { LoginPath, PathStep } from './path.types.js';
import type { PathClock } from './path-clock.js';
import type { LoginPathDriver } from './run-path.js';
import type { ScriptedLogin } from './scripted-login.js';
import { faultFor, mockRoutes, type OutcomeRealizer, type PathFault } from './server-driver.js';

/** The calls a path can start against Verifik (reading the stored session is not one). */
export type ApiCall = Exclude<PathActorName, 'loadSession'>;

/** What the mock must receive for one call, for a phone or an email login. */
export interface ExpectedCall {
  method: 'GET' | 'POST';
  route: string;
  /** Body fields the request must carry (their values are the catalogue's to check). */
  fields: readonly string[];
}

/**
 * The request each call makes, per identifier. A new call (say, a revoke) is one entry here, one in
 * {@link clientReplayOutcomes} if it has new outcomes, and the events that start it in
 * {@link clientReplayEvents}.
 */
export const clientReplayCalls: Record<ApiCall, Record<'phone' | 'email', ExpectedCall>> = {
  requestOtp: {
    phone: { method: 'POST', route: mockRoutes.phoneLogin, fields: ['countryCode', 'phone', 'type'] },
    email: { method: 'POST', route: mockRoutes.emailLogin, fields: ['email'] },
  },
  confirmOtp: {
    phone: { method: 'POST', route: mockRoutes.phoneConfirm, fields: ['countryCode', 'phone', 'otp'] },
    email: { method: 'POST', route: mockRoutes.emailConfirm, fields: ['email', 'otp'] },
  },
  refreshSession: {
    phone: { method: 'GET', route: mockRoutes.session, fields: [] },
    email: { method: 'GET', route: mockRoutes.session, fields: [] },
  },
  // Server mode goes through the handler's `POST /session/revoke-others`, which calls this route.
  revokeOtherSessions: {
    phone: { method: 'POST', route: mockRoutes.renewAndRevoke, fields: [] },
    email: { method: 'POST', route: mockRoutes.renewAndRevoke, fields: [] },
  },
};

/**
 * For each user event (a `send` step), the calls it may start, and the body fields its requests carry
 * beyond the call's own (`fields`). An event missing here fails the replay with a message that names it.
 */
export const clientReplayEvents: Record<string, { starts: readonly ApiCall[]; fields?: readonly string[] }> =
  {
    'login.phone': { starts: ['requestOtp'] },
    'login.email': { starts: ['requestOtp'] },
    'otp.submit': { starts: ['confirmOtp'] },
    // The authenticator step confirms the same code again, with the app's.
    'authenticator.submit': { starts: ['confirmOtp'], fields: ['authenticatorOTP'] },
    'otp.resend': { starts: ['requestOtp'] },
    'login.cancel': { starts: [] },
    'session.refresh': { starts: ['refreshSession'] },
    'session.logout': { starts: [] },
    'session.revokeOthers': { starts: ['revokeOtherSessions'] },
    // Not a user event, but a path may send it as one (another tab's news, as the machine hears it).
    'session.sync': { starts: [] },
  };

/**
 * A redirect Verifik never sends: the client must refuse it (`invalid_response`) rather than read it
 * as an error answer. 300 is the lowest redirect status, the one an off-by-one check lets through.
 */
const lowestRedirect: PathFault = {
  status: 300,
  headers: { Location: 'http://127.0.0.1:9/elsewhere' },
  body: { code: 'MultipleChoices', message: 'see other locations' },
};

/**
 * How the mock ends a call with each error code: `'as-verifik'` is Verifik's own answer for it
 * ({@link faultFor}); a function gives another realization of the same outcome. Typed over the
 * whole union, so a new code does not compile until it has an entry.
 */
export const clientReplayOutcomes: Record<
  LoginErrorCode,
  'as-verifik' | ((actor: ApiCall, fallback: PathFault | null) => PathFault | null)
> = {
  network: 'as-verifik',
  timeout: 'as-verifik',
  server: 'as-verifik',
  rate_limited: 'as-verifik',
  // Every way the client refuses an answer ends the same: a redirect for a send, a broken body elsewhere.
  invalid_response: (actor, fallback) => (actor === 'requestOtp' ? lowestRedirect : fallback),
  invalid_phone: 'as-verifik',
  invalid_email: 'as-verifik',
  invalid_otp: 'as-verifik',
  otp_expired: 'as-verifik',
  resend_too_soon: 'as-verifik',
  insufficient_credits: 'as-verifik',
  identifier_not_validated: 'as-verifik',
  account_not_found: 'as-verifik',
  send_refused: 'as-verifik',
  otp_send_failed: 'as-verifik',
  project_flow_not_found: 'as-verifik',
  endpoint_not_found: 'as-verifik',
  missing_parameter: 'as-verifik',
  unauthorized: 'as-verifik',
  invalid_authenticator_otp: 'as-verifik',
  unknown: 'as-verifik',
};

/** {@link clientReplayOutcomes} as the server drivers take it; an unknown code fails loudly. */
export const realizeOutcome: OutcomeRealizer = (actor, outcome, options) => {
  const fallback = faultFor(actor, outcome, options);
  if (outcome.status === 'done') return fallback;
  const entry = clientReplayOutcomes[outcome.error.code];
  if (entry === undefined || !loginErrorCodes.includes(outcome.error.code))
    throw new Error(
      `client replay: no entry for the outcome "${outcome.error.code}" of ${actor}: add how the mock ` +
        'answers it to clientReplayOutcomes (and its body to errorBodies in server-driver.ts)',
    );
  return entry === 'as-verifik' ? fallback : entry(actor as ApiCall, fallback);
};

/** How far the device clock runs ahead of the mock's in the replay: not a whole minute, on purpose. */
export const deviceAheadMs = 3 * 60_000 + 7_000;

/**
 * `clock` with the device ahead of the mock by {@link deviceAheadMs}: the mock and the handler read
 * `serverNow`, the machine and the client `now`, and every path still starts at its `startsAt` on
 * the device.
 */
export function withDeviceAhead(clock: PathClock, aheadMs = deviceAheadMs): PathClock {
  return {
    get timers() {
      return clock.timers;
    },
    now: () => clock.now(),
    serverNow: () => clock.serverNow() - aheadMs,
    reset: (at) => clock.reset(at),
    advance: (ms) => clock.advance(ms),
    adjust: (ms) => clock.adjust(ms),
  };
}

/** The identifier of the login a path is on at `index` (its last login event), phone by default. */
function methodAt(path: LoginPath, index: number): 'phone' | 'email' {
  for (let i = index; i >= 0; i--) {
    const action = path.steps[i]?.action;
    if (action?.type === 'send' && action.event.type === 'login.email') return 'email';
    if (action?.type === 'send' && action.event.type === 'login.phone') return 'phone';
  }
  return 'phone';
}

/** The calls a step may start, from the tables; throws when the step is one they do not know. */
export function callsAllowedBy(step: PathStep): readonly ApiCall[] {
  return replayEntryOf(step).starts;
}

/** The step's entry in the tables: what a user event starts, or what any other step may start. */
function replayEntryOf(step: PathStep): { starts: readonly ApiCall[]; fields?: readonly string[] } {
  const { action } = step;
  switch (action.type) {
    case 'send': {
      const entry = clientReplayEvents[action.event.type];
      if (!entry)
        throw new Error(
          `client replay: no entry for the event "${action.event.type}": add it to clientReplayEvents ` +
            '(packages/testing/src/client-replay.ts) with the calls it starts, and each new call to clientReplayCalls',
        );
      return entry;
    }
    // A settled call can lead to the next (a loaded session due for refresh); time can fire a refresh
    // or a retry; a reload resumes what was in flight; another tab's login can be due for refresh.
    case 'settle':
    case 'advance':
    case 'adjustClock':
    case 'reload':
    case 'syncStorage':
      return { starts: ['requestOtp', 'confirmOtp', 'refreshSession'] };
    default:
      throw new Error(
        `client replay: no rule for the step kind "${(action as { type: string }).type}": add it to callsAllowedBy`,
      );
  }
}

/** How many requests the mock receives for a call that ends with `outcome` (the refresh retries some). */
function requestsFor(call: ApiCall, outcome: ActorOutcome | undefined): number {
  if (call !== 'refreshSession' || outcome?.status !== 'error') return 1;
  return outcome.error.code === 'server' || outcome.error.code === 'network' ? 3 : 1;
}

/** The expiry of a JWT, epoch ms, or `undefined` when it has none. */
function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  const { exp } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: number };
  return typeof exp === 'number' ? exp * 1000 : undefined;
}

/** Where {@link createClientReplayDriver} finds the mock and its clock. */
export interface ClientReplayOptions {
  /** The mock server's base URL. */
  mockUrl: string;
  /** The clock the path runs on, made with {@link withDeviceAhead}. */
  clock: PathClock;
  /**
   * The newest token Verifik issued, when the page cannot see it (server mode: the handler holds
   * it); browser mode reads it from the session.
   */
  latestToken?: () => string | undefined;
}

/** A driver of `server-driver.ts` (browser or server mode), with the scripted login it runs. */
export type HttpPathDriver = LoginPathDriver & { readonly login: ScriptedLogin };

/** What a deadline on the device must be, against the mock's deadline for it, at most this far off. */
const deadlineToleranceMs = 1_000;

/**
 * Wraps a driver that calls the mock for real (`createServerDriver` or `createServerModeDriver`,
 * both made with `realize: realizeOutcome` and a {@link withDeviceAhead} clock) with the client-layer
 * checks: the requests the mock received per step against {@link clientReplayCalls}, and the deadlines
 * of the code and the session against the mock's clock.
 * @example
 * const clock = withDeviceAhead(createPathClock());
 * const inner = createServerDriver({ baseUrl: mock.url, clock, realize: realizeOutcome });
 * await runPath(path, createClientReplayDriver(inner, { mockUrl: mock.url, clock }));
 */
export function createClientReplayDriver(
  inner: HttpPathDriver,
  options: ClientReplayOptions,
): LoginPathDriver {
  const { clock } = options;
  const dev: MockDevClient = createMockDevClient(options.mockUrl);
  let path: LoginPath | undefined;
  /** Requests in the mock's log before the current step. */
  let seen = 0;
  /** How far the device clock was moved by the path's own jumps (the catalogue's clock steps). */
  let jumped = 0;

  /** The requests the mock received for `step`, against the calls it starts and the tables. */
  async function checkRequests(step: PathStep) {
    if (!path) throw new Error('the client replay has not started');
    const index = path.steps.indexOf(step);
    const { starts: allowed, fields: eventFields = [] } = replayEntryOf(step);
    const next = path.steps[index + 1]?.action;
    const expected: string[] = [];
    for (const call of step.calls) {
      if (call === 'loadSession') continue;
      if (!allowed.includes(call))
        throw new Error(
          `client replay: "${step.action.type === 'send' ? step.action.event.type : step.action.type}" ` +
            `started ${call}, which its entry in clientReplayEvents does not list`,
        );
      const want = clientReplayCalls[call][methodAt(path, index)];
      const outcome = next?.type === 'settle' && next.actor === call ? next.outcome : undefined;
      for (let i = 0; i < requestsFor(call, outcome); i++) expected.push(`${want.method} ${want.route}`);
      for (const request of step.effects.requests) {
        if (request.method !== want.method || !request.path.startsWith(want.route)) continue;
        const missing = [...want.fields, ...eventFields].filter((field) => !(field in (request.body ?? {})));
        if (missing.length)
          throw new Error(`the catalogue's ${want.method} ${want.route} lacks ${missing.join(', ')}`);
      }
    }
    // Each call's request reaches the mock at once, bar a retry's backoff: wait for them a moment.
    let received: string[] = [];
    for (let waited = 0; waited <= 2_000; waited += 20) {
      const log = await dev.requests();
      received = log.slice(seen).map((record) => `${record.method} ${record.route}`);
      if (received.length >= expected.length) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    seen += received.length;
    // Another tab's login is its own business (server mode logs in for real there).
    if (step.action.type === 'syncStorage') return;
    const sort = (list: string[]) => [...list].sort().join(', ') || 'none';
    if (sort(received) !== sort(expected))
      throw new Error(`the mock received ${sort(received)}; the step's calls make ${sort(expected)}`);
  }

  /** The code's and the session's deadlines, as the machine holds them, against the mock's clock. */
  async function checkDeadlines(step: PathStep) {
    const { context } = inner.login.actor.getSnapshot();
    const deviceNow = clock.now() - jumped;
    const serverNow = clock.serverNow();
    const { action } = step;
    if (action.type === 'settle' && action.actor === 'requestOtp' && action.outcome.status === 'done') {
      const sent = (await dev.inbox()).at(-1);
      if (!sent || !context.challenge)
        throw new Error('a code was sent but the mock or the machine has none');
      const onMock = Date.parse(sent.expiresAt) - serverNow;
      const onDevice = context.challenge.expiresAt - deviceNow;
      if (Math.abs(onMock - onDevice) > deadlineToleranceMs)
        throw new Error(
          `the code expires in ${onDevice} ms on the device but in ${onMock} ms on the mock's clock`,
        );
    }
    const signedIn =
      action.type === 'settle' &&
      (action.actor === 'confirmOtp' ||
        action.actor === 'refreshSession' ||
        action.actor === 'revokeOtherSessions') &&
      action.outcome.status === 'done';
    if (signedIn && context.session) {
      const token = context.session.accessToken ?? options.latestToken?.();
      const expiry = token ? jwtExpiry(token) : undefined;
      if (expiry === undefined) throw new Error('the session has no token whose expiry the mock set');
      const onMock = expiry - serverNow;
      const onDevice = context.session.expiresAt - deviceNow;
      if (Math.abs(onMock - onDevice) > deadlineToleranceMs)
        throw new Error(
          `the session ends in ${onDevice} ms on the device but in ${onMock} ms on the mock's clock`,
        );
    }
  }

  return {
    async start(started) {
      path = started;
      jumped = 0;
      await inner.start(started);
      // Tokens minted for the path's stored sessions went before it: its own requests come after.
      seen = (await dev.requests()).length;
    },
    send: (event: LoginEvent, step) => inner.send(event, step),
    settle: (actor, outcome, step) => inner.settle(actor, outcome, step),
    advance: (ms, step) => inner.advance(ms, step),
    async adjustClock(ms, step) {
      jumped += ms;
      await inner.adjustClock(ms, step);
    },
    reload: (step) => inner.reload(step),
    syncStorage: (session, step) => inner.syncStorage(session, step),
    async assertState(expected, step) {
      await inner.assertState(expected, step);
      if (!step) return;
      await checkRequests(step);
      await checkDeadlines(step);
    },
    stop: () => inner.stop(),
  };
}
