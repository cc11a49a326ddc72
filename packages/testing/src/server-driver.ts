import type { LoginErrorCode, Session } from '@verifik-auth/core';
import { type ApiRoute, createMockDevClient, type FaultSpec, verifikRoutes } from '@verifik-auth/mock-server';
import {
  type ActorOutcome,
  errorStatus,
  isAuthenticatorAnswer,
  type PathActorName,
  pathInputs,
  pathOtpTtlMs,
  retryAfterMs,
} from './cases.js';
import type { LoginPath, PathStep } from './path.types.js';
import { createPathClock, type PathClock } from './path-clock.js';
import type { LoginPathDriver } from './run-path.js';
import { createScriptedDriver } from './scripted-driver.js';
import { defaultCallTimeoutMs, type ScriptedLogin, type ScriptedLoginOptions } from './scripted-login.js';

/** The mock server's routes the paths meet. */
export const mockRoutes = verifikRoutes;

/**
 * How the mock server must run for server-backed paths: the paths' right code, their code lifetime,
 * and no resend cooldown of its own (the machine's cooldown is what the paths test; a throttled
 * answer is injected where a path wants one).
 * @example
 * const server = await startMockServer({ port: 0, ...pathMockOptions, now: clock.serverNow });
 */
export const pathMockOptions = {
  fixedOtp: pathInputs.rightOtp,
  otpTtlMs: pathOtpTtlMs,
  resendCooldownMs: 0,
} as const;

/** A `POST /__dev/faults` body without its route. */
export type PathFault = Omit<FaultSpec, 'route'>;

/** The bodies Verifik answers with, per code (see `http-errors.ts` in the core). */
const errorBodies: Partial<Record<LoginErrorCode, { code: string; message: string }>> = {
  invalid_phone: { code: 'BadRequest', message: 'Invalid phone number format.' },
  invalid_email: { code: 'NotFound', message: 'invalid_email' },
  invalid_otp: { code: 'Forbidden', message: 'otp_does_not_match' },
  otp_expired: { code: 'PreconditionFailed', message: 'phoneValidation_has_expired' },
  resend_too_soon: { code: 'Conflict', message: 'otp_recently_sent' },
  insufficient_credits: { code: 'Forbidden', message: 'insufficient_credits' },
  identifier_not_validated: { code: 'PreconditionFailed', message: 'phone_could_not_be_validated' },
  account_not_found: { code: 'NotFound', message: 'user_not_found' },
  // A 403 on send with no message Verifik documents, as a gateway that is not enabled answers.
  send_refused: { code: 'Forbidden', message: 'Forbidden' },
  otp_send_failed: { code: 'Conflict', message: 'otp_send_failed' },
  invalid_authenticator_otp: { code: 'Forbidden', message: 'authenticator_otp_does_not_match' },
  project_flow_not_found: { code: 'projectFlow_not_found', message: '404:projectFlow_not_found' },
  unauthorized: { code: 'Unauthorized', message: 'Invalid or expired token.' },
  missing_parameter: { code: 'MissingParameter', message: 'missing phone\n' },
  unknown: { code: 'Teapot', message: 'short and stout' },
};

/**
 * The mock server fault that makes a call end with `outcome`, or `null` when the server's own
 * answer does. The refresh call retries server errors and dropped connections twice by itself, so
 * those faults apply to three requests.
 * @example
 * const fault = faultFor('requestOtp', { status: 'error', error: { code: 'server', retryable: true } });
 * // { status: 500 }
 */
export function faultFor(
  actor: PathActorName,
  outcome: ActorOutcome,
  options: { timeoutMs?: number } = {},
): PathFault | null {
  if (outcome.status === 'done') return authenticatorFault(outcome.output);
  const { code } = outcome.error;
  const attempts = actor === 'refreshSession' ? 3 : 1;
  switch (code) {
    case 'network':
      return { drop: true, ...(attempts > 1 && { times: attempts }) };
    case 'timeout':
      return heldThenRefused((options.timeoutMs ?? defaultCallTimeoutMs) * 2);
    case 'invalid_response':
      return { malformed: true };
    case 'endpoint_not_found':
      // What Verifik answers for a route it does not know.
      return { status: 404, malformed: true, body: 'Not Found' };
    case 'server':
      return { status: 500, ...(attempts > 1 && { times: attempts }) };
  }
  const wait = retryAfterMs[code];
  return {
    status: errorStatus[code] ?? 400,
    body: errorBodies[code] ?? {},
    ...(wait !== undefined && { headers: { 'Retry-After': String(wait / 1000) } }),
  };
}

/** How a driver makes the mock end a call with an outcome: {@link faultFor}, or a replay's own table. */
export type OutcomeRealizer = (
  actor: PathActorName,
  outcome: ActorOutcome,
  options: { timeoutMs?: number },
) => PathFault | null;

/**
 * Verifik's 200 that asks for the authenticator (verifik-api.md §7), with the setup's QR code and key when
 * the path's answer has them; `null` for any other success, which the server's own answer gives. A fault,
 * so the paths' one identifier needs no authenticator of its own: the code is left unused, as Verifik
 * leaves it, and the step's confirm then meets the mock's own answer (it ignores `authenticatorOTP` for
 * an account without an authenticator) or the next fault.
 */
function authenticatorFault(output: unknown): PathFault | null {
  if (!isAuthenticatorAnswer(output)) return null;
  const { qrCode, secretKey } = output;
  return {
    status: 200,
    body: {
      data: {
        message: 'You are required to setup the Google Authenticator first.',
        ...(qrCode !== undefined && { QRCode: qrCode }),
        ...(secretKey !== undefined && { secretKey }),
      },
    },
  };
}

/** The identifier a path uses at `index`: the last login event at or before it. */
function methodAt(path: LoginPath, index: number): 'phone' | 'email' {
  for (let i = index; i >= 0; i--) {
    const action = path.steps[i]?.action;
    if (action?.type === 'send' && action.event.type === 'login.email') return 'email';
    if (action?.type === 'send' && action.event.type === 'login.phone') return 'phone';
  }
  return 'phone';
}

function routeFor(actor: PathActorName, method: 'phone' | 'email'): ApiRoute {
  if (actor === 'refreshSession') return mockRoutes.session;
  if (actor === 'revokeOtherSessions') return mockRoutes.renewAndRevoke;
  if (actor === 'requestOtp') return method === 'email' ? mockRoutes.emailLogin : mockRoutes.phoneLogin;
  return method === 'email' ? mockRoutes.emailConfirm : mockRoutes.phoneConfirm;
}

/**
 * A call nobody waits for any more (the client timed out, a later step abandoned it): held, then
 * refused with a status no client retries. Answered normally it would still do its work at the mock
 * after its caller gave up (a confirm using the identifier's one code, a send restarting its cooldown),
 * possibly in the middle of the next path, which shares that identifier.
 */
const heldThenRefused = (delayMs: number): PathFault => ({ delayMs, status: 400 });

/** How long the server holds a call that a later step abandons (it is aborted well before). */
export const abandonedCallHoldMs = 5_000;

/**
 * The `/__dev/faults` bodies to post before `step`, so that each call it starts ends the way the
 * path says: with the next step's outcome when the next step settles it, held long enough to be
 * abandoned when the next step leaves it (a cancel, another tab). Empty for most steps.
 * @example
 * for (const fault of faultsForStep(path, step)) await post(`${api}/__dev/faults`, fault);
 * await performInThePage(step);
 */
export function faultsForStep(
  path: LoginPath,
  step: PathStep,
  options: { timeoutMs?: number; realize?: OutcomeRealizer } = {},
): FaultSpec[] {
  const realize = options.realize ?? faultFor;
  const index = path.steps.indexOf(step);
  const next = path.steps[index + 1];
  const faults: FaultSpec[] = [];
  for (const actor of step.calls) {
    if (actor === 'loadSession') continue;
    const settles = next?.action.type === 'settle' && next.action.actor === actor ? next.action : undefined;
    const fault = settles ? realize(actor, settles.outcome, options) : heldThenRefused(abandonedCallHoldMs);
    if (fault) faults.push({ route: routeFor(actor, methodAt(path, index)), ...fault });
  }
  return faults;
}

/**
 * A token the mock server accepts (it logs in a user of its own with the paths' right code), for
 * sessions a path hands over without a login: a stored one, another tab's.
 */
export async function mintSessionToken(baseUrl: string): Promise<string> {
  const post = async (route: string, body: unknown) => {
    const response = await fetch(`${baseUrl}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${route}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { data: { accessToken?: string } };
  };
  const email = 'path-driver@example.com';
  await post(mockRoutes.emailLogin, { email });
  const { data } = await post(mockRoutes.emailConfirm, { email, otp: pathInputs.rightOtp });
  if (!data.accessToken) throw new Error('the mock server issued no token');
  return data.accessToken;
}

/**
 * The sessions a path puts in storage (read on start, or written by "another tab"): a driver against a
 * real server mints a real token for each before the path starts.
 */
export function storedSessionsOf(path: LoginPath): Session[] {
  const sessions: Session[] = [];
  for (const { action } of path.steps) {
    const session =
      action.type === 'syncStorage'
        ? action.session
        : action.type === 'settle' && action.actor === 'loadSession' && action.outcome.status === 'done'
          ? (action.outcome.output as Session | null)
          : null;
    if (session) sessions.push(session);
  }
  return sessions;
}

/** Where {@link createServerDriver} finds the mock server and how it calls it. */
export interface ServerDriverOptions {
  /** The mock server, started with {@link pathMockOptions} and `now: clock.serverNow`. */
  baseUrl: string;
  /** The clock the server reads. */
  clock: PathClock;
  /** The client's per-call timeout, ms; a `timeout` outcome is an answer delayed past it. Default 1 500. */
  timeoutMs?: number;
  /** Also check the transitions each step takes (default true). */
  checkTransitions?: boolean;
  /**
   * Runs the login another way than browser mode's client calling the mock server: server mode
   * (see `createServerModeDriver`). Without it, sessions a path hands over get real tokens.
   */
  mode?: ServerDriverMode;
  /** How the mock is made to end a call with a step's outcome (default {@link faultFor}). */
  realize?: OutcomeRealizer;
  /** Browser mode's tabs over a real `BroadcastChannel` (see `ScriptedLoginOptions.otherTabs`). */
  otherTabs?: 'broadcast';
}

/**
 * Another way to run the login against the mock server, e.g. server mode: the mock server is reset
 * and faults are injected as always; the mode makes what the scripted login runs on, per path, and
 * acts out the sessions the path hands over (stored ones, other tabs') its own way.
 */
export interface ServerDriverMode {
  /** After the mock server's reset, before the login starts: what the path's login runs on. */
  start(path: LoginPath): Promise<Pick<ScriptedLoginOptions, 'server'>>;
  /** When the path ends, even after a failure. */
  stop?(): Promise<void> | void;
}

/**
 * A driver that makes the API calls for real, over HTTP, against the mock server: outcomes come
 * from the server, with `/__dev/faults` injected before the step that starts each call. Reading the
 * stored session stays scripted. Each path starts with `/__dev/reset`.
 * @example
 * const clock = createPathClock();
 * const server = await startMockServer({ port: 0, ...pathMockOptions, now: clock.serverNow });
 * await runPath(path, createServerDriver({ baseUrl: server.url, clock }));
 */
export function createServerDriver(options: ServerDriverOptions): LoginPathDriver & {
  /** The scripted login of the running path (its actor, clock and storage). */
  readonly login: ScriptedLogin;
} {
  const { baseUrl, clock, timeoutMs = defaultCallTimeoutMs, mode, realize } = options;
  const faultOptions = { timeoutMs, ...(realize && { realize }) };
  const driverFor = (on: Pick<ScriptedLoginOptions, 'http' | 'server' | 'otherTabs'>) =>
    createScriptedDriver({
      clock,
      ...on,
      ...(options.checkTransitions !== undefined && { checkTransitions: options.checkTransitions }),
    });
  let inner = driverFor({
    http: { baseUrl, timeoutMs },
    ...(options.otherTabs && { otherTabs: options.otherTabs }),
  });
  let path: LoginPath | undefined;
  /** The path's made-up tokens → real ones, one each, so different sessions stay different. */
  let minted = new Map<string, string>();

  const dev = createMockDevClient(baseUrl);
  /** Faults posted for the calls of the last step (with how many requests each applies to), until met. */
  let posted: Array<{ id: number; times: number }> = [];

  /**
   * Before each step: first make sure the calls the previous step started have reached the server
   * (a call abandoned before its request left would leave its fault to the next request), then
   * post the faults for the calls this step starts.
   */
  async function prepare(step: PathStep) {
    if (!path) throw new Error('the driver has not started');
    await drain();
    for (const fault of faultsForStep(path, step, faultOptions)) {
      posted.push({ id: (await dev.fault(fault)).id, times: fault.times ?? 1 });
    }
  }

  /** Waits for the calls of the previous step to reach the server and meet their faults. */
  async function drain() {
    for (let waited = 0; posted.length; waited += 10) {
      const faults = await dev.faults();
      // Met by the call's first request: a refresh's retries come only once the step that settles it
      // lets its answer through.
      posted = posted.filter(({ id, times }) =>
        faults.some((fault) => fault.id === id && fault.remaining === times),
      );
      if (!posted.length) break;
      if (waited > 2_000) throw new Error('a call of the previous step never reached the server');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  // A mode acts out handed-over sessions itself (server mode: a cookie, another tab's real login).
  const withRealToken = (session: Session): Session =>
    mode ? session : { ...session, accessToken: minted.get(session.accessToken) ?? session.accessToken };

  return {
    get login() {
      return inner.login;
    },
    async start(started) {
      path = started;
      minted = new Map();
      posted = [];
      clock.reset(started.startsAt);
      await dev.reset();
      if (mode) {
        inner = driverFor(await mode.start(started));
        return inner.start(started);
      }
      // Minted before anything else, so no request of the path's own can meet a fault meant for it.
      for (const session of storedSessionsOf(started)) {
        if (!minted.has(session.accessToken))
          minted.set(session.accessToken, await mintSessionToken(baseUrl));
      }
      await inner.start(started);
    },
    async send(event, step) {
      await prepare(step);
      await inner.send(event, step);
    },
    async settle(actor, outcome, step) {
      await prepare(step);
      if (actor === 'loadSession' && outcome.status === 'done' && outcome.output !== null) {
        const session = withRealToken(outcome.output as Session);
        return inner.settle(actor, { status: 'done', output: session }, step);
      }
      return inner.settle(actor, outcome, step);
    },
    async advance(ms, step) {
      await prepare(step);
      await inner.advance(ms, step);
    },
    async adjustClock(ms, step) {
      await prepare(step);
      await inner.adjustClock(ms, step);
    },
    async reload(step) {
      await prepare(step);
      await inner.reload(step);
    },
    async syncStorage(session, step) {
      if (mode && path && faultsForStep(path, step, faultOptions).length) {
        // Another tab's own calls (server mode) would meet them.
        throw new Error('a step where another tab acts cannot start calls of its own');
      }
      await prepare(step);
      await inner.syncStorage(session && withRealToken(session), step);
    },
    assertState: (expected, step) => inner.assertState(expected, step),
    async stop() {
      try {
        await inner.stop();
      } finally {
        await mode?.stop?.();
      }
    },
  };
}

export { createPathClock, type PathClock };
