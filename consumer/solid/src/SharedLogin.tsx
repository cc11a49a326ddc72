/**
 * The app creates the actor with its own xstate and hands it to the provider: the types must line up
 * (two xstate copies, or a peer range the app's xstate misses, break this file's type-check).
 */
import { createLoginMachine } from '@verifik-auth/core';
import {
  useVerifikLoginActor,
  useVerifikLoginContext,
  useVerifikLoginSelector,
  VerifikLoginProvider,
} from '@verifik-auth/solid';
import { Show } from 'solid-js';
import { createActor } from 'xstate';

const actor = createActor(createLoginMachine({ baseUrl: 'http://127.0.0.1:4010' }));

function Step() {
  const step = useVerifikLoginSelector((view) => view.step);
  const login = useVerifikLoginContext();
  const persisted = JSON.stringify(useVerifikLoginActor().getPersistedSnapshot()).length;
  return (
    <section data-step={step()} data-persisted={persisted}>
      <button onClick={() => login.sendEmail({ email: 'user@example.com' })}>Send code by email</button>
      <Show when={login.error}>{(error) => <p role="alert">{error().message}</p>}</Show>
    </section>
  );
}

export function SharedLogin() {
  return (
    <VerifikLoginProvider actor={actor} locale="en">
      <Step />
    </VerifikLoginProvider>
  );
}
