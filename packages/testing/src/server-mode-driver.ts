import { AsyncLocalStorage } from 'node:async_hooks';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createServerClient,
  type FetchLike,
  type LoginSession,
  type Session,
  type SessionStore,
  serverMode,
} from '@verifik-auth/core';
import { pathInputs, pathSessionTtlMs, pathSignedInElsewhere } from './cases.js';
import type { ApiRequest, LoginPath, StepEffects } from './path.types.js';
import type { PathClock } from './path-clock.js';
import { defaultCallTimeoutMs, recordRequest, type ScriptedServerMode } from './scripted-login.js';
import {
  createServerDriver,
  mockRoutes,
  type OutcomeRealizer,
  type ServerDriverMode,
} from './server-driver.js';

/** The header that tells the handler's recorder whose call a request is: `<run>/<tab>/<n>`. */
export const pathCallHeader = 'x-verifik-path-call';

/** One request the handler received, as {@link createHandlerTraffic} saw it. */
export interface HandlerCall {
  /** The {@link pathCallHeader} it came with (empty without one). */
  id: string;
  /** `GET`, `POST`, `DELETE`. */
  method: string;
  /** The URL's path, e.g. `/auth/verifik/phone-login`. */
  path: string;
  /** The requests the handler made to Verifik for it, retries included, secrets masked. */
  verifik: ApiRequest[];
  /** What its `Set-Cookie` did: set a session cookie, cleared it, or nothing. */
  cookie: 'session' | 'cleared' | null;
  /** The handler has answered. */
  answered: boolean;
}

/** What an `@verifik-auth/server` handler receives and what it asks Verifik, for the server-mode driver. */
export interface HandlerTraffic {
  /** Give it to `createVerifikAuth({ fetch })`: the handler's calls to Verifik go through it, recorded. */
  readonly fetch: FetchLike;
  /** Wraps the handler so that every request it receives is recorded with the Verifik calls it makes. */
  observe<C>(
    handler: (request: Request, context?: C) => Promise<Response>,
  ): (request: Request, context?: C) => Promise<Response>;
  /** Every request received, oldest first. */
  readonly calls: readonly HandlerCall[];
  /** Every token Verifik's answers carried (JWTs): none may reach anything the page can read. */
  readonly tokens: ReadonlySet<string>;
}

const jwtPattern = /eyJ[\w-]+\.[\w-]+\.[\w-]+/g;

/**
 * Records an `@verifik-auth/server` handler's traffic: what it receives (by {@link pathCallHeader})
 * and the requests it makes to Verifik (`verifikBaseUrl`) for each.
 * @example
 * const traffic = createHandlerTraffic({ verifikBaseUrl: mock.url });
 * const auth = createVerifikAuth({ secret, verifikBaseUrl: mock.url, fetch: traffic.fetch });
 * const site = await listenOnLoopback(toNodeHandler(traffic.observe(auth.handler)));
 */
export function createHandlerTraffic(options: { verifikBaseUrl: string }): HandlerTraffic {
  const current = new AsyncLocalStorage<HandlerCall>();
  const calls: HandlerCall[] = [];
  const tokens = new Set<string>();
  return {
    calls,
    tokens,
    async fetch(input, init) {
      const request = new Request(input, init);
      const call = current.getStore();
      if (call) call.verifik.push(await recordRequest(request, options.verifikBaseUrl));
      const response = await globalThis.fetch(request);
      void response
        .clone()
        .text()
        .then((text) => {
          for (const token of text.match(jwtPattern) ?? []) tokens.add(token);
        })
        .catch(() => undefined);
      return response;
    },
    observe(handler) {
      return async (request, context) => {
        const call: HandlerCall = {
          id: request.headers.get(pathCallHeader) ?? '',
          method: request.method,
          path: new URL(request.url).pathname,
          verifik: [],
          cookie: null,
          answered: false,
        };
        calls.push(call);
        const response = await current.run(call, () => handler(request, context));
        for (const line of response.headers.getSetCookie()) {
          const cookie = parseSetCookie(line, 0);
          // The challenge cookie of a sent code is not the session's.
          if (cookie && isChallengeCookie(cookie.name)) continue;
          call.cookie = cookie?.value ? 'session' : 'cleared';
        }
        call.answered = true;
        return response;
      };
    },
  };
}

/**
 * Serves a node:http listener (e.g. `toNodeHandler(handler)`) on 127.0.0.1, on a free port.
 * @example
 * const site = await listenOnLoopback(toNodeHandler(auth.handler));
 * await site.close();
 */
export async function listenOnLoopback(
  listener: (request: IncomingMessage, response: ServerResponse) => unknown,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => void listener(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A `Set-Cookie` line: its name, value and when it ends (device clock `now`), or undefined. */
function parseSetCookie(line: string, now: number) {
  const [pair = '', ...attributes] = line.split(';');
  const eq = pair.indexOf('=');
  if (eq < 1) return undefined;
  let expiresAt = Number.POSITIVE_INFINITY;
  for (const attribute of attributes) {
    const [key = '', value = ''] = attribute.split('=').map((part) => part.trim());
    if (key.toLowerCase() === 'max-age') expiresAt = now + Number(value) * 1000;
  }
  return { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), expiresAt };
}

/** A call the page made to the handler. */
interface BrowserCall {
  id: string;
  tab: 'this' | 'other';
  method: string;
  path: string;
  state: 'pending' | 'answered' | 'aborted' | 'timed out' | 'failed';
  /** The answer set a session cookie. */
  minted: boolean;
}

/** The handler's challenge cookie (`<session cookie name>-challenge`), set by a send. */
const isChallengeCookie = (name: string) => name.endsWith('-challenge');

/**
 * A browser as far as server mode needs one, since Node's fetch has neither: a cookie jar (on the
 * device clock, `Max-Age` honoured) shared by its tabs, and the `Origin` header on POST and DELETE.
 */
function createBrowser(run: string, now: () => number) {
  const jar = new Map<string, { value: string; expiresAt: number }>();
  const calls: BrowserCall[] = [];
  /** Calls abandoned by their caller (not timed out), in order. */
  const aborted: BrowserCall[] = [];
  /** Session cookies the handler set, per tab. */
  const minted = { this: 0, other: 0 };
  /**
   * This tab's answers to calls that wait on Verifik, held until the step that settles them (as the
   * scripted drivers hold theirs): on a loaded machine the answer could otherwise land, its Set-Cookie
   * too, before the step that started the call has been checked.
   */
  let held: Array<{ seq: number; go: () => void }> = [];
  /** Calls numbered up to this one were released (an answer that comes later passes at once). */
  let releasedThrough = 0;
  const release = () => {
    releasedThrough = count;
    const waiting = held;
    held = [];
    for (const { go } of waiting) go();
  };
  /** Resolves once call `seq` is released, or when `signal` aborts (a timeout, an abandoned call). */
  const untilReleased = (seq: number, signal: AbortSignal) =>
    new Promise<void>((resolve) => {
      if (signal.aborted || seq <= releasedThrough) return resolve();
      held.push({ seq, go: resolve });
      signal.addEventListener('abort', () => resolve(), { once: true });
    });
  let count = 0;
  const live = () => {
    for (const [name, cookie] of jar) if (cookie.expiresAt <= now()) jar.delete(name);
    return [...jar];
  };
  const fetchFor =
    (tab: BrowserCall['tab']): FetchLike =>
    async (input, init) => {
      const request = new Request(input, init);
      const url = new URL(request.url);
      const seq = ++count;
      const id = `${run}/${tab}/${seq}`;
      const call: BrowserCall = {
        id,
        tab,
        method: request.method,
        path: url.pathname,
        state: 'pending',
        minted: false,
      };
      calls.push(call);
      const { signal } = request;
      signal.addEventListener(
        'abort',
        () => {
          if (call.state !== 'pending') return;
          call.state =
            (signal.reason as { name?: string } | undefined)?.name === 'DeadlineError'
              ? 'timed out'
              : 'aborted';
          if (call.state === 'aborted') aborted.push(call);
        },
        { once: true },
      );
      const headers = new Headers(request.headers);
      headers.set(pathCallHeader, id);
      const cookies = live().map(([name, cookie]) => `${name}=${cookie.value}`);
      if (cookies.length) headers.set('cookie', cookies.join('; '));
      if (request.method !== 'GET' && request.method !== 'HEAD') headers.set('origin', url.origin);
      try {
        const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.text();
        const response = await globalThis.fetch(url, {
          method: request.method,
          headers,
          ...(body !== undefined && { body }),
          redirect: request.redirect,
          signal,
        });
        // The login and refresh routes wait on Verifik; the session's own routes answer at once.
        if (tab === 'this' && !url.pathname.endsWith('/session')) {
          await untilReleased(seq, signal);
          signal.throwIfAborted();
        }
        for (const line of response.headers.getSetCookie()) {
          const cookie = parseSetCookie(line, now());
          if (!cookie) continue;
          if (cookie.value === '' || cookie.expiresAt <= now()) jar.delete(cookie.name);
          else {
            jar.set(cookie.name, cookie);
            call.minted = true;
            minted[tab] += 1;
          }
        }
        if (call.state === 'pending') call.state = 'answered';
        return response;
      } catch (error) {
        if (call.state === 'pending') call.state = 'failed';
        throw error;
      }
    };
  return {
    calls,
    aborted,
    minted,
    fetchFor,
    /** Whether the jar holds a session cookie (the challenge cookie of a sent code aside). */
    holdsSession: () => live().some(([name]) => !isChallengeCookie(name)),
    release,
  };
}

/** The Verifik request each handler route stands for, as the catalogue names an abandoned one. */
const verifikNameOf: Record<string, string> = {
  'POST /phone-login': `POST ${mockRoutes.phoneLogin}`,
  'POST /phone-login/confirm': `POST ${mockRoutes.phoneConfirm}`,
  'POST /email-login': `POST ${mockRoutes.emailLogin}`,
  'POST /email-login/confirm': `POST ${mockRoutes.emailConfirm}`,
  'POST /session/refresh': `GET ${mockRoutes.session}`,
  'POST /session/revoke-others': `POST ${mockRoutes.renewAndRevoke}`,
};

/** The moment (true time) each step of `path` happens at, before its action. */
function stepTimes(path: LoginPath): number[] {
  let at = path.startsAt;
  return path.steps.map(({ action }) => {
    const before = at;
    if (action.type === 'advance') at += action.ms;
    return before;
  });
}

/**
 * Why server mode cannot act out `path` as the catalogue writes it, or `undefined` when it can:
 * - reading the session fails: server mode's store answers "signed out" for a failing `GET /session`
 *   (it never rejects), so `restoring` ends in `idle` through another transition;
 * - a stored session that has expired: the cookie's `Max-Age` ends with the token, so a browser no
 *   longer holds it, and the handler takes an expired seal as signed out: `restoring` ends in `idle`,
 *   never in `expired`;
 * - another tab stores a session that has expired: in server mode a tab tells others of a login it
 *   made through the handler, which never seals a dead token into the shared cookie.
 */
export function serverModeCannotDrive(path: LoginPath): string | undefined {
  const times = stepTimes(path);
  for (const [index, { action }] of path.steps.entries()) {
    const at = times[index] as number;
    if (action.type === 'settle' && action.actor === 'loadSession') {
      if (action.outcome.status === 'error')
        return 'reading the session fails: server mode reads it with GET /session and takes a failure as "signed out" (its store never rejects), so restoring ends in idle through onDone, not the onError transition the path takes';
      const stored = action.outcome.output as Session | null;
      if (stored && stored.expiresAt <= at)
        return 'an expired stored session: the cookie ends with the token (Max-Age), so the browser no longer holds it and the handler takes an expired seal as signed out; restoring ends in idle, never in expired';
    }
    if (action.type === 'syncStorage' && action.session && action.session.expiresAt <= at)
      return 'another tab stores an expired session: in server mode another tab can only share a login it made through the handler, which never seals a dead token into the shared cookie';
  }
  return undefined;
}

/** How {@link createServerModeDriver} finds the mock server, the handler and its traffic. */
export interface ServerModeDriverOptions {
  /** The mock server: the handler's `verifikBaseUrl`, started with `pathMockOptions` and `now: clock.serverNow`. */
  verifikBaseUrl: string;
  /** Where the handler's routes are, e.g. `http://127.0.0.1:4321/auth/verifik`. */
  handlerUrl: string;
  /** The handler's traffic: it was made with `fetch: traffic.fetch` and serves `traffic.observe(handler)`. */
  traffic: HandlerTraffic;
  /** The clock the mock server and the handler read (`now: clock.serverNow`). */
  clock: PathClock;
  /** The page's per-call deadline, ms; a `timeout` outcome is an answer delayed past it. Default 1 500. */
  timeoutMs?: number;
  /** Also check the transitions each step takes (default true). */
  checkTransitions?: boolean;
  /** How the mock is made to end a call with a step's outcome (default `faultFor`). */
  realize?: OutcomeRealizer;
}

let runs = 0;

/** Waits (a few ms at a time) for `ready`, at most `ms`. */
async function until(ready: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; !ready(); ) {
    if (Date.now() > end) return false;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return true;
}

/** Server mode for one path: a fresh browser (cookie jar, this tab and another), the page's client and store. */
function createServerModeRun(options: ServerModeDriverOptions) {
  const { clock, traffic, handlerUrl } = options;
  const run = `run${++runs}`;
  const browser = createBrowser(run, () => clock.now());
  const { client, sessionStore } = serverMode({
    baseUrl: handlerUrl,
    fetch: browser.fetchFor('this'),
    now: () => clock.now(),
    timeout: options.timeoutMs ?? defaultCallTimeoutMs,
  });
  // Another tab of the same browser: the same cookie jar, the same channel name as core's store.
  const otherTab = createServerClient({
    baseUrl: handlerUrl,
    fetch: browser.fetchFor('other'),
    now: () => clock.now(),
  });
  const channel = new BroadcastChannel(`verifik-auth:server:${handlerUrl}`);
  (channel as { unref?: () => void }).unref?.();
  const heardByOthers: unknown[] = [];
  channel.onmessage = (message: MessageEvent) => void heardByOthers.push(message.data);

  /** This tab's store calls since the last check; `heard` counts other tabs' messages it took in. */
  let storeCalls: Array<{ type: 'save' | 'clear'; session: LoginSession | null; backed?: boolean }> = [];
  /** How many of this tab's session cookies a save has been shown by. */
  let mintedUsed = 0;
  let heard = 0;
  const store: SessionStore = {
    load: () => sessionStore.load(),
    save: (session) => {
      // Backed by a session cookie the handler set for this tab since the last save.
      storeCalls.push({ type: 'save', session, backed: browser.minted.this > mintedUsed });
      mintedUsed = browser.minted.this;
      return sessionStore.save(session);
    },
    clear: () => {
      storeCalls.push({ type: 'clear', session: null });
      return sessionStore.clear();
    },
    watch: (listener) =>
      sessionStore.watch((session) => {
        heard += 1;
        listener(session);
      }),
  };

  let seenCalls = 0;
  let seenHandlerCalls = traffic.calls.length;
  const handlerCallOf = (id: string) => traffic.calls.find((call) => call.id === id);

  /** Logs in through the handler as another tab of this browser would (by email, its own address). */
  async function logInElsewhere(email: string) {
    await otherTab.requestEmailOtp({ email });
    return otherTab.confirmEmailOtp({ email, otp: pathInputs.rightOtp });
  }

  const server: ScriptedServerMode = {
    client,
    sessionStore: store,
    async takeEffects(expected?: StepEffects) {
      const want = expected?.requests.length ?? 0;
      const wantClear = expected?.storageWrites.includes('clear') ?? false;
      const fresh = () => browser.calls.slice(seenCalls).filter((call) => call.tab === 'this');
      const deletes = () => fresh().filter((call) => call.method === 'DELETE' && handlerCallOf(call.id));
      const recorded = () => fresh().filter((call) => handlerCallOf(call.id)?.verifik.length).length;
      // Quiet: every call of this tab has been answered or ended, or waits on Verifik (a held answer).
      const quiet = () =>
        fresh().every(
          (call) => call.state !== 'pending' || (handlerCallOf(call.id)?.verifik.length ?? 0) > 0,
        );
      await until(() => quiet() && recorded() >= want && (!wantClear || deletes().length > 0), 3_000);
      await new Promise((resolve) => setTimeout(resolve, 0));
      const calls = fresh();
      seenCalls = browser.calls.length;
      // The Verifik requests, as the handler made them; a call's retries are the same call.
      const requests = calls.flatMap((call) => handlerCallOf(call.id)?.verifik.slice(0, 1) ?? []);
      const aborted = browser.aborted
        .splice(0)
        .filter((call) => call.tab === 'this')
        .map((call) => {
          const route = `${call.method} ${call.path.slice(new URL(handlerUrl).pathname.replace(/\/$/, '').length)}`;
          return verifikNameOf[route] ?? `${call.method} ${call.path} (the handler's)`;
        });
      // Storage writes, server mode's way: the store's save and clear, each shown to have happened on
      // the handler. Consecutive saves are one (the refresh actor and the machine both save).
      const writes: string[] = [];
      let cleared = calls.filter((call) => call.method === 'DELETE' && handlerCallOf(call.id)).length;
      for (const [index, call] of storeCalls.entries()) {
        if (call.type === 'save' && storeCalls[index - 1]?.type === 'save') continue;
        if (call.type === 'save') {
          writes.push(call.backed ? 'save' : 'save (but the handler set no session cookie)');
        } else {
          writes.push(cleared > 0 ? 'clear' : 'clear (but no DELETE /session reached the handler)');
          cleared = Math.max(0, cleared - 1);
        }
      }
      for (const { session } of storeCalls) {
        if (session && (!('heldBy' in session) || 'accessToken' in session))
          writes.push('save of a session with a token');
      }
      storeCalls = [];
      // Calls the handler received without our header, or from a tab of ours it was not told of.
      const strays = traffic.calls
        .slice(seenHandlerCalls)
        .filter(
          (call) => call.id.startsWith(`${run}/`) && !browser.calls.some((made) => made.id === call.id),
        );
      seenHandlerCalls = traffic.calls.length;
      if (strays.length) writes.push(`stray handler calls: ${strays.map((call) => call.path).join(', ')}`);
      return {
        requests,
        aborted,
        storageWrites: writes as StepEffects['storageWrites'],
        stored: browser.holdsSession() ? 'session' : 'nothing',
      };
    },
    async syncStorage(session) {
      const before = heard;
      if (session === null) {
        await otherTab.logout();
        channel.postMessage({ session: null });
      } else {
        if (session.expiresAt <= clock.now()) throw new Error(serverModeCannotDrive.name);
        channel.postMessage({ session: await logInElsewhere(pathSignedInElsewhere.otherTab) });
      }
      if (!(await until(() => heard > before, 2_000))) throw new Error('this tab never heard the other tab');
    },
    exposure: async () => JSON.stringify(heardByOthers),
    secrets: () => [...traffic.tokens],
    release: () => browser.release(),
  };

  return {
    server,
    /** Puts a real cookie for `session` in the browser: a login through the handler, timed so its token ends when `session` does. */
    async mint(session: Session, startsAt: number) {
      clock.reset(session.expiresAt - pathSessionTtlMs);
      await logInElsewhere(pathSignedInElsewhere.stored);
      clock.reset(startsAt);
      seenCalls = browser.calls.length;
      seenHandlerCalls = traffic.calls.length;
    },
    close: () => channel.close(),
  };
}

/**
 * A driver that replays paths in server mode: the machine with core's `serverMode` client and store,
 * calling a real `@verifik-auth/server` handler over HTTP (through a cookie jar with `Origin`, as a
 * browser would), which calls the mock server; faults are injected on the mock as the server driver
 * does. See DRIVERS.md for how each expectation reads in server mode, and
 * {@link serverModeCannotDrive} for the paths it cannot act out.
 * @example
 * const traffic = createHandlerTraffic({ verifikBaseUrl: mock.url });
 * const auth = createVerifikAuth({ secret, verifikBaseUrl: mock.url, fetch: traffic.fetch, now: clock.serverNow });
 * const site = await listenOnLoopback(toNodeHandler(traffic.observe(auth.handler)));
 * await runPath(path, createServerModeDriver({ verifikBaseUrl: mock.url, handlerUrl: `${site.url}/auth/verifik`, traffic, clock }));
 */
export function createServerModeDriver(
  options: ServerModeDriverOptions,
): ReturnType<typeof createServerDriver> {
  let current: ReturnType<typeof createServerModeRun> | undefined;
  const mode: ServerDriverMode = {
    async start(path) {
      const reason = serverModeCannotDrive(path);
      if (reason) throw new Error(`server mode cannot drive ${path.id}: ${reason}`);
      current = createServerModeRun(options);
      const first = path.steps.find(
        (step) => step.action.type === 'settle' && step.action.actor === 'loadSession',
      )?.action;
      if (first?.type === 'settle' && first.outcome.status === 'done' && first.outcome.output)
        await current.mint(first.outcome.output as Session, path.startsAt);
      return { server: current.server };
    },
    stop: () => current?.close(),
  };
  return createServerDriver({
    baseUrl: options.verifikBaseUrl,
    clock: options.clock,
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
    ...(options.checkTransitions !== undefined && { checkTransitions: options.checkTransitions }),
    ...(options.realize && { realize: options.realize }),
    mode,
  });
}
