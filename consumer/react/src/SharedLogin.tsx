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
} from '@verifik-auth/react';
import { createActor } from 'xstate';

const actor = createActor(createLoginMachine({ baseUrl: 'http://127.0.0.1:4010' }));

function Step() {
  const step = useVerifikLoginSelector((view) => view.step);
  const { error, sendEmail } = useVerifikLoginContext();
  const persisted = useVerifikLoginActor().getPersistedSnapshot();
  return (
    <section data-step={step} data-persisted={JSON.stringify(persisted).length}>
      <button onClick={() => sendEmail({ email: 'user@example.com' })}>Send code by email</button>
      {error && <p role="alert">{error.message}</p>}
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
