import type { APIResponse, Browser, BrowserContext, Page, Request, Route } from 'playwright-core';
import {
  DEFAULT_TIMEOUT_MS,
  defaultSessionKey,
  errorMessages,
  type LoginErrorCode,
  type LoginEvent,
  loginLabels,
  type Session,
} from '../packages/core/src/index.js';
// By path, like the core and the mock server (see README.md).
import { maskAuthorization, requestName } from '../packages/testing/src/expectation.js';
import {
  type ActorOutcome,
  type ApiRequest,
  compareEffects,
  compareState,
  type ExpectedState,
  faultsForStep,
  type LoginPath,
  type LoginPathDriver,
  maskCode,
  mintSessionToken,
  mockRoutes,
  type ObservedState,
  type PathActorName,
  type PathClock,
  type PathRequirement,
  type PathStep,
  pathMachineOptions,
  pathRequirements,
  type StepEffects,
  storedSessionsOf,
  storedSessionValue,
} from '../packages/testing/src/index.js';
import { type DemoParams, LoginPage, type LoginPageView } from './login-page.js';
import { createMockDevClient } from './servers.js';

/**
 * What a browser cannot do as a path writes it, by `pathRequirements`:
 * - `input-while-restoring`: the demos read `sessionStorage` at once and show no control while
 *   `restoring`, so nothing can be typed, no other tab can write and no storage deadline can pass
 *   before the read ends;
 * - `storage-failure`: a throwing `sessionStorage.getItem` ends in `idle` through the session store's
 *   "nothing stored" answer, not through the machine's `onError` the path names.
 * Everything else (time, clock jumps, reloads, other tabs) the driver does for real.
 */
export const browserCannotRun: readonly PathRequirement[] = ['input-while-restoring', 'storage-failure'];

/** The paths a browser runs, and those it leaves out with the requirements that rule them out. */
export function browserPaths(paths: readonly LoginPath[]): {
  runnable: LoginPath[];
  leftOut: Array<{ path: LoginPath; because: PathRequirement[] }>;
} {
  const runnable: LoginPath[] = [];
  const leftOut: Array<{ path: LoginPath; because: PathRequirement[] }> = [];
  for (const path of paths) {
    const because = [...pathRequirements(path)].filter((need) => browserCannotRun.includes(need));
    if (because.length) leftOut.push({ path, because });
    else runnable.push(path);
  }
  return { runnable, leftOut };
}

/** The demo's query string for the paths: `pathMachineOptions` as apps/DEMO-CONTRACT.md reads them. */
export function pathDemoParams(api: string): DemoParams {
  // `otpLength` (6) is the demos' default; they take no parameter for it.
  return {
    api,
    cooldown: pathMachineOptions.resendCooldownMs,
    autoRefresh: pathMachineOptions.autoRefresh.beforeExpiryMs,
  };
}

/** A step where the page offered no control for the event, so the driver sent it to the actor. */
export interface ActorFallback {
  path: string;
  step: number;
  event: LoginEvent['type'];
  /** What the page showed instead, e.g. `awaitingOtp` with the Resend button disabled. */
  shown: string;
}

export interface PlaywrightPathDriverOptions {
  browser: Browser;
  /** The demo's dev server. */
  appUrl: string;
  /** The mock server, started with `pathMockOptions` and `now: clock.serverNow`. */
  apiUrl: string;
  /** The clock the mock server reads; the driver moves it with the page's. */
  clock: PathClock;
  /** How long a step may take to show in the page, ms. Default 5000. */
  stepTimeoutMs?: number;
  /** Called when the page offers no control for an event (see {@link ActorFallback}). */
  onFallback?: (fallback: ActorFallback) => void;
}

/** A request of the page to the API, already answered by the mock server, held until its step. */
interface HeldCall {
  actor: PathActorName;
  route: Route;
  answer: Promise<{ response: APIResponse } | { error: unknown }>;
}

/** The blank page of the demo's origin that seeds storage and plays the other tab. */
const blankPath = '/__path-driver-blank';

/** Which call a request of the page is, by route. */
function actorFor(method: string, pathname: string): PathActorName | null {
  if (method === 'GET' && pathname === mockRoutes.session) return 'refreshSession';
  if (method !== 'POST') return null;
  if (pathname === mockRoutes.phoneLogin || pathname === mockRoutes.emailLogin) return 'requestOtp';
  if (pathname === mockRoutes.phoneConfirm || pathname === mockRoutes.emailConfirm) return 'confirmOtp';
  if (pathname === mockRoutes.renewAndRevoke) return 'revokeOtherSessions';
  return null;
}

const actorOf = (request: Request | ApiRequest): PathActorName | null =>
  'url' in request
    ? actorFor(request.method(), new URL(request.url()).pathname)
    : actorFor(request.method, request.path.split('?')[0] ?? '');

const messageCodes = new Map(
  Object.entries(errorMessages.en).map(([code, message]) => [message, code as LoginErrorCode]),
);

/** What the page shows, in `ExpectedState`'s terms; parts the page does not show in that step are left out. */
export function observedState(view: LoginPageView): ObservedState {
  const observed: ObservedState = {
    step: view.step,
    error: view.alert === '' ? null : (messageCodes.get(view.alert) ?? (`"${view.alert}"` as LoginErrorCode)),
    fieldErrors: view.invalidFields,
    signedIn: view.tokenShown,
  };
  if (view.persistedState !== null) observed.value = view.persistedState;
  if (view.busy !== null) observed.busy = view.busy;
  // A resend keeps the code (or expired-code) view on screen while sending, instead of the form.
  if (view.step === 'sending') observed.resending = !view.identifierFormShown;
  if (view.step === 'awaitingOtp' || view.step === 'confirming') {
    observed.attempts = view.attempts ?? 0;
    observed.canResend = !view.resendCountdown;
    observed.maskedIdentifier = view.sentTo;
  }
  if (view.step === 'expired') {
    const { expiredOtp, expiredSession, expiredRevoked } = loginLabels.en;
    const reasons = {
      [expiredOtp]: 'otp',
      [expiredSession]: 'session',
      [expiredRevoked]: 'revoked',
    } as const;
    observed.expiredReason = reasons[view.status ?? ''] ?? null;
  }
  return observed;
}

/** What the page did since a step began, beside what it shows. */
export interface SeenEffects {
  /** The page's API requests, masked like the catalogue's; retries of the call being settled left out. */
  requests: ApiRequest[];
  /** How many retries of the settled call were left out of `requests`. */
  retries: number;
  /** What the mock server logged since the path started, `METHOD route`; null when not read. */
  server: string[] | null;
  /** Every API request the page made since the path started, `METHOD path` (retries included). */
  sentSoFar: string[];
  /** The page's API requests it abandoned (`net::ERR_ABORTED`), `METHOD path`. */
  aborted: string[];
  /** This page's writes of the session key. */
  storageWrites: Array<'save' | 'clear'>;
  /**
   * What the storage the tabs share holds: the last write of either tab (each tab has its own
   * `sessionStorage`; another tab's login reaches this one on the `BroadcastChannel`).
   */
  stored: 'session' | 'nothing';
  /** Where this page's own `sessionStorage` disagrees with its last write of the session, if it does. */
  ownStorage: string | null;
  /** Where a code the path types shows up in this page's `sessionStorage` or `localStorage`. */
  codes: string[];
}

/** Everything the driver sees after a step: the page, its countdowns, and the step's effects. */
export interface Seen {
  view: LoginPageView;
  state: ObservedState;
  /** The countdowns' whole seconds as the page shows them (its clock runs `drift` ahead); null when not shown. */
  countdowns: { resend: number | null; otp: number | null };
  /** How far the page's clock ran ahead of the path's (it flows between steps; a client timeout takes its real 15 s), ms. */
  drift: number;
  effects: SeenEffects;
}

/** What a difference is about: a field of {@link ExpectedState}, or a part of the step's effects. */
export type DifferenceTopic =
  | keyof ExpectedState
  | 'requests'
  | 'server'
  | 'aborted'
  | 'storageWrites'
  | 'stored'
  | 'storage';

/** One way the page differs from what a step expects. */
export interface StepDifference {
  about: DifferenceTopic;
  /** For `requests` and `server`: the expected request it is about (`requestText`); none for an unexpected one. */
  request?: string;
  text: string;
}

/** JSON with object keys sorted, so two requests compare by content. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

/** A request as one comparable line: method, path, body with sorted keys, authorization. */
export const requestText = (request: ApiRequest) =>
  `${request.method} ${request.path}${request.body ? ` ${canonical(request.body)}` : ''}${
    request.authorization ? ` (${request.authorization})` : ''
  }`;

/**
 * What the demos' forms put in a body of their own, with the value they put there unless the user
 * chooses: the channel (the gateway radio starts on WhatsApp) and the page's language. A path's event
 * leaves both to the client, so the catalogue's requests name them only when the event does.
 */
export const formDefaults: Readonly<Record<string, string>> = { phoneGateway: 'whatsapp', language: 'en' };

/** `request` without the form's defaults that no expected request to the same path names. */
function withoutFormDefaults(request: ApiRequest, expected: readonly ApiRequest[]): ApiRequest {
  if (!request.body) return request;
  const named = new Set(
    expected.filter((other) => other.path === request.path).flatMap((other) => Object.keys(other.body ?? {})),
  );
  const body = Object.fromEntries(
    Object.entries(request.body).filter(([key, value]) => named.has(key) || formDefaults[key] !== value),
  );
  return { ...request, body };
}

/**
 * The difference an email code's countdown shows when it runs short by up to a minute, which the
 * core does on purpose (see {@link stepDifferences}); a runner decides whether to let it pass.
 */
export const emailCountdownShort =
  "code countdown: up to a minute short of the catalogue's (the email answer dates itself to the minute)";

/** `m:ss` (or `h:mm:ss`) as whole seconds; null for anything else. */
function countdownSeconds(text: string | null): number | null {
  const match = text && /(?:(\d+):)?(\d+):(\d\d)/.exec(text);
  if (!match) return null;
  return Number(match[1] ?? 0) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}

/**
 * The differences between what a step expects (its state and, for a step, its effects) and what the
 * driver saw; empty when none. The countdowns allow for the page's clock running ahead of the path's.
 */
export function stepDifferences(
  expected: ExpectedState,
  effects: StepEffects | null,
  seen: Seen,
): StepDifference[] {
  const differences: StepDifference[] = [];
  for (const text of compareState(expected, seen.state)) {
    differences.push({ about: text.slice(0, text.indexOf(':')) as keyof ExpectedState, text });
  }
  const formShown = seen.state.step === 'awaitingOtp' || seen.state.step === 'confirming';
  if (formShown) {
    const ahead = Math.ceil(seen.drift / 1000) + 1;
    const countdown = (about: DifferenceTopic, want: number | null, got: number | null, what: string) => {
      const fits = want === null ? got === null : got !== null && got <= want && got >= want - ahead;
      if (fits) return;
      // An email answer dates itself only to the minute (Verifik's signature), and the core takes that
      // minute's last millisecond, so the code's lifetime is never longer than the server's
      // (packages/core/src/server-clock.ts): its countdown may run up to a minute short.
      const byEmail = seen.state.maskedIdentifier?.includes('@') ?? false;
      const short = want !== null && got !== null ? want - got : null;
      if (about === 'otpExpiresInSeconds' && byEmail && short !== null && short >= 0 && short <= 60 + ahead) {
        differences.push({ about, text: emailCountdownShort });
        return;
      }
      differences.push({ about, text: `${what}: expected ${want ?? 'none'}, got ${got ?? 'none'}` });
    };
    // The catalogue states the resend countdown on the code form only (`resendInSeconds` is null while confirming).
    if (expected.step === 'awaitingOtp') {
      const resend = expected.canResend || !expected.resendInSeconds ? null : expected.resendInSeconds;
      countdown('resendInSeconds', resend, seen.countdowns.resend, 'resend countdown (s)');
    }
    countdown('otpExpiresInSeconds', expected.otpExpiresInSeconds, seen.countdowns.otp, 'code countdown (s)');
  }
  if (!effects) return differences;

  const observed = seen.effects.requests.map((request) =>
    requestText(withoutFormDefaults(request, effects.requests)),
  );
  const unmatched = [...observed];
  for (const request of effects.requests) {
    const text = requestText(request);
    const at = unmatched.indexOf(text);
    if (at >= 0) unmatched.splice(at, 1);
    else differences.push({ about: 'requests', request: text, text: `the page did not send ${text}` });
  }
  for (const text of unmatched) differences.push({ about: 'requests', text: `the page also sent ${text}` });
  // Every request the page made so far reached the mock server (its log has no bodies: by route).
  const { server, sentSoFar } = seen.effects;
  const named = new Set<string>();
  for (const request of server ? effects.requests : []) {
    const name = requestName(request);
    if (named.has(name)) continue;
    named.add(name);
    const want = sentSoFar.filter((other) => other === name).length;
    const got = server?.filter((other) => other === name).length ?? 0;
    if (got < want) {
      differences.push({
        about: 'server',
        request: requestText(request),
        text: `the mock server logged ${got} of the page's ${want} ${name} so far`,
      });
    }
  }
  // The order in which the page abandons calls is not the point; the order of writes is.
  const expectedEffects = { ...effects, aborted: [...effects.aborted].sort() };
  for (const text of compareEffects(expectedEffects, {
    aborted: [...seen.effects.aborted].sort(),
    storageWrites: seen.effects.storageWrites,
    stored: seen.effects.stored,
  })) {
    const about = text.startsWith('aborted')
      ? 'aborted'
      : text.startsWith('stored')
        ? 'stored'
        : 'storageWrites';
    differences.push({ about, text });
  }
  if (seen.effects.ownStorage) differences.push({ about: 'stored', text: seen.effects.ownStorage });
  for (const where of seen.effects.codes)
    differences.push({ about: 'storage', text: `a code is stored: ${where}` });
  return differences;
}

/**
 * Sends `event` to the page's login actor (`window.verifikDemo.actor`, set by apps/demo-setup.ts): for
 * events the page offers no control for (a disabled Resend during the cooldown, a cancel while
 * sending), as the scripted drivers do, so the path still runs and the page's reaction is still checked.
 */
async function sendToActor(page: Page, event: LoginEvent): Promise<void> {
  await page.evaluate((event) => {
    const demo = (window as { verifikDemo?: { actor?: { send(event: unknown): void } } }).verifikDemo;
    if (!demo?.actor) throw new Error('the page exposes no window.verifikDemo.actor');
    demo.actor.send(event);
  }, event);
}

/** A {@link LoginPathDriver} on a Playwright page that also shows what it sees, for step-by-step runners. */
export interface PlaywrightPathDriver extends LoginPathDriver {
  /**
   * What the page shows now, and what it did since the current step began (since the start for the
   * first); `effects.server` is left null (see `serverLog`).
   */
  observe(): Promise<Seen>;
  /** What the mock server logged since the path started (its requests), `METHOD route`. */
  serverLog(): Promise<string[]>;
  /** A screenshot of the page of the running path. */
  screenshot(file: string): Promise<void>;
  /** Closes the browser context the paths ran in. */
  close(): Promise<void>;
}

/**
 * Runs login paths in a demo page in Chromium against the mock server (see packages/testing/DRIVERS.md):
 * - calls are real: each request of the page goes to the mock server at once, with the faults of
 *   `faultsForStep` posted before the step that starts it, and its answer is held until the path
 *   settles the call (so `sending`, `confirming` and `refreshing` stay on screen to be checked);
 * - time is the page's `page.clock` (installed at the path's start, flowing in real time between
 *   steps) and the mock server's `clock`, moved together; a clock jump moves the page's alone;
 * - a reload is `page.reload()`; another tab is a second page of the same context that stores the
 *   session in its `sessionStorage` and announces it on the adapter's `BroadcastChannel`.
 * One browser context and page for all paths (a new context costs a renderer process per path, more
 * than the rest of a short path): each path starts on the page emptied of the last one, with its
 * storage cleared, its other tab closed, its routes removed and the clock set again. After each step it checks what the page shows and the step's effects:
 * the page's API requests (masked, and logged by the mock server), the calls it abandons, its storage
 * writes, what the tabs' storage holds, and that no code the path types is ever stored.
 */
export function createPlaywrightPathDriver(options: PlaywrightPathDriverOptions): PlaywrightPathDriver {
  const { browser, appUrl, apiUrl, clock, stepTimeoutMs = 5_000 } = options;

  let path: LoginPath | undefined;
  /** The context and page every path runs in (see {@link openContext}). */
  let shared: { context: BrowserContext; page: Page } | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let login: LoginPage | undefined;
  let otherTab: Page | undefined;
  /** The path's made-up tokens → real ones from the mock server. */
  let minted = new Map<string, string>();
  /** Faults posted for the calls of the last step, until their requests have met them. */
  let posted: Array<{ id: number; times: number }> = [];
  let held: HeldCall[] = [];
  /** Steps whose faults are posted (the first one's before the page loads). */
  let prepared = new Set<PathStep>();
  /** Where the path's requests begin in the mock server's log (after the minted sessions' logins). */
  let serverFrom = 0;
  /** Time the driver let pass beyond the path's (a client timeout runs its real 15 s), ms. */
  let ownTimeMs = 0;
  /** Calls being settled: their retries are answered at once. */
  let released = new Set<PathActorName>();
  let arrivals: Array<() => void> = [];
  let pageErrors: string[] = [];
  /** The page's API requests, in order, with their masked form once read. */
  let sentRequests: Array<{ request: Request; masked?: ApiRequest }> = [];
  /** The page's API requests it abandoned, `METHOD path`, with the call each was. */
  let abandoned: Array<{ name: string; actor: PathActorName | null }> = [];
  /** Writes of the session key in this page or the other tab, in order (the seeded session first). */
  let writes: Array<{ tab: 'page' | 'other'; op: 'save' | 'clear' }> = [];
  /** Where the current step began in each record, and the call it settles (whose retries are not new). */
  let mark = {
    requests: 0,
    aborted: 0,
    writes: 0,
    settling: null as PathActorName | null,
    /** The call the step lets time out: the client's own abort of it is the timeout, not a step abandoning it. */
    timingOut: null as PathActorName | null,
  };

  const current = () => {
    if (!path || !page || !login || !context) throw new Error('the driver has not started');
    return { path, page, login, context };
  };

  const dev = createMockDevClient(apiUrl);

  const isApiRequest = (request: Request) =>
    request.url().startsWith(`${apiUrl}/v2/`) && request.method() !== 'OPTIONS';

  /** A request of the page as the catalogue writes it: the code and the token masked. */
  async function masked(entry: { request: Request; masked?: ApiRequest }): Promise<ApiRequest> {
    if (entry.masked) return entry.masked;
    const { request } = entry;
    // The headers the page's script set (the bearer token among them): a held request has no others yet.
    const headers = request.headers();
    const data = request.postData();
    let body: Record<string, string | number | boolean> | undefined;
    if (data) {
      body = JSON.parse(data) as Record<string, string | number | boolean>;
      if (typeof body.otp === 'string') body = { ...body, otp: maskCode(body.otp) };
      if (typeof body.authenticatorOTP === 'string') {
        body = { ...body, authenticatorOTP: maskCode(body.authenticatorOTP) };
      }
    }
    entry.masked = {
      method: request.method() as ApiRequest['method'],
      path: request.url().slice(apiUrl.length),
      ...(body && { body }),
      ...(headers.authorization && { authorization: maskAuthorization(headers.authorization) }),
    };
    return entry.masked;
  }

  /** Starts the records of `step` (its requests, aborts and writes) from here. */
  function markStep(step: PathStep | null): void {
    const action = step?.action;
    mark = {
      requests: sentRequests.length,
      aborted: abandoned.length,
      writes: writes.length,
      settling: action?.type === 'settle' ? action.actor : null,
      timingOut:
        action?.type === 'settle' &&
        action.outcome.status === 'error' &&
        action.outcome.error.code === 'timeout'
          ? action.actor
          : null,
    };
  }

  /** The codes the path types (a malformed one too short to tell from other digits is left out). */
  const typedCodes = () =>
    (path?.steps ?? []).flatMap(({ action }) =>
      action.type === 'send' && action.event.type === 'otp.submit' && action.event.otp.length >= 4
        ? [action.event.otp]
        : [],
    );

  /** The page's API requests the mock server logged since the path started, `METHOD route`. */
  async function serverLog(): Promise<string[]> {
    return (await dev.requests()).slice(serverFrom).map((record) => `${record.method} ${record.route}`);
  }

  async function observe(): Promise<Seen> {
    const view = await current().login.view({ findInStorage: typedCodes() });
    const own = view.storageKeys.some(
      ({ area, key }) => area === 'sessionStorage' && key === defaultSessionKey,
    );
    const all = await Promise.all(sentRequests.map(masked));
    const before = all.slice(0, mark.requests);
    const since = all.slice(mark.requests);
    // A call being settled may retry (a refresh does, after a server error): the same request again.
    const retried = mark.settling
      ? before
          .filter((request) => actorOf(request) === mark.settling)
          .map(requestText)
          .at(-1)
      : undefined;
    const requests = since.filter((request) => requestText(request) !== retried);
    const ownLast = writes.filter((write) => write.tab === 'page').at(-1)?.op ?? 'clear';
    const codes = view.foundInStorage.map(({ area, key, text }) => `${text} in ${area} "${key}"`);
    const state = observedState(view);
    return {
      view,
      state,
      countdowns: {
        resend: countdownSeconds(view.resendCountdownText),
        otp: countdownSeconds(view.otpCountdownText),
      },
      drift: view.now - (clock.now() - ownTimeMs),
      effects: {
        requests,
        retries: since.length - requests.length,
        server: null,
        sentSoFar: all.map(requestName),
        aborted: abandoned
          .slice(mark.aborted)
          .filter(({ actor }) => actor === null || actor !== mark.timingOut)
          .map(({ name }) => name),
        storageWrites: writes
          .slice(mark.writes)
          .filter((write) => write.tab === 'page')
          .map((write) => write.op),
        stored: writes.at(-1)?.op === 'save' ? 'session' : 'nothing',
        ownStorage:
          own === (ownLast === 'save')
            ? null
            : `this page's sessionStorage holds ${own ? 'a session' : 'none'}, though its last write was a ${ownLast}`,
        codes,
      },
    };
  }

  async function deliver(call: HeldCall): Promise<void> {
    const answer = await call.answer;
    // The page may have given up on the request (a cancel, a reload): nothing to answer then.
    if ('response' in answer) await call.route.fulfill({ response: answer.response }).catch(() => undefined);
    else await call.route.abort('connectionreset').catch(() => undefined);
  }

  async function onApiRequest(route: Route): Promise<void> {
    const actor = actorOf(route.request());
    // CORS preflights and anything else: straight through (they neither count nor use up faults).
    if (!actor) return route.continue().catch(() => undefined);
    const answer = route.fetch({ timeout: 0 }).then(
      (response) => ({ response }),
      (error: unknown) => ({ error }),
    );
    const call: HeldCall = { actor, route, answer };
    if (released.has(actor)) return deliver(call);
    held.push(call);
    for (const wake of arrivals.splice(0)) wake();
  }

  /** Waits until the page has made a request for `actor`'s call. */
  async function arrival(actor: PathActorName): Promise<void> {
    const deadline = Date.now() + stepTimeoutMs;
    while (!held.some((call) => call.actor === actor)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`the page made no ${actor} request`);
      await new Promise<void>((wake) => {
        arrivals.push(wake);
        setTimeout(wake, Math.min(left, 100));
      });
    }
  }

  /**
   * Before each step: make sure the requests of the previous step reached the mock server (a call
   * abandoned before its request left would leave its fault to the next request), then post the
   * faults for the calls this step starts, and hold those calls' answers again. A fault for several
   * requests (a refresh's retries) counts as met once the first has met it: the retries only come
   * when the path settles the call.
   */
  async function prepare(step: PathStep): Promise<void> {
    if (!path) throw new Error('the driver has not started');
    if (prepared.has(step)) return;
    prepared.add(step);
    // The first step's records began before the page loaded (see start).
    if (step !== path.steps[0]) markStep(step);
    for (let waited = 0; posted.length; waited += 10) {
      const faults = await dev.faults();
      posted = posted.filter(({ id, times }) =>
        faults.some((fault) => fault.id === id && fault.remaining === times),
      );
      if (!posted.length) break;
      if (waited > 2_000) throw new Error('a request of the previous step never reached the mock server');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    for (const fault of faultsForStep(path, step, { timeoutMs: DEFAULT_TIMEOUT_MS })) {
      posted.push({ id: (await dev.fault(fault)).id, times: fault.times ?? 1 });
    }
    for (const actor of step.calls) {
      released.delete(actor);
      // An earlier call of the same actor that nobody settled was abandoned by the page.
      held = held.filter((call) => call.actor !== actor);
    }
  }

  const withRealToken = (session: Session): Session => ({
    ...session,
    accessToken: minted.get(session.accessToken) ?? session.accessToken,
  });

  /**
   * Moves the mock server's clock and the page's by `ms`. The page's is fast-forwarded: every timer
   * due by then fires once, in the order it was set, like a device waking up. So the machine's own
   * timer (set when its state was entered) fires before the client's timeout of a call still pending
   * (set when the call started), which a path that lets days pass during a call relies on; and a
   * ticking countdown or the dev server's ping does not fire once a second for days.
   */
  async function letTimePass(ms: number): Promise<void> {
    clock.advance(ms);
    await current().page.clock.fastForward(ms);
  }

  /** What the page shows now, for errors. */
  async function describePage(): Promise<string> {
    const { login } = current();
    const view = await login.view().catch((error: unknown) => String(error));
    const errors = pageErrors.length ? `\npage errors: ${pageErrors.join('; ')}` : '';
    return `${JSON.stringify(view)}${errors}`;
  }

  /** Opens a blank page of the demo's origin in `tab` (to reach its `sessionStorage`). */
  async function openBlank(tab: Page): Promise<void> {
    const { context } = current();
    const url = `${appUrl}${blankPath}`;
    await context.route(url, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }),
    );
    await tab.goto(url);
    await context.unroute(url);
  }

  /** Does what the user does for `event`; false when the page offers no control for it now. */
  async function perform(event: LoginEvent): Promise<boolean> {
    const { login } = current();
    switch (event.type) {
      case 'login.phone':
        if (!(await login.offers(login.sendCodeButton))) return false;
        await login.choosePhone();
        await login.fillPhone(event.countryCode, event.phone);
        await login.sendCode();
        return true;
      case 'login.email':
        if (!(await login.offers(login.sendCodeButton))) return false;
        await login.chooseEmail();
        await login.fillEmail(event.email);
        await login.sendCode();
        return true;
      case 'otp.submit':
        if (!(await login.takesCode()) || !(await login.offers(login.verifyButton))) return false;
        await login.enterCode(event.otp);
        await login.verify();
        return true;
      case 'authenticator.submit':
        if (!(await login.takesAuthenticatorCode()) || !(await login.offers(login.verifyButton)))
          return false;
        await login.enterAuthenticatorCode(event.authenticatorOtp);
        await login.verify();
        return true;
      case 'otp.resend':
        if (!(await login.offers(login.resendButton))) return false;
        await login.resend();
        return true;
      case 'login.cancel':
        if (!(await login.offers(login.changeNumberButton))) return false;
        await login.changeNumber();
        return true;
      case 'session.refresh':
        if (!(await login.offers(login.refreshButton))) return false;
        await login.refreshSession();
        return true;
      case 'session.logout':
        if (!(await login.offers(login.logOutButton))) return false;
        await login.logOut();
        return true;
      case 'session.revokeOthers':
        if (!(await login.offers(login.revokeOthersButton))) return false;
        await login.revokeOthers();
        return true;
      default:
        return false;
    }
  }

  /**
   * The context and page the paths share, made once: the storage-write probe, the request records
   * (which keep only the running path's requests) and the page's errors go through the path's own
   * variables, so nothing of an earlier path reaches the next one.
   */
  async function openContext(): Promise<{ context: BrowserContext; page: Page }> {
    if (shared) return shared;
    const context = await browser.newContext({ viewport: { width: 480, height: 860 } });
    // Every write of the session key, in any page of the context (this one or the other tab).
    await context.exposeBinding('__verifikStorageWrite', ({ page: source }, op: 'save' | 'clear') => {
      if (!path) return;
      if (source === page) writes.push({ tab: 'page', op });
      else if (source === otherTab) writes.push({ tab: 'other', op });
    });
    await context.addInitScript((key) => {
      const report = (op: 'save' | 'clear') =>
        (window as { __verifikStorageWrite?: (op: string) => void }).__verifikStorageWrite?.(op);
      const { setItem, removeItem } = Storage.prototype;
      Storage.prototype.setItem = function (name: string, value: string) {
        setItem.call(this, name, value);
        if (name === key) report('save');
      };
      Storage.prototype.removeItem = function (name: string) {
        removeItem.call(this, name);
        if (name === key) report('clear');
      };
    }, defaultSessionKey);
    context.on('request', (request) => {
      if (path && isApiRequest(request)) sentRequests.push({ request });
    });
    context.on('requestfailed', (request) => {
      // The page gave up on it (a cancel, a logout, a reload), not the driver's dropped connection;
      // a request of an earlier path is not in this path's records.
      if (!sentRequests.some((entry) => entry.request === request)) return;
      if (request.failure()?.errorText === 'net::ERR_ABORTED') {
        const method = request.method() as ApiRequest['method'];
        const { pathname } = new URL(request.url());
        abandoned.push({
          name: requestName({ method, path: pathname }),
          actor: actorFor(method, pathname),
        });
      }
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    shared = { context, page };
    return shared;
  }

  return {
    async start(started) {
      path = started;
      minted = new Map();
      posted = [];
      held = [];
      prepared = new Set();
      released = new Set();
      arrivals = [];
      pageErrors = [];
      otherTab = undefined;
      sentRequests = [];
      abandoned = [];
      writes = [];
      ownTimeMs = 0;
      clock.reset(started.startsAt);
      await dev.reset();
      // Minted before any fault is posted, so none of the path's faults meets these requests.
      for (const session of storedSessionsOf(started)) {
        if (!minted.has(session.accessToken)) minted.set(session.accessToken, await mintSessionToken(apiUrl));
      }

      ({ context, page } = await openContext());
      login = new LoginPage(page, appUrl);
      await openBlank(page);
      // The path's clock, for this page and the context's next ones: a later install wins.
      await context.clock.install({ time: started.startsAt });
      // This tab's storage of the demo's origin, left by the last path, emptied.
      await page.evaluate(() => {
        sessionStorage.clear();
        localStorage.clear();
      });

      // The session the storage holds when the page loads (the path's first `loadSession` outcome).
      const first = started.steps[0];
      const stored =
        first?.action.type === 'settle' &&
        first.action.actor === 'loadSession' &&
        first.action.outcome.status === 'done'
          ? (first.action.outcome.output as Session | null)
          : null;
      if (stored) {
        const value = await storedSessionValue(withRealToken(stored));
        await page.evaluate(([key, value]) => sessionStorage.setItem(key, value), [
          defaultSessionKey,
          value,
        ] as const);
      }
      // The first step's records start here: the seeded session is a write before it.
      markStep(first ?? null);
      serverFrom = (await dev.requests()).length;
      // Routing makes the browser pause every request of the context, the dev server's modules
      // too; so the API is routed once the page has loaded, unless the storage read starts a call.
      const routeApi = () => context?.route(`${apiUrl}/v2/**`, onApiRequest);
      if (first?.calls.length) {
        await prepare(first);
        await routeApi();
      }
      await login.goto(pathDemoParams(apiUrl));
      if (!first?.calls.length) await routeApi();
    },

    async send(event, step) {
      await prepare(step);
      if (await perform(event)) return;
      const { path, page, login } = current();
      const view = await login.view();
      options.onFallback?.({
        path: path.id,
        step: path.steps.indexOf(step) + 1,
        event: event.type,
        shown: view.step,
      });
      await sendToActor(page, event);
    },

    async settle(actor, outcome: ActorOutcome, step) {
      await prepare(step);
      // The page read its storage on load; the path only checks what it shows.
      if (actor === 'loadSession') return;
      await arrival(actor);
      if (outcome.status === 'error' && outcome.error.code === 'timeout') {
        // The mock server holds the answer past the client's timeout, which runs on the page's clock.
        await letTimePass(DEFAULT_TIMEOUT_MS);
        ownTimeMs += DEFAULT_TIMEOUT_MS;
      } else {
        released.add(actor);
        const calls = held.filter((call) => call.actor === actor);
        held = held.filter((call) => call.actor !== actor);
        for (const call of calls) await deliver(call);
      }
      await current().login.expectStep(step.expect.step, stepTimeoutMs);
    },

    async advance(ms, step) {
      await prepare(step);
      await letTimePass(ms);
    },

    async adjustClock(ms, step) {
      await prepare(step);
      clock.adjust(ms);
      const { page } = current();
      const now = await page.evaluate(() => Date.now());
      await page.clock.setSystemTime(now + ms);
    },

    async reload(step) {
      await prepare(step);
      held = [];
      await current().login.reload();
    },

    async syncStorage(session, step) {
      await prepare(step);
      const { context } = current();
      if (!otherTab) {
        otherTab = await context.newPage();
        await openBlank(otherTab);
      }
      const value = session ? await storedSessionValue(withRealToken(session)) : null;
      // What `webStorage(sessionStorage)` does in another tab: write its own storage, then announce
      // the new value on the key's channel (packages/core/src/storage.ts).
      await otherTab.evaluate(
        ([key, value]) => {
          if (value === null) sessionStorage.removeItem(key);
          else sessionStorage.setItem(key, value);
          const channel = new BroadcastChannel(`verifik-auth:${key}`);
          channel.postMessage(value);
          channel.close();
        },
        [defaultSessionKey, value] as const,
      );
    },

    async assertState(expected: ExpectedState, step) {
      const { login } = current();
      // The demos read `sessionStorage` synchronously: `restoring` is over before the first paint.
      if (step === null && expected.step === 'restoring') {
        await login.container.waitFor({ timeout: stepTimeoutMs });
        return;
      }
      const deadline = Date.now() + stepTimeoutMs;
      for (;;) {
        const seen = await observe();
        let differences = stepDifferences(expected, step?.effects ?? null, seen);
        // The mock server's log is read once the page shows the rest: did the requests reach it?
        if (!differences.length) {
          seen.effects.server = await serverLog();
          differences = stepDifferences(expected, step?.effects ?? null, seen);
        }
        if (!differences.length) return;
        if (Date.now() > deadline) {
          const texts = differences.map((difference) => difference.text);
          throw new Error(`the page shows ${texts.join('; ')}\npage: ${await describePage()}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },

    observe: () => observe(),
    serverLog: () => serverLog(),

    async screenshot(file) {
      await current().login.screenshot(file);
    },

    async stop() {
      const { context: ending, page: ended } = shared ?? {};
      const tab = otherTab;
      path = undefined;
      page = undefined;
      login = undefined;
      context = undefined;
      otherTab = undefined;
      held = [];
      // The path's requests, timers and channels end with its document; its routes with it.
      await ending?.unrouteAll({ behavior: 'ignoreErrors' }).catch(() => undefined);
      await tab?.close().catch(() => undefined);
      await ended?.goto('about:blank').catch(() => undefined);
    },

    async close() {
      const ending = shared?.context;
      shared = undefined;
      await ending?.close().catch(() => undefined);
    },
  };
}
