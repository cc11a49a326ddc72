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
import {
  type ActorOutcome,
  compareState,
  type ExpectedState,
  faultsForStep,
  type LoginPath,
  type LoginPathDriver,
  mintSessionToken,
  mockRoutes,
  type ObservedState,
  type PathActorName,
  type PathClock,
  type PathRequirement,
  type PathStep,
  pathMachineOptions,
  pathRequirements,
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
function actorOf(request: Request): PathActorName | null {
  const { pathname } = new URL(request.url());
  if (request.method() === 'GET' && pathname === mockRoutes.session) return 'refreshSession';
  if (request.method() !== 'POST') return null;
  if (pathname === mockRoutes.phoneLogin || pathname === mockRoutes.emailLogin) return 'requestOtp';
  if (pathname === mockRoutes.phoneConfirm || pathname === mockRoutes.emailConfirm) return 'confirmOtp';
  return null;
}

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
  if (view.step === 'awaitingOtp' || view.step === 'confirming') {
    observed.attempts = view.attempts ?? 0;
    observed.canResend = !view.resendCountdown;
    observed.maskedIdentifier = view.sentTo;
  }
  if (view.step === 'expired') {
    const { expiredOtp, expiredSession } = loginLabels.en;
    observed.expiredReason =
      view.status === expiredOtp ? 'otp' : view.status === expiredSession ? 'session' : null;
  }
  return observed;
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

/**
 * Runs login paths in a demo page in Chromium against the mock server (see packages/testing/DRIVERS.md):
 * - calls are real: each request of the page goes to the mock server at once, with the faults of
 *   `faultsForStep` posted before the step that starts it, and its answer is held until the path
 *   settles the call (so `sending`, `confirming` and `refreshing` stay on screen to be checked);
 * - time is the page's `page.clock` (installed at the path's start, flowing in real time between
 *   steps) and the mock server's `clock`, moved together; a clock jump moves the page's alone;
 * - a reload is `page.reload()`; another tab is a second page of the same context that stores the
 *   session in its `sessionStorage` and announces it on the adapter's `BroadcastChannel`.
 * One browser context per path.
 */
export function createPlaywrightPathDriver(options: PlaywrightPathDriverOptions): LoginPathDriver {
  const { browser, appUrl, apiUrl, clock, stepTimeoutMs = 5_000 } = options;

  let path: LoginPath | undefined;
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
  /** Calls being settled: their retries are answered at once. */
  let released = new Set<PathActorName>();
  let arrivals: Array<() => void> = [];
  let pageErrors: string[] = [];

  const current = () => {
    if (!path || !page || !login || !context) throw new Error('the driver has not started');
    return { path, page, login, context };
  };

  const dev = createMockDevClient(apiUrl);

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
      default:
        return false;
    }
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
      clock.reset(started.startsAt);
      await dev.reset();
      // Minted before any fault is posted, so none of the path's faults meets these requests.
      for (const session of storedSessionsOf(started)) {
        if (!minted.has(session.accessToken)) minted.set(session.accessToken, await mintSessionToken(apiUrl));
      }

      context = await browser.newContext({ viewport: { width: 480, height: 860 } });
      await context.clock.install({ time: started.startsAt });
      page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));
      login = new LoginPage(page, appUrl);

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
        await openBlank(page);
        await page.evaluate(([key, value]) => sessionStorage.setItem(key, value), [
          defaultSessionKey,
          value,
        ] as const);
      }
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
        const differences = compareState(expected, observedState(await login.view()));
        if (!differences.length) return;
        if (Date.now() > deadline) {
          throw new Error(`the page shows ${differences.join('; ')}\npage: ${await describePage()}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },

    async stop() {
      const closing = context;
      path = undefined;
      page = undefined;
      login = undefined;
      context = undefined;
      otherTab = undefined;
      held = [];
      await closing?.close().catch(() => undefined);
    },
  };
}
