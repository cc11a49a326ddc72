import type { LoginMachine, LoginMachineOptions, LoginView } from '@verifik-auth/core';
import { connect, createLoginMachine } from '@verifik-auth/core';
import { createMemo, createSignal, onCleanup, onMount } from 'solid-js';
import { type Actor, type ActorOptions, createActor } from 'xstate';

/** A login machine's actor, as `createActor(createLoginMachine(...))` returns it. */
export type LoginActor = Actor<LoginMachine>;

/**
 * Options of {@link useVerifikLogin} and `VerifikLoginProvider`: machine options, or an `actor` of your
 * own. All but `locale` are read once, when the component is created.
 */
export interface UseVerifikLoginOptions extends LoginMachineOptions {
  /**
   * Bind this actor instead of creating one: it is started once mounted if it was not, and never stopped
   * here. The machine options, `machine` and `snapshot` are then ignored.
   */
  actor?: LoginActor;
  /**
   * Language of `error.message` and field errors: `en` (default) or `es` (`es-CO` works too), once
   * registered with `registerLocale(es)` (`es` from `@verifik-auth/core/locales/es`); English until then.
   * Read reactively: pass a getter (`get locale() { return locale(); }`) or a provider prop to switch it.
   */
  locale?: string;
  /** A ready machine, e.g. `createLoginMachine(...).provide(...)`; the machine options are then ignored. */
  machine?: LoginMachine;
  /** A snapshot from `actor.getPersistedSnapshot()` to resume from, e.g. after a reload. */
  snapshot?: ActorOptions<LoginMachine>['snapshot'];
}

/**
 * The `actor` given (started once mounted), or one of this component's own (started once mounted,
 * stopped on cleanup). Nothing starts on a server, where Solid mounts nothing.
 */
export function createLoginActor(options: UseVerifikLoginOptions): LoginActor {
  const { actor: given, machine, snapshot, locale: _, ...machineOptions } = options;
  const actor = given ?? createActor(machine ?? createLoginMachine(machineOptions), { snapshot });
  onMount(() => actor.start());
  if (!given) onCleanup(() => actor.stop());
  return actor;
}

/**
 * The actor's view as an object of getters, one memo per key: `connect()` keeps unchanged parts'
 * identity, so each memo notifies its readers only when its own value changes, and a component that
 * reads `view.step` re-runs once per step. Subscribed once mounted (a server render reads the first
 * snapshot only).
 */
export function createLoginView(actor: LoginActor, locale: () => string | undefined): LoginView {
  const [snapshot, setSnapshot] = createSignal(actor.getSnapshot(), { equals: false });
  onMount(() => {
    const subscription = actor.subscribe(setSnapshot);
    onCleanup(() => subscription.unsubscribe());
    setSnapshot(actor.getSnapshot());
  });
  const whole = createMemo(() => connect(snapshot(), actor.send, { locale: locale() }));
  const view = {} as LoginView;
  for (const key of Object.keys(whole()) as Array<keyof LoginView>) {
    Object.defineProperty(view, key, { enumerable: true, get: createMemo(() => whole()[key]) });
  }
  return view;
}

/**
 * Runs a login machine for this component (or binds the `actor` given) and returns its view: the step,
 * errors, deadlines and the commands (`sendPhone`, `submitOtp`, `resend`, `cancel`, `logout`, ...).
 * Each property is a reactive getter: read it where it is shown (do not destructure), and only what
 * reads it re-runs when it changes. The commands are stable.
 * @example
 * registerLocale(es); // once, for Spanish: es from '@verifik-auth/core/locales/es'
 * function Login() {
 *   const login = useVerifikLogin({ baseUrl: 'http://127.0.0.1:4010', locale: 'es' });
 *   return (
 *     <Show when={login.step === 'awaitingOtp'} fallback={<button onClick={() => login.sendPhone({ countryCode: '+1', phone: '1234566663' })}>Send</button>}>
 *       <OtpForm onSubmit={login.submitOtp} />
 *     </Show>
 *   );
 * }
 */
export function useVerifikLogin(options: UseVerifikLoginOptions = {}): LoginView {
  return createLoginView(createLoginActor(options), () => options.locale);
}
