import {
  connect,
  createLoginMachine,
  type LoginMachine,
  type LoginMachineOptions,
  type LoginView,
} from '@verifik-auth/core';
import { useActorRef, useSelector } from '@xstate/vue';
import { type MaybeRefOrGetter, onMounted, shallowReactive, shallowReadonly, toValue, watch } from 'vue';
import type { Actor, ActorOptions } from 'xstate';

/** A running login machine. */
export type LoginActor = Actor<LoginMachine>;

/** The language of labels and messages: a string, a ref or a getter, so a language switch re-renders. */
export type LocaleSource = MaybeRefOrGetter<string | undefined>;

/** Options of {@link useVerifikLogin} and `provideVerifikLogin`: machine options, or an `actor` of your own. */
export interface UseVerifikLoginOptions extends LoginMachineOptions {
  /**
   * Bind this actor instead of creating one: it is started on mount if it was not, and never stopped
   * here. The machine options, `machine` and `snapshot` are then ignored.
   */
  actor?: LoginActor;
  /**
   * Language of `error.message` and `fieldErrors` (`en` or `es`); reactive. Default `en`. `es` needs
   * `registerLocale(es)` first (`es` from `@verifik-auth/core/locales/es`); English until then.
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
 * Each field of the returned object changes only when `connect()` gives a new value for it, so a
 * component reading only `login.step` does not re-render when just the error changes.
 */
function bind(actor: LoginActor, locale: LocaleSource): VerifikLogin {
  const snapshot = useSelector(actor, (current) => current);
  const view = (): LoginView => connect(snapshot.value, actor.send, { locale: toValue(locale) });
  // Vue's setter only triggers when the value differs, and connect() keeps unchanged parts' identity.
  const state = shallowReactive({ ...view(), actor });
  watch(view, (next) => Object.assign(state, next), { flush: 'sync' });
  return shallowReadonly(state) as VerifikLogin;
}

/**
 * Creates the login machine's actor for this component (started on mount, stopped on unmount), or binds
 * the `actor` given, and returns its view as a read-only reactive object. Do not destructure the values
 * (use `toRefs` if you must); the commands (`sendPhone`, `submitOtp`, …) are stable and safe to pass
 * around. Call it inside `setup()`.
 * @example
 * const locale = ref('en');
 * const login = useVerifikLogin({ baseUrl: 'http://127.0.0.1:4010', locale });
 * login.sendPhone({ countryCode: '+1', phone: '1234566663' });
 * // template: <p v-if="login.step === 'awaitingOtp'">{{ login.maskedIdentifier }}</p>
 * // an actor of your own: useVerifikLogin({ actor, locale: () => props.locale })
 */
export function useVerifikLogin(options: UseVerifikLoginOptions = {}): VerifikLogin {
  const { actor: given, locale, machine, snapshot, ...machineOptions } = options;
  if (given) onMounted(() => given.start());
  const actor =
    given ?? useActorRef(machine ?? createLoginMachine(machineOptions), snapshot ? { snapshot } : {});
  return bind(actor, locale);
}
