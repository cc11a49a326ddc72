import type { LoginEvent, LoginMachine } from '@verifik-auth/core';
import type { Actor } from 'xstate';
import { pathAuthenticatorSetup } from './cases.js';
import { compareEffects } from './effects.js';
import { expectedStateOf } from './expectation.js';
import type { ExpectedState, LoginPath, PathStep } from './path.types.js';
import { assertObserved, type LoginPathDriver, type ObservedState } from './run-path.js';
import {
  createScriptedLogin,
  type ScriptedLogin,
  type ScriptedLoginOptions,
  typedCodes,
} from './scripted-login.js';

/**
 * How a UI binds to a scripted login: mount a page on the actor, act on it like a user, read back
 * what it shows. Everything else (outcomes, time, other tabs) the scripted login does.
 */
export interface UiBinding {
  /** Renders the UI on `actor` (again after a reload, on the new actor). */
  mount(actor: Actor<LoginMachine>, login: ScriptedLogin): void | Promise<void>;
  /** Removes the UI, before a reload mounts it again and when the path ends. */
  unmount(): void | Promise<void>;
  /**
   * Does what the user does for `event` (type, click). Omit it, or return `false` for an event the
   * UI offers no control for in that state, and the event is sent to the actor as it is.
   */
  send?(event: LoginEvent, step: PathStep): boolean | undefined | Promise<boolean | undefined>;
  /** What the page shows; fields left out are not compared. */
  observe?(expected: ExpectedState): ObservedState | Promise<ObservedState>;
  /** Wraps every change the page must take in (React: `act`; Vue: `await nextTick()` after). */
  act?(work: () => Promise<void>): Promise<void>;
  /** Request body fields the page adds of its own (the demos send the page's `language`). */
  extraBodyFields?: readonly string[];
}

/** How {@link createScriptedDriver} runs paths: on which machine options, clock and UI. */
export interface ScriptedDriverOptions
  extends Pick<ScriptedLoginOptions, 'machine' | 'clock' | 'http' | 'server' | 'otherTabs'> {
  /** Runs the path through a UI; without it, on the actor alone (the core driver). */
  ui?: UiBinding;
  /**
   * Also checks that the actor takes exactly the transitions each step lists (default true).
   * Turn it off for machine options that change which guarded branch runs.
   */
  checkTransitions?: boolean;
}

/**
 * A driver on a {@link ScriptedLogin}: scripted actor outcomes and a simulated clock, the actor's
 * state checked after every step (the full state value, the view, and the transitions taken),
 * and optionally a UI on top.
 * @example
 * const driver = createScriptedDriver({ ui: reactBinding });
 * await runPath(path, driver);
 */
export function createScriptedDriver(options: ScriptedDriverOptions = {}): LoginPathDriver & {
  /** The scripted login of the running path. */
  readonly login: ScriptedLogin;
} {
  const { ui, checkTransitions = true } = options;
  let login: ScriptedLogin | undefined;
  const current = () => {
    if (!login) throw new Error('the driver has not started');
    return login;
  };
  const act = (work: () => void | Promise<void>) =>
    ui?.act ? ui.act(async () => work()) : Promise.resolve(work());

  return {
    get login() {
      return current();
    },
    async start(path: LoginPath) {
      const { machine, clock, http, server, otherTabs } = options;
      login = createScriptedLogin({
        startsAt: path.startsAt,
        ...(otherTabs && { otherTabs }),
        ...(machine && { machine }),
        ...(clock && { clock }),
        ...(http && { http }),
        ...(server && { server }),
      });
      const started = login;
      await act(async () => {
        const actor = started.start();
        await ui?.mount(actor, started);
      });
      started.takeTransitions();
      await started.takeEffects();
    },
    async send(event, step) {
      const running = current();
      const handled = ui?.send ? await ui.send(event, step) : false;
      if (handled !== true) await act(() => running.actor.send(event));
    },
    settle: (actor, outcome) => act(() => current().settle(actor, outcome)),
    advance: (ms) => act(() => current().advance(ms)),
    adjustClock: (ms) => act(() => current().adjustClock(ms)),
    async reload() {
      const running = current();
      await act(async () => {
        await ui?.unmount();
        const actor = running.reload();
        await ui?.mount(actor, running);
      });
    },
    syncStorage: (session) => act(() => current().syncStorage(session)),
    async assertState(expected, step) {
      const running = current();
      // `authenticator` is there on its step only: compared when either side has it.
      assertObserved(expected, {
        authenticator: undefined,
        ...expectedStateOf(running.actor.getSnapshot(), running.now()),
      });
      const taken = running.takeTransitions();
      if (checkTransitions && step) {
        const want = JSON.stringify(step.transitions);
        const got = JSON.stringify(taken);
        if (want !== got) throw new Error(`unexpected transitions: expected ${want}, got ${got}`);
      }
      if (step) {
        const differences = compareEffects(step.effects, await running.takeEffects(step.effects), {
          extraBodyFields: ui?.extraBodyFields ?? [],
        });
        if (differences.length) throw new Error(`unexpected effects: ${differences.join('; ')}`);
      }
      const exposed = await running.exposure();
      // A code as a value of its own (the phone number 1234566663 begins with 123456).
      const leaked = typedCodes.find((code) => new RegExp(`(?<!\\d)${code}(?!\\d)`).test(exposed));
      if (leaked)
        throw new Error(`the code ${leaked} is kept in the context, the storage or the persisted snapshot`);
      // What the authenticator step holds (the code, QR code and key) must go when the step is left.
      const snapshot = running.actor.getSnapshot();
      if (snapshot.context.authenticator !== null && !snapshot.matches('awaitingAuthenticator'))
        throw new Error("the authenticator step's hold (code, QR code, key) outlives the step");
      // The authenticator's QR code and key are the account's secrets, like the code.
      const setup = Object.entries(pathAuthenticatorSetup).find(([, secret]) => exposed.includes(secret));
      if (setup)
        throw new Error(`the ${setup[0]} is kept in the context, the storage or the persisted snapshot`);
      if (ui?.observe) assertObserved(expected, await ui.observe(expected));
    },
    async stop() {
      if (!login) return;
      const running = login;
      login = undefined;
      await act(async () => {
        await ui?.unmount();
        running.stop();
      });
    },
  };
}

/**
 * The core driver: runs a path on the login actor alone, with scripted outcomes and a simulated
 * clock, checking the full state, the view and the transitions after every step.
 * @example
 * it.each(getLoginPaths())('$id: $description', (path) => runPath(path, createCoreDriver()));
 */
export function createCoreDriver(options: Omit<ScriptedDriverOptions, 'ui'> = {}): LoginPathDriver {
  return createScriptedDriver(options);
}
