import { type LoginView, shallowEqual } from '@verifik-auth/core';
import type { Accessor, JSX } from 'solid-js';
import { createComponent, createContext, createMemo, splitProps, useContext } from 'solid-js';
import type { LoginActor, UseVerifikLoginOptions } from './use-verifik-login.js';
import { createLoginActor, createLoginView } from './use-verifik-login.js';

const LoginContext = createContext<{ actor: LoginActor; view: LoginView }>();

/** Props of {@link VerifikLoginProvider}: machine options, or an `actor` of your own, and the subtree. */
export interface VerifikLoginProviderProps extends UseVerifikLoginOptions {
  /** The components that share this login. */
  children?: JSX.Element;
}

/**
 * Runs one login for a subtree (stopped on cleanup), or shares the `actor` given (started once mounted
 * if it was not, never stopped here). Components below read it with {@link useVerifikLoginContext} or
 * {@link useVerifikLoginSelector}. The `locale` prop is reactive.
 * @example
 * registerLocale(es); // once, for Spanish: es from '@verifik-auth/core/locales/es'
 * <VerifikLoginProvider baseUrl="http://127.0.0.1:4010" locale={locale()}>
 *   <LoginPage />
 * </VerifikLoginProvider>
 */
export function VerifikLoginProvider(props: VerifikLoginProviderProps): JSX.Element {
  // Apart: the machine options are read with a spread, which must not render the children here.
  const [own, options] = splitProps(props, ['children']);
  const actor = createLoginActor(options);
  const value = { actor, view: createLoginView(actor, () => options.locale) };
  // No JSX in the library: plain JavaScript, the same for Solid's browser and server builds.
  return createComponent(LoginContext.Provider, {
    value,
    get children() {
      return own.children;
    },
  });
}

function useLoginContext(hook: string) {
  const value = useContext(LoginContext);
  if (!value) throw new Error(`${hook}() must be called inside a <VerifikLoginProvider>.`);
  return value;
}

/** The actor of the nearest {@link VerifikLoginProvider}, e.g. to persist its snapshot. Throws outside one. */
export function useVerifikLoginActor(): LoginActor {
  return useLoginContext('useVerifikLoginActor').actor;
}

/**
 * The whole view of the nearest {@link VerifikLoginProvider}, as `useVerifikLogin()` returns it: each
 * property a reactive getter. Throws outside a provider.
 * @example
 * const login = useVerifikLoginContext();
 * return <button disabled={login.busy} onClick={() => login.resend()}>Resend</button>;
 */
export function useVerifikLoginContext(): LoginView {
  return useLoginContext('useVerifikLoginContext').view;
}

/**
 * One part of the nearest {@link VerifikLoginProvider}'s view, as an accessor that notifies its readers
 * only when that part changes (compared shallowly, so an object of unchanged fields does not count).
 * Throws outside a provider.
 * @example
 * const codeStep = useVerifikLoginSelector((login) => login.step === 'awaitingOtp');
 * return <Show when={codeStep()}><OtpForm /></Show>;
 */
export function useVerifikLoginSelector<T>(select: (view: LoginView) => T): Accessor<T> {
  const { view } = useLoginContext('useVerifikLoginSelector');
  return createMemo(() => select(view), undefined, { equals: shallowEqual });
}
