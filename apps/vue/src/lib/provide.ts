import { type InjectionKey, inject, onMounted, provide } from 'vue';
import {
  type LocaleSource,
  type LoginActor,
  type UseVerifikLoginOptions,
  useLoginView,
  useVerifikLogin,
  type VerifikLogin,
} from './use-verifik-login.js';

const loginKey: InjectionKey<VerifikLogin> = Symbol('verifik-login');

const isActor = (source: UseVerifikLoginOptions | LoginActor): source is LoginActor =>
  typeof (source as LoginActor).send === 'function' &&
  typeof (source as LoginActor).getSnapshot === 'function';

/**
 * Shares one login with every descendant component. Give it options (the actor is then created, started
 * and stopped with this component) or an actor of your own, with an optional locale: that one is started
 * on mount if it was not yet, and never stopped here.
 * @example
 * // App.vue
 * const login = provideVerifikLogin({ baseUrl: 'http://127.0.0.1:4010', locale });
 * // OtpForm.vue
 * const login = injectVerifikLogin();
 */
export function provideVerifikLogin(
  source: UseVerifikLoginOptions | LoginActor,
  locale?: LocaleSource,
): VerifikLogin {
  const login = isActor(source) ? useLoginView(source, locale) : useVerifikLogin(source);
  if (isActor(source)) onMounted(() => source.start());
  provide(loginKey, login);
  return login;
}

/**
 * The login provided by an ancestor's {@link provideVerifikLogin}. Throws when there is none.
 * @example
 * const { submitOtp } = injectVerifikLogin();
 */
export function injectVerifikLogin(): VerifikLogin {
  const login = inject(loginKey, null);
  if (!login) {
    throw new Error(
      'injectVerifikLogin(): no login was provided. Call provideVerifikLogin() in an ancestor component.',
    );
  }
  return login;
}
