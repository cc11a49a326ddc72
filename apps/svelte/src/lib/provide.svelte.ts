import { type LoginView, shallowEqual } from '@verifik-auth/core';
import { getContext, setContext } from 'svelte';
import type { LoginActor, UseVerifikLoginOptions, VerifikLogin } from './use-verifik-login.svelte.js';
import { useVerifikLogin } from './use-verifik-login.svelte.js';

const loginKey = Symbol('verifik-login');

/** A reactive value read through `current`, as `svelte/reactivity`'s boxes are. */
export interface Current<T> {
  /** The value now; reading it in a template or `$derived` follows its changes. */
  readonly current: T;
}

/**
 * Shares one login with every descendant component and returns it. Takes the options of
 * {@link useVerifikLogin}: the actor is created, started and stopped with this component, or, given as
 * `actor`, started on mount if it was not and never stopped here. Descendants read it with
 * {@link useVerifikLoginContext}, {@link useVerifikLoginSelector} or {@link useVerifikLoginActor}.
 * @example
 * // App.svelte
 * const login = provideVerifikLogin({ baseUrl: 'http://127.0.0.1:4010', locale: () => locale });
 * // OtpForm.svelte
 * const login = useVerifikLoginContext();
 */
export function provideVerifikLogin(options: UseVerifikLoginOptions = {}): VerifikLogin {
  return setContext(loginKey, useVerifikLogin(options));
}

function contextLogin(name: string): VerifikLogin {
  const login = getContext<VerifikLogin | undefined>(loginKey);
  if (login) return login;
  throw new Error(`${name}() found no login: call provideVerifikLogin() in an ancestor component.`);
}

/**
 * The login of the nearest ancestor that called {@link provideVerifikLogin}, as `useVerifikLogin()`
 * returns it. Throws when there is none.
 * @example
 * const login = useVerifikLoginContext();
 * // template: <button disabled={login.busy} onclick={() => login.resend()}>Resend</button>
 */
export function useVerifikLoginContext(): VerifikLogin {
  return contextLogin('useVerifikLoginContext');
}

/**
 * One part of the provided login, read as `.current`. It notifies its readers only when the selected
 * value changes, compared shallowly (so a selected object of unchanged fields does not count).
 * Throws when no ancestor provides a login.
 * @example
 * const codeStep = useVerifikLoginSelector((login) => login.step === 'awaitingOtp' || login.step === 'confirming');
 * // template: {#if codeStep.current}…{/if}
 */
export function useVerifikLoginSelector<T>(select: (view: LoginView) => T): Current<T> {
  const login = contextLogin('useVerifikLoginSelector');
  let previous: { value: T } | undefined;
  const selected = $derived.by(() => {
    const next = select(login);
    if (!previous || !shallowEqual(previous.value, next)) previous = { value: next };
    return previous.value;
  });
  return current(() => selected);
}

/** The provided login's actor, e.g. to persist its snapshot. Throws when no ancestor provides a login. */
export function useVerifikLoginActor(): LoginActor {
  return contextLogin('useVerifikLoginActor').actor;
}

/** A {@link Current} that reads `read()`: the reactive value behind it stays private. */
export function current<T>(read: () => T): Current<T> {
  return {
    get current() {
      return read();
    },
  };
}
