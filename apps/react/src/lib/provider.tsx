import type { LoginView } from '@verifik-auth/core';
import { createContext, type ReactNode, useContext, useMemo } from 'react';
import {
  type LoginActor,
  type UseVerifikLoginOptions,
  useLoginActor,
  useLoginSelector,
  wholeView,
} from './use-verifik-login.js';

const LoginContext = createContext<{ actor: LoginActor; locale: string | undefined } | null>(null);

/** Props of {@link VerifikLoginProvider}: machine options, or an `actor` of your own, and the subtree. */
export interface VerifikLoginProviderProps extends UseVerifikLoginOptions {
  /** The components that share this login. */
  children?: ReactNode;
}

/**
 * Runs one login for a subtree (stopped on unmount), or shares the `actor` given (started if it was not,
 * never stopped here). Components below read it with {@link useVerifikLoginContext} or, to re-render
 * less, {@link useVerifikLoginSelector}.
 * @example
 * registerLocale(es); // once, for Spanish: es from '@verifik-auth/core/locales/es'
 * <VerifikLoginProvider baseUrl="http://127.0.0.1:4010" locale="es">
 *   <LoginPage />
 * </VerifikLoginProvider>
 */
export function VerifikLoginProvider({ children, ...options }: VerifikLoginProviderProps) {
  const actor = useLoginActor(options);
  const value = useMemo(() => ({ actor, locale: options.locale }), [actor, options.locale]);
  return <LoginContext.Provider value={value}>{children}</LoginContext.Provider>;
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
 * One part of the nearest {@link VerifikLoginProvider}'s view; the component re-renders only when
 * that part changes (compared shallowly). Throws outside a provider.
 * @example
 * const step = useVerifikLoginSelector((login) => login.step);
 */
export function useVerifikLoginSelector<T>(select: (view: LoginView) => T): T {
  const { actor, locale } = useLoginContext('useVerifikLoginSelector');
  return useLoginSelector(actor, select, locale);
}

/**
 * The whole view of the nearest {@link VerifikLoginProvider}, as `useVerifikLogin()` returns it.
 * Throws outside a provider.
 * @example
 * const { step, error, submitOtp } = useVerifikLoginContext();
 */
export function useVerifikLoginContext(): LoginView {
  const { actor, locale } = useLoginContext('useVerifikLoginContext');
  return useLoginSelector(actor, wholeView, locale);
}
