import type { LoginMachine, LoginMachineOptions, LoginSnapshot, LoginView } from '@verifik-auth/core';
import { connect, createLoginMachine } from '@verifik-auth/core';
import { shallowEqual, useActorRef, useSelector } from '@xstate/react';
import { useEffect, useState } from 'react';
import type { Actor, ActorOptions } from 'xstate';

/** A login machine's actor, as `createActor(createLoginMachine(...))` returns it. */
export type LoginActor = Actor<LoginMachine>;

/**
 * Options of {@link useVerifikLogin} and `VerifikLoginProvider`: machine options, or an `actor` of your
 * own. All but `locale` (and which `actor`) are read once, on mount.
 */
export interface UseVerifikLoginOptions extends LoginMachineOptions {
  /**
   * Bind this actor instead of creating one: it is started after mount if it was not, and never stopped
   * here. The machine options, `machine` and `snapshot` are then ignored. Whether one is given is read on
   * mount; a different actor given later is bound in its place.
   */
  actor?: LoginActor;
  /**
   * Language of `error.message` and field errors: `en` (default) or `es` (`es-CO` works too), once
   * registered with `registerLocale(es)` (`es` from `@verifik-auth/core/locales/es`); English until then.
   */
  locale?: string;
  /** A ready machine, e.g. `createLoginMachine(...).provide(...)`; the machine options are then ignored. */
  machine?: LoginMachine;
  /** A snapshot from `actor.getPersistedSnapshot()` to resume from, e.g. after a reload. */
  snapshot?: ActorOptions<LoginMachine>['snapshot'];
}

/** The `actor` given, or one created once and run while the component is mounted. */
export function useLoginActor(options: UseVerifikLoginOptions): LoginActor {
  const [given] = useState(() => options.actor);
  // biome-ignore lint/correctness/useHookAtTopLevel: `given` is fixed on mount, so every render calls the same hooks.
  return given ? useStartedActor(options.actor ?? given) : useOwnActor(options);
}

/** Starts the caller's actor after mount (a no-op when it runs already); the caller stops it. */
function useStartedActor(actor: LoginActor): LoginActor {
  useEffect(() => void actor.start(), [actor]);
  return actor;
}

function useOwnActor({ machine, snapshot, ...options }: UseVerifikLoginOptions): LoginActor {
  const [logic] = useState(() => machine ?? createLoginMachine(options));
  return useActorRef(logic, { snapshot });
}

/**
 * Reads `select(view)` from an actor and re-renders only when the selected value changes, compared
 * shallowly: `connect()` keeps unchanged parts' identity, and its commands are stable per actor.
 */
export function useLoginSelector<T>(actor: LoginActor, select: (view: LoginView) => T, locale?: string): T {
  return useSelector(
    actor,
    (snapshot: LoginSnapshot) => select(connect(snapshot, actor.send, { locale })),
    shallowEqual,
  );
}

/** The selector that keeps the whole view. */
export const wholeView = (view: LoginView): LoginView => view;

/**
 * Runs a login machine for this component (or binds the `actor` given) and returns its view: the step,
 * errors, deadlines and the commands (`sendPhone`, `submitOtp`, `resend`, `cancel`, `logout`, ...).
 * Re-renders only when a value in the view changes.
 * @example
 * registerLocale(es); // once, for Spanish: es from '@verifik-auth/core/locales/es'
 * function Login() {
 *   const login = useVerifikLogin({ baseUrl: 'http://127.0.0.1:4010', locale: 'es' });
 *   if (login.step === 'awaitingOtp') return <OtpForm onSubmit={login.submitOtp} />;
 *   return <button onClick={() => login.sendPhone({ countryCode: '+1', phone: '1234566663' })}>Send</button>;
 * }
 */
export function useVerifikLogin(options: UseVerifikLoginOptions = {}): LoginView {
  return useLoginSelector(useLoginActor(options), wholeView, options.locale);
}
