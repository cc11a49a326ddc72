import type { LoginView } from '@verifik-auth/core';
import { type LoginActor, type UseVerifikLoginOptions, type VerifikLogin } from './use-verifik-login.svelte.js';
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
export declare function provideVerifikLogin(options?: UseVerifikLoginOptions): VerifikLogin;
/**
 * The login of the nearest ancestor that called {@link provideVerifikLogin}, as `useVerifikLogin()`
 * returns it. Throws when there is none.
 * @example
 * const login = useVerifikLoginContext();
 * // template: <button disabled={login.busy} onclick={() => login.resend()}>Resend</button>
 */
export declare function useVerifikLoginContext(): VerifikLogin;
/**
 * One part of the provided login, read as `.current`. It notifies its readers only when the selected
 * value changes, compared shallowly (so a selected object of unchanged fields does not count).
 * Throws when no ancestor provides a login.
 * @example
 * const codeStep = useVerifikLoginSelector((login) => login.step === 'awaitingOtp' || login.step === 'confirming');
 * // template: {#if codeStep.current}…{/if}
 */
export declare function useVerifikLoginSelector<T>(select: (view: LoginView) => T): Current<T>;
/** The provided login's actor, e.g. to persist its snapshot. Throws when no ancestor provides a login. */
export declare function useVerifikLoginActor(): LoginActor;
//# sourceMappingURL=provide.svelte.d.ts.map