import type { LoginMachine, LoginMachineOptions, LoginView } from '@verifik-auth/core';
import { connect, createLoginMachine } from '@verifik-auth/core';
import { onMount, untrack } from 'svelte';
import { type Actor, type ActorOptions, createActor } from 'xstate';

/** A running login machine. */
export type LoginActor = Actor<LoginMachine>;

/** The language of labels and messages: a string, or a getter reading `$state`, so a language switch re-renders. */
export type LocaleSource = string | undefined | (() => string | undefined);

/** Options of {@link useVerifikLogin} and `provideVerifikLogin`: machine options, or an `actor` of your own. */
export interface UseVerifikLoginOptions extends LoginMachineOptions {
  /**
   * Bind this actor instead of creating one: it is started on mount if it was not, and never stopped
   * here. The machine options, `machine` and `snapshot` are then ignored.
   */
  actor?: LoginActor;
  /**
   * Language of `error.message` and `fieldErrors` (`en` or `es`); reactive when a getter. Default `en`.
   * `es` needs `registerLocale(es)` first (`es` from `@verifik-auth/core/locales/es`); English until then.
   */
  locale?: LocaleSource;
  /** A ready machine, e.g. `createLoginMachine(...).provide({ actors })`; the other machine options are then ignored. */
  machine?: LoginMachine;
  /** A persisted snapshot (`actor.getPersistedSnapshot()`) to resume from. */
  snapshot?: ActorOptions<LoginMachine>['snapshot'];
}

/** The view of {@link connect} as a read-only reactive object, plus the actor behind it. */
export type VerifikLogin = Readonly<LoginView & { actor: LoginActor }>;

/**
 * Creates the login machine's actor for this component (started on mount, stopped when the component is
 * destroyed), or binds the `actor` given, and returns its view as a read-only reactive object. Each
 * field is a getter of its own `$derived`: it changes only when `connect()` gives a new value for it,
 * so a template reading only `login.step` re-runs once per step, not once per snapshot. Do not
 * destructure the values; the commands (`sendPhone`, `submitOtp`, …) are stable. Call it while a
 * component initialises. A server render creates the actor but never starts it.
 * @example
 * let locale = $state('en');
 * const login = useVerifikLogin({ baseUrl: 'http://127.0.0.1:4010', locale: () => locale });
 * // template: {#if login.step === 'awaitingOtp'}<p>{login.maskedIdentifier}</p>{/if}
 */
export function useVerifikLogin(options: UseVerifikLoginOptions = {}): VerifikLogin {
  const { actor: given, locale, machine, snapshot, ...machineOptions } = options;
  const actor =
    given ?? createActor(machine ?? createLoginMachine(machineOptions), snapshot ? { snapshot } : {});
  let current = $state.raw(actor.getSnapshot());
  const readLocale = typeof locale === 'function' ? locale : () => locale;
  const view = $derived(connect(current, actor.send, { locale: readLocale() }));
  onMount(() => {
    const update = () => {
      current = actor.getSnapshot();
    };
    // An errored actor's snapshot is shown too (connect() reads it as the form), never thrown here.
    const subscription = actor.subscribe(update, update);
    actor.start();
    update();
    return () => {
      subscription.unsubscribe();
      if (!given) actor.stop();
    };
  });
  const login = { actor } as VerifikLogin;
  for (const key of Object.keys(untrack(() => view)) as Array<keyof LoginView>) {
    // Svelte's `$derived` notifies its readers only when the value is a different one.
    const field = $derived(view[key]);
    Object.defineProperty(login, key, { enumerable: true, get: () => field });
  }
  return login;
}
