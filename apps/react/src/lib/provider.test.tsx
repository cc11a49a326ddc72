import { act, fireEvent, render, renderHook, screen, waitFor } from '@testing-library/react';
import { createLoginMachine, type Locale, loginLabels } from '@verifik-auth/core';
import { Profiler, type ReactNode } from 'react';
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

describe('useVerifikLoginContext', () => {
  it('throws a clear error outside a provider', () => {
    expect(() => renderHook(() => useVerifikLoginContext())).toThrow(
      'useVerifikLoginContext() must be called inside a <VerifikLoginProvider>.',
    );
    expect(() => renderHook(() => useVerifikLoginSelector((view) => view.step))).toThrow(
      'useVerifikLoginSelector() must be called inside a <VerifikLoginProvider>.',
    );
  });

  it('shares one actor with every component below the provider', async () => {
    const wrapper = ({ children }: { children: ReactNode }) => (
      <VerifikLoginProvider baseUrl={mockUrl()}>{children}</VerifikLoginProvider>
    );
    const { result } = renderHook(
      () => ({ view: useVerifikLoginContext(), step: useVerifikLoginSelector((v) => v.step) }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.step).toBe('idle'));
    act(() => result.current.view.sendPhone({ countryCode: '+1', phone: uniquePhone() }));
    await waitFor(() => expect(result.current.view.step).toBe('awaitingOtp'));
    expect(result.current.step).toBe('awaitingOtp');
  });
});

let grabbed: LoginActor | undefined;
function GrabActor() {
  grabbed = useVerifikLoginActor();
  return null;
}

describe('VerifikLoginProvider', () => {
  it('stops the actor it created when it unmounts, abandoning the request in flight', async () => {
    const { unmount } = render(
      <VerifikLoginProvider baseUrl={mockUrl()}>
        <GrabActor />
      </VerifikLoginProvider>,
    );
    const actor = grabbed;
    await waitFor(() => expect(actor?.getSnapshot().value).toBe('idle'));
    act(() => actor?.send({ type: 'login.phone', countryCode: '+1', phone: uniquePhone() }));
    expect(actor?.getSnapshot().value).toBe('sending');
    unmount();
    // A running actor would have its code within a few milliseconds.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(actor?.getSnapshot().value).toBe('sending');
  });

  it('starts a given actor and leaves it running after unmount', async () => {
    const actor = createActor(createLoginMachine({ baseUrl: mockUrl() }));
    const { unmount } = render(
      <VerifikLoginProvider actor={actor}>
        <p>child</p>
      </VerifikLoginProvider>,
    );
    await waitFor(() => expect(actor.getSnapshot().value).toBe('idle'));
    unmount();
    act(() => actor.send({ type: 'login.phone', countryCode: '+1', phone: uniquePhone() }));
    await waitFor(() => expect(actor.getSnapshot().matches('awaitingOtp')).toBe(true));
    actor.stop();
  });
});

const probe = { steps: [] as string[], commits: 0 };

/** Reads nothing but `step`, and records every render. */
function StepProbe() {
  const step = useVerifikLoginSelector((view) => view.step);
  probe.steps.push(step);
  return <output>{step}</output>;
}

describe('the React demo', () => {
  it('renders a component that reads only `step` once per step change over the whole phone flow', async () => {
    const actor = createActor(createLoginMachine({ baseUrl: mockUrl() }));
    const settings = { locale: 'en' as Locale, labels: loginLabels.en, api: mockUrl() };
    render(
      <DemoContext.Provider value={settings}>
        <VerifikLoginProvider actor={actor}>
          <LoginDemo onLocaleChange={() => {}} />
          <Profiler id="probe" onRender={() => probe.commits++}>
            <StepProbe />
          </Profiler>
        </VerifikLoginProvider>
      </DemoContext.Provider>,
    );

    // Along the way: typing, a field error, a gateway switch, busy flags, countdown ticks. None is a step.
    fireEvent.click(await screen.findByRole('button', { name: 'Send code' }));
    await screen.findByText('This field is required.');
    fireEvent.change(screen.getByRole('textbox', { name: 'Phone number' }), {
      target: { value: uniquePhone() },
    });
    fireEvent.click(screen.getByRole('radio', { name: 'SMS' }));
    fireEvent.click(screen.getByRole('button', { name: 'Send code' }));
    const code = await screen.findByRole('textbox', { name: 'Verification code' });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    fireEvent.change(code, { target: { value: otp() } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    await screen.findByRole('heading', { name: 'Signed in' });

    expect(probe.steps).toEqual([
      'restoring',
      'idle',
      'sending',
      'awaitingOtp',
      'confirming',
      'authenticated',
    ]);
    expect(probe.commits).toBe(6);
    actor.stop();
  });
});
