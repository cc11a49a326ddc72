import { getContext, hasContext, setContext } from 'svelte';
import { useVerifikLogin, } from './use-verifik-login.svelte.js';
const loginKey = Symbol('verifik-login');
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
export function provideVerifikLogin(options = {}) {
    return setContext(loginKey, useVerifikLogin(options));
}
function contextLogin(name) {
    if (!hasContext(loginKey)) {
        throw new Error(`${name}() found no login: call provideVerifikLogin() in an ancestor component.`);
    }
    return getContext(loginKey);
}
/**
 * The login of the nearest ancestor that called {@link provideVerifikLogin}, as `useVerifikLogin()`
 * returns it. Throws when there is none.
 * @example
 * const login = useVerifikLoginContext();
 * // template: <button disabled={login.busy} onclick={() => login.resend()}>Resend</button>
 */
export function useVerifikLoginContext() {
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
export function useVerifikLoginSelector(select) {
    const login = contextLogin('useVerifikLoginSelector');
    let previous;
    const selected = $derived.by(() => {
        const next = select(login);
        if (!previous || !shallowEqual(previous.value, next))
            previous = { value: next };
        return previous.value;
    });
    return {
        get current() {
            return selected;
        },
    };
}
/** The provided login's actor, e.g. to persist its snapshot. Throws when no ancestor provides a login. */
export function useVerifikLoginActor() {
    return contextLogin('useVerifikLoginActor').actor;
}
function shallowEqual(a, b) {
    if (Object.is(a, b))
        return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
        return false;
    const keys = Object.keys(a);
    return (keys.length === Object.keys(b).length &&
        keys.every((key) => Object.hasOwn(b, key) && Object.is(a[key], b[key])));
}
