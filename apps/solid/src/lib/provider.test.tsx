import { fireEvent, render, renderHook, screen, waitFor } from '@solidjs/testing-library';
import { createLoginMachine, loginLabels } from '@verifik-auth/core';
import { createRenderEffect, type JSX } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { LoginDemo } from '../demo/App.js';
import { DemoContext } from '../demo/demo-context.js';
import { mockUrl, otp, uniquePhone } from '../test/mock.js';
import {
  useVerifikLoginActor,
  useVerifikLoginContext,
  useVerifikLoginSelector,
  VerifikLoginProvider,
} from './provider.js';
import type { LoginActor } from './use-verifik-login.js';
import { useVerifikLogin } from './use-verifik-login.js';

describe('useVerifikLoginContext', () => {
  it('throws a clear error outside a provider', () => {
    expect(() => renderHook(() => useVerifikLoginContext())).toThrow(
      'useVerifikLoginContext() must be called inside a <VerifikLoginProvider>.',
    );
    expect(() => renderHook(() => useVerifikLoginSelector((view) => view.step))).toThrow(
      'useVerifikLoginSelector() must be called inside a <VerifikLoginProvider>.',
    );
    expect(() => renderHook(() => useVerifikLoginActor())).toThrow(
      'useVerifikLoginActor() must be called inside a <VerifikLoginProvider>.',
    );
  });

  it('shares one actor with every component below the provider', async () => {
    const wrapper = (props: { children: JSX.Element }) => (
      <VerifikLoginProvider baseUrl={mockUrl()}>{props.children}</VerifikLoginProvider>
    );
    const { result } = renderHook(
      () => ({ view: useVerifikLoginContext(), step: useVerifikLoginSelector((v) => v.step) }),
      { wrapper },
    );
    await waitFor(() => expect(result.step()).toBe('idle'));
    result.view.sendPhone({ countryCode: '+1', phone: uniquePhone() });
    await waitFor(() => expect(result.view.step).toBe('awaitingOtp'));
    expect(result.step()).toBe('awaitingOtp');
  });
});

let grabbed: LoginActor | undefined;
function GrabActor() {
  grabbed = useVerifikLoginActor();
  return null;
}

describe('VerifikLoginProvider', () => {
  it('stops the actor it created on cleanup, abandoning the request in flight', async () => {
    const { unmount } = render(() => (
      <VerifikLoginProvider baseUrl={mockUrl()}>
        <GrabActor />
      </VerifikLoginProvider>
    ));
    const actor = grabbed;
    await waitFor(() => expect(actor?.getSnapshot().value).toBe('idle'));
    actor?.send({ type: 'login.phone', countryCode: '+1', phone: uniquePhone() });
    expect(actor?.getSnapshot().value).toBe('sending');
    unmount();
    expect(actor?.getSnapshot().status).toBe('stopped');
    // A running actor would have its code within a few milliseconds.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(actor?.getSnapshot().value).toBe('sending');
  });

  it('starts a given actor once mounted and leaves it running after cleanup', async () => {
    const actor = createActor(createLoginMachine({ baseUrl: mockUrl() }));
    const { unmount } = render(() => (
      <VerifikLoginProvider actor={actor}>
        <p>child</p>
      </VerifikLoginProvider>
    ));
    expect(screen.getByText('child')).toBeTruthy();
    await waitFor(() => expect(actor.getSnapshot().value).toBe('idle'));
    unmount();
    actor.send({ type: 'login.phone', countryCode: '+1', phone: uniquePhone() });
    await waitFor(() => expect(actor.getSnapshot().matches('awaitingOtp')).toBe(true));
    actor.stop();
  });
});

/** Each read of `step`, by a component that reads nothing else: one entry per re-run. */
const runs = { context: [] as string[], selector: [] as string[], standalone: [] as string[] };

function StepProbes(props: { actor: LoginActor }) {
  const view = useVerifikLoginContext();
  const step = useVerifikLoginSelector((login) => login.step);
  const own = useVerifikLogin({ actor: props.actor });
  createRenderEffect(() => runs.context.push(view.step));
  createRenderEffect(() => runs.selector.push(step()));
  createRenderEffect(() => runs.standalone.push(own.step));
  return <output>{view.step}</output>;
}

describe('the Solid demo', () => {
  it('re-runs what reads only `step` once per step change over the whole phone flow', async () => {
    const actor = createActor(createLoginMachine({ baseUrl: mockUrl() }));
    const snapshots: unknown[] = [];
    actor.subscribe((snapshot) => snapshots.push(snapshot));
    const settings = { locale: 'en' as const, labels: loginLabels.en, api: mockUrl() };
    render(() => (
      <DemoContext.Provider value={settings}>
        <VerifikLoginProvider actor={actor}>
          <LoginDemo onLocaleChange={() => {}} />
          <StepProbes actor={actor} />
        </VerifikLoginProvider>
      </DemoContext.Provider>
    ));

    // Along the way: typing, a field error, a gateway switch, busy flags, countdown ticks. None is a step.
    fireEvent.click(await screen.findByRole('button', { name: 'Send code' }));
    await screen.findByText('This field is required.');
    fireEvent.input(screen.getByRole('textbox', { name: 'Phone number' }), {
      target: { value: uniquePhone() },
    });
    fireEvent.click(screen.getByRole('radio', { name: 'SMS' }));
    fireEvent.click(screen.getByRole('button', { name: 'Send code' }));
    const code = await screen.findByRole('textbox', { name: 'Verification code' });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    fireEvent.input(code, { target: { value: otp() } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    await screen.findByRole('heading', { name: 'Signed in' });

    const steps = ['restoring', 'idle', 'sending', 'awaitingOtp', 'confirming', 'authenticated'];
    expect(runs).toEqual({ context: steps, selector: steps, standalone: steps });
    // Not because there were as few snapshots: the field error and the countdown made more.
    expect(snapshots.length).toBeGreaterThan(steps.length);
    actor.stop();
  });
});
