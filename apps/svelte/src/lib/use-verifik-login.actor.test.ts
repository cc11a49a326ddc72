import { waitFor } from '@testing-library/svelte';
import { createLoginMachine } from '@verifik-auth/core';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { fixedOtp, mockUrl, uniqueEmail, uniquePhone } from '../test/helpers.js';
import { mountLogin } from '../test/mount.js';
import type { LoginActor } from './use-verifik-login.svelte.js';

const newActor = (): LoginActor => createActor(createLoginMachine({ baseUrl: mockUrl() }));

describe('useVerifikLogin({ actor })', () => {
  it('starts the actor given on mount, ignores the machine options and leaves it running when destroyed', async () => {
    const actor = newActor();
    // Nothing listens on port 9: a login built from these options could never send a code.
    const { login, getByTestId, unmount } = mountLogin({ actor, baseUrl: 'http://127.0.0.1:9' });
    expect(login.actor).toBe(actor);
    await waitFor(() => expect(getByTestId('step').textContent).toBe('idle'));
    expect(actor.getSnapshot().status).toBe('active');

    login.sendPhone({ countryCode: '+1', phone: uniquePhone() });
    await waitFor(() => expect(getByTestId('step').textContent).toMatch(/^awaitingOtp/));
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
