import { waitFor } from '@testing-library/dom';
import { createLoginMachine } from '@verifik-auth/core';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { mockUrl, otp, uniquePhone } from '../test/mock.js';
import { runInApp } from '../test/mount.js';
import { type LoginActor, type UseVerifikLoginOptions, useVerifikLogin } from './use-verifik-login.js';

const newActor = (): LoginActor => createActor(createLoginMachine({ baseUrl: mockUrl() }));

/** Nothing listens on port 9: a login built from these options could never send a code. */
const deadEnd: UseVerifikLoginOptions = { baseUrl: 'http://127.0.0.1:9', machine: undefined };

describe('useVerifikLogin({ actor })', () => {
  it('starts the actor given, ignores the machine options and leaves the actor running when destroyed', async () => {
    const actor = newActor();
    const { result, unmount } = await runInApp(() => useVerifikLogin({ ...deadEnd, actor }));
    await waitFor(() => expect(result.step()).toBe('idle'));
    expect(actor.getSnapshot().status).toBe('active');

    result.sendPhone({ countryCode: '+1', phone: uniquePhone() });
    await waitFor(() => expect(result.step()).toBe('awaitingOtp'));
    expect(actor.getSnapshot().matches('awaitingOtp')).toBe(true);

    unmount();
    expect(actor.getSnapshot().status).toBe('active');
    actor.send({ type: 'otp.submit', otp: otp() });
    await waitFor(() => expect(actor.getSnapshot().matches('authenticated')).toBe(true));
    // Unsubscribed when its injector was destroyed: the view no longer follows the actor.
    expect(result.step()).toBe('awaitingOtp');
    actor.stop();
  });

  it('binds an actor that already runs, in its current state', async () => {
    const actor = newActor().start();
    await waitFor(() => expect(actor.getSnapshot().value).toBe('idle'));
    actor.send({ type: 'login.email', email: 'not-an-email' });
    const { result } = await runInApp(() => useVerifikLogin({ actor }));
    expect(result.step()).toBe('idle');
    expect(result.fieldErrors().email?.code).toBe('email_format');
    result.sendPhone({ countryCode: '+1', phone: uniquePhone() });
    expect(result.fieldErrors().email).toBeUndefined();
    await waitFor(() => expect(result.step()).toBe('awaitingOtp'));
    actor.stop();
  });

  it('shows the first snapshot of an actor it has not started yet, and starts it after the first render', async () => {
    const actor = newActor();
    const { result, app } = await runInApp(() => useVerifikLogin({ actor }), [], { stable: false });
    expect(result.step()).toBe('restoring');
    expect(actor.getSnapshot().status).toBe('active');
    app.tick();
    expect(actor.getSnapshot().status).toBe('active');
    expect(result.step()).toBe(actor.getSnapshot().value);
    actor.stop();
  });
});
