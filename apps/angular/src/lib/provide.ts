import { computed, InjectionToken, inject, type Provider, type Signal } from '@angular/core';
import { type LoginView, shallowEqual } from '@verifik-auth/core';
import type { LoginActor, UseVerifikLoginOptions, VerifikLogin } from './use-verifik-login.js';
import { useVerifikLogin } from './use-verifik-login.js';

/** The login that {@link provideVerifikLogin} shares; `inject(VERIFIK_LOGIN)` reads it too. */
export const VERIFIK_LOGIN = new InjectionToken<VerifikLogin>('VERIFIK_LOGIN');

/**
 * Shares one login with a component and everything below it (in its `providers`), or with the whole
 * app (in `bootstrapApplication`'s). Takes the options of {@link useVerifikLogin}, or a function that
 * returns them, called in an injection context (so it may `inject()` a locale signal). The actor is
 * created when first injected and stopped with its injector; an `actor` given is never stopped here.
 * @example
 * @Component({ selector: 'app-login', providers: [provideVerifikLogin({ baseUrl: 'http://127.0.0.1:4010' })], … })
 * // a component below it:
 * readonly login = useVerifikLoginContext();
 */
export function provideVerifikLogin(
  options: UseVerifikLoginOptions | (() => UseVerifikLoginOptions) = {},
): Provider {
  return {
    provide: VERIFIK_LOGIN,
    useFactory: () => useVerifikLogin(typeof options === 'function' ? options() : options),
  };
}

function contextLogin(name: string): VerifikLogin {
  const login = inject(VERIFIK_LOGIN, { optional: true });
  if (login) return login;
  throw new Error(
    `${name}() found no login: add provideVerifikLogin() to an ancestor's providers or the app's.`,
  );
}

/**
 * The login of the nearest {@link provideVerifikLogin}, as `useVerifikLogin()` returns it. Throws when
 * there is none. Call it in an injection context.
 * @example
 * readonly login = useVerifikLoginContext();
 * // template: <button [disabled]="login.busy()" (click)="login.resend()">Resend</button>
 */
export function useVerifikLoginContext(): VerifikLogin {
  return contextLogin('useVerifikLoginContext');
}

/**
 * One part of the provided login, as a signal that notifies its readers only when the selected value
 * changes, compared shallowly (so a selected object of unchanged fields does not count). Throws when
 * no login is provided. Call it in an injection context.
 * @example
 * readonly codeStep = useVerifikLoginSelector((login) => login.step === 'awaitingOtp');
 * // template: <otp-form [hidden]="!codeStep()" />
 */
export function useVerifikLoginSelector<T>(select: (view: LoginView) => T): Signal<T> {
  const login = contextLogin('useVerifikLoginSelector');
  return computed(() => select(login.view()), { equal: shallowEqual });
}

/** The provided login's actor, e.g. to persist its snapshot. Throws when no login is provided. */
export function useVerifikLoginActor(): LoginActor {
  return contextLogin('useVerifikLoginActor').actor;
}
