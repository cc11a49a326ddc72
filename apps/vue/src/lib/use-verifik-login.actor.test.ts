import { render, waitFor } from '@testing-library/vue';
import { createLoginMachine } from '@verifik-auth/core';
import { describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { createActor } from 'xstate';
import { fixedOtp, mockUrl, uniqueEmail, uniquePhone } from '../test/helpers.js';
import {
  type LoginActor,
  type UseVerifikLoginOptions,
  useVerifikLogin,
  type VerifikLogin,
} from './use-verifik-login.js';

const newActor = (): LoginActor => createActor(createLoginMachine({ baseUrl: mockUrl() }));

/** Mounts a component that binds `options` and renders the step and the error code. */
function mountLogin(options: UseVerifikLoginOptions) {
  let login: VerifikLogin | undefined;
  const Harness = defineComponent({
    setup() {
      login = useVerifikLogin(options);
      return () => h('p', { 'data-testid': 'step' }, `${login?.step} ${login?.error?.code ?? ''}`.trim());
    },
  });
  const utils = render(Harness);
  if (!login) throw new Error('not mounted');
  return { login, ...utils };
}

describe('useVerifikLogin({ actor })', () => {
  it('starts the actor given on mount, ignores the machine options and leaves it running on unmount', async () => {
    const actor = newActor();
    // Nothing listens on port 9: a login built from these options could never send a code.
    const { login, getByTestId, unmount } = mountLogin({ actor, baseUrl: 'http://127.0.0.1:9' });
    expect(login.actor).toBe(actor);
    await waitFor(() => expect(getByTestId('step').textContent).toBe('idle'));
    expect(actor.getSnapshot().status).toBe('active');

    login.sendPhone({ countryCode: '+1', phone: uniquePhone() });
    await waitFor(() => expect(getByTestId('step').textContent).toBe('awaitingOtp'));
    expect(actor.getSnapshot().matches('awaitingOtp')).toBe(true);

    unmount();
    expect(actor.getSnapshot().status).toBe('active');
    actor.send({ type: 'otp.submit', otp: fixedOtp() });
    await waitFor(() => expect(actor.getSnapshot().matches('authenticated')).toBe(true));
    actor.stop();
  });

  it('binds an actor that already runs, in its current state, and sends its commands to it', async () => {
    const actor = newActor().start();
    await waitFor(() => expect(actor.getSnapshot().value).toBe('idle'));
    actor.send({ type: 'login.email', email: 'not-an-email' });
    const { login } = mountLogin({ actor });
    expect(login.step).toBe('idle');
    expect(login.fieldErrors.email?.code).toBe('email_format');

    login.sendEmail({ email: uniqueEmail() });
    await waitFor(() => expect(actor.getSnapshot().matches('awaitingOtp')).toBe(true));
    expect(login.step).toBe('awaitingOtp');
    actor.stop();
  });
});
