import { act, renderHook, waitFor } from '@testing-library/react';
import { createLoginMachine } from '@verifik-auth/core';
import { StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { mockUrl, otp, uniquePhone } from '../test/mock.js';
import { type LoginActor, type UseVerifikLoginOptions, useVerifikLogin } from './use-verifik-login.js';

const newActor = (): LoginActor => createActor(createLoginMachine({ baseUrl: mockUrl() }));

/** Nothing listens on port 9: a login built from these options could never send a code. */
const deadEnd: UseVerifikLoginOptions = { baseUrl: 'http://127.0.0.1:9', machine: undefined };

describe('useVerifikLogin({ actor })', () => {
  it('starts the actor given, ignores the machine options and leaves the actor running on unmount', async () => {
    const actor = newActor();
    const { result, unmount } = renderHook(() => useVerifikLogin({ ...deadEnd, actor }));
    await waitFor(() => expect(result.current.step).toBe('idle'));
    expect(actor.getSnapshot().status).toBe('active');

    act(() => result.current.sendPhone({ countryCode: '+1', phone: uniquePhone() }));
    await waitFor(() => expect(result.current.step).toBe('awaitingOtp'));
    expect(actor.getSnapshot().matches('awaitingOtp')).toBe(true);

    unmount();
    expect(actor.getSnapshot().status).toBe('active');
    act(() => actor.send({ type: 'otp.submit', otp: otp() }));
    await waitFor(() => expect(actor.getSnapshot().matches('authenticated')).toBe(true));
    actor.stop();
  });

  it('binds an actor that already runs, in its current state, and follows a different actor given later', async () => {
    const first = newActor().start();
    await waitFor(() => expect(first.getSnapshot().value).toBe('idle'));
    first.send({ type: 'login.email', email: 'not-an-email' });
    const { result, rerender } = renderHook((actor: LoginActor) => useVerifikLogin({ actor }), {
      initialProps: first,
    });
    expect(result.current.step).toBe('idle');
    expect(result.current.fieldErrors.email?.code).toBe('email_format');

    const second = newActor();
    rerender(second);
    await waitFor(() => expect(second.getSnapshot().status).toBe('active'));
    expect(result.current.fieldErrors.email).toBeUndefined();
    act(() => result.current.sendPhone({ countryCode: '+1', phone: uniquePhone() }));
    await waitFor(() => expect(second.getSnapshot().matches('awaitingOtp')).toBe(true));
    expect(first.getSnapshot().value).toBe('idle');
    first.stop();
    second.stop();
  });

  it("keeps the actor running through StrictMode's double effects", async () => {
    const actor = newActor();
    const { result, unmount } = renderHook(() => useVerifikLogin({ actor }), { wrapper: StrictMode });
    await waitFor(() => expect(result.current.step).toBe('idle'));
    act(() => result.current.sendPhone({ countryCode: '+1', phone: uniquePhone() }));
    await waitFor(() => expect(result.current.step).toBe('awaitingOtp'));
    act(() => result.current.submitOtp(otp()));
    await waitFor(() => expect(result.current.step).toBe('authenticated'));
    unmount();
    expect(actor.getSnapshot().status).toBe('active');
    actor.stop();
  });
});
