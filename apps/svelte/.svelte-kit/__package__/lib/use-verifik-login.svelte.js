import { connect, createLoginMachine, } from '@verifik-auth/core';
import { onMount } from 'svelte';
import { createActor } from 'xstate';
/**
 * Creates the login machine's actor for this component (started on mount, stopped when the component is
 * destroyed), or binds the `actor` given, and returns its view as a read-only reactive object. Each
 * field is a getter of its own `$derived`: it changes only when `connect()` gives a new value for it,
 * so a template reading only `login.step` re-runs once per step, not once per snapshot. Do not
 * destructure the values; the commands (`sendPhone`, `submitOtp`, …) are stable. Call it while a
 * component initialises. A server render creates the actor but never starts it.
 * @example
 * let locale = $state('en');
 * const login = useVerifikLogin({ baseUrl: 'http://127.0.0.1:4010', locale: () => locale });
 * // template: {#if login.step === 'awaitingOtp'}<p>{login.maskedIdentifier}</p>{/if}
 */
export function useVerifikLogin(options = {}) {
    const { actor: given, locale, machine, snapshot, ...machineOptions } = options;
    const actor = given ?? createActor(machine ?? createLoginMachine(machineOptions), snapshot ? { snapshot } : {});
    let current = $state.raw(actor.getSnapshot());
    const view = $derived(connect(current, actor.send, { locale: typeof locale === 'function' ? locale() : locale }));
    onMount(() => {
        const update = () => {
            current = actor.getSnapshot();
        };
        // An errored actor's snapshot is shown too (connect() reads it as the form), never thrown here.
        const subscription = actor.subscribe(update, update);
        actor.start();
        update();
        return () => {
            subscription.unsubscribe();
            if (!given)
                actor.stop();
        };
    });
    const login = { actor };
    for (const key of Object.keys(view)) {
        // Svelte's `$derived` notifies its readers only when the value is a different one.
        const field = $derived(view[key]);
        Object.defineProperty(login, key, { enumerable: true, get: () => field });
    }
    return login;
}
