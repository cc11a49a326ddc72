import { afterNextRender, computed, DestroyRef, inject, type Signal, signal } from '@angular/core';
import type { LoginCommands, LoginMachine, LoginMachineOptions, LoginView } from '@verifik-auth/core';
import { connect, createLoginMachine } from '@verifik-auth/core';
import { type Actor, type ActorOptions, createActor, type Subscription } from 'xstate';

/** A running login machine. */
export type LoginActor = Actor<LoginMachine>;

/** The language of labels and messages: a string, or a signal (any getter), so a language switch re-renders. */
export type LocaleSource = string | undefined | (() => string | undefined);

/** Options of {@link useVerifikLogin} and `provideVerifikLogin`: machine options, or an `actor` of your own. */
export interface UseVerifikLoginOptions extends LoginMachineOptions {
  /**
   * Bind this actor instead of creating one: it is started after the first render if it was not, and
   * never stopped here. The machine options, `machine` and `snapshot` are then ignored.
   */
  actor?: LoginActor;
  /**
   * Language of `error.message` and `fieldErrors` (`en` or `es`); reactive when a signal. Default `en`.
   * `es` needs `registerLocale(es)` first (`es` from `@verifik-auth/core/locales/es`); English until then.
   */
  locale?: LocaleSource;
  /** A ready machine, e.g. `createLoginMachine(...).provide({ actors })`; the other machine options are then ignored. */
  machine?: LoginMachine;
  /** A persisted snapshot (`actor.getPersistedSnapshot()`) to resume from. */
  snapshot?: ActorOptions<LoginMachine>['snapshot'];
}

/** The values of {@link connect}'s view, each a signal of its own. */
export type LoginSignals = {
  readonly [K in Exclude<keyof LoginView, keyof LoginCommands>]: Signal<LoginView[K]>;
};

/** A login as signals: one per value of the view (`login.step()`), its commands, the whole `view` and the actor. */
export type VerifikLogin = LoginSignals &
  Readonly<LoginCommands> & {
    /** The whole view, a new value with each snapshot: for selectors; templates read the fields. */
    readonly view: Signal<LoginView>;
    /** The actor behind it, e.g. to persist its snapshot. */
    readonly actor: LoginActor;
  };

/**
 * Creates the login machine's actor (started after the next render, stopped when the injector that
 * created it is destroyed), or binds the `actor` given, and returns its view as signals. Each value is
 * a `computed` of its own that changes only when `connect()` gives a new value for it, so a template
 * reading only `login.step()` is checked again once per step, not once per snapshot. The commands
 * (`sendPhone`, `submitOtp`, …) are stable. Call it in an injection context (a component's field or
 * constructor, a provider's factory), as `inject()`. On a server nothing starts: `afterNextRender`
 * runs only in a browser, so a server render shows the first snapshot (`restoring`).
 * @example
 * readonly locale = signal('en');
 * readonly login = useVerifikLogin({ baseUrl: 'http://127.0.0.1:4010', locale: this.locale });
 * // template: <p [hidden]="login.step() !== 'awaitingOtp'">{{ login.maskedIdentifier() }}</p>
 */
export function useVerifikLogin(options: UseVerifikLoginOptions = {}): VerifikLogin {
  const { actor: given, locale, machine, snapshot, ...machineOptions } = options;
  const actor =
    given ?? createActor(machine ?? createLoginMachine(machineOptions), snapshot ? { snapshot } : {});
  const current = signal(actor.getSnapshot());
  const readLocale = typeof locale === 'function' ? locale : () => locale;
  const view = computed(() => connect(current(), actor.send, { locale: readLocale() }));
  let subscription: Subscription | undefined;
  afterNextRender(() => {
    const update = () => current.set(actor.getSnapshot());
    // An errored actor's snapshot is shown too (connect() reads it as the form), never thrown here.
    subscription = actor.subscribe({ next: update, error: update });
    actor.start();
    update();
  });
  inject(DestroyRef).onDestroy(() => {
    subscription?.unsubscribe();
    if (!given) actor.stop();
  });
  const login: Record<string, unknown> = { actor, view: view };
  for (const [key, value] of Object.entries(connect(actor.getSnapshot(), actor.send))) {
    // Commands are stable functions; each value gets a `computed`, which notifies only on a new value.
    login[key] = typeof value === 'function' ? value : computed(() => view()[key as keyof LoginView]);
  }
  return login as VerifikLogin;
}
