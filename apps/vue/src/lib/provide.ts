import { type LoginView, shallowEqual } from '@verifik-auth/core';
import { type ComputedRef, computed, type InjectionKey, inject, provide } from 'vue';
import {
  type LoginActor,
  type UseVerifikLoginOptions,
  useVerifikLogin,
  type VerifikLogin,
} from './use-verifik-login.js';

const loginKey: InjectionKey<VerifikLogin> = Symbol('verifik-login');

/**
 * Shares one login with every descendant component and returns it. Takes the options of
 * {@link useVerifikLogin}: the actor is created, started and stopped with this component, or, given as
 * `actor`, started on mount if it was not and never stopped here. Descendants read it with
 * {@link useVerifikLoginContext}, {@link useVerifikLoginSelector} or {@link useVerifikLoginActor}.
 * @example
 * // App.vue
 * const login = provideVerifikLogin({ baseUrl: 'http://127.0.0.1:4010', locale });
 * // OtpForm.vue
 * const login = useVerifikLoginContext();
 */
export function provideVerifikLogin(options: UseVerifikLoginOptions = {}): VerifikLogin {
  const login = useVerifikLogin(options);
  provide(loginKey, login);
  return login;
}

function injectLogin(composable: string): VerifikLogin {
  const login = inject(loginKey, null);
  if (!login) {
    throw new Error(`${composable}() found no login: call provideVerifikLogin() in an ancestor component.`);
  }
  return login;
}

/**
 * The login of the nearest ancestor that called {@link provideVerifikLogin}, as `useVerifikLogin()`
 * returns it. Throws when there is none.
 * @example
 * const login = useVerifikLoginContext();
 * // template: <button :disabled="login.busy" @click="login.resend()">Resend</button>
 */
export function useVerifikLoginContext(): VerifikLogin {
  return injectLogin('useVerifikLoginContext');
}

/**
 * One part of the provided login as a read-only computed ref. It notifies its readers only when the
 * selected value changes, compared shallowly (so a selected object of unchanged fields does not count).
 * Throws when no ancestor provides a login.
 * @example
 * const codeStep = useVerifikLoginSelector((login) => login.step === 'awaitingOtp' || login.step === 'confirming');
 */
export function useVerifikLoginSelector<T>(select: (view: LoginView) => T): ComputedRef<T> {
  const login = injectLogin('useVerifikLoginSelector');
  return computed((previous?: T) => {
    const next = select(login);
    return previous !== undefined && shallowEqual(previous, next) ? previous : next;
  });
}

/** The provided login's actor, e.g. to persist its snapshot. Throws when no ancestor provides a login. */
export function useVerifikLoginActor(): LoginActor {
  return injectLogin('useVerifikLoginActor').actor;
}
