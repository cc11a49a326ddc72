import { act, renderHook, waitFor } from '@testing-library/react';
import { createLoginMachine, type LoginView, registerLocale } from '@verifik-auth/core';
import { es } from '@verifik-auth/core/locales/es';
import { StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { mockUrl, otp, uniqueEmail, uniquePhone } from '../test/mock.js';
import { type UseVerifikLoginOptions, useVerifikLogin } from './use-verifik-login.js';

// Spanish is opt-in: an app registers it once, as the demo does.
registerLocale(es);

function renderLogin(options: UseVerifikLoginOptions = {}, strict = false) {
  const views: LoginView[] = [];
  const hook = renderHook(
    (props: UseVerifikLoginOptions) => {
      const view = useVerifikLogin({ baseUrl: mockUrl(), ...props });
      views.push(view);
      return view;
    },
    { initialProps: options, ...(strict ? { wrapper: StrictMode } : {}) },
  );
  const current = () => hook.result.current;
  const untilStep = (step: LoginView['step']) => waitFor(() => expect(current().step).toBe(step));
  return { ...hook, views, current, untilStep };
}

describe('useVerifikLogin', () => {
  it('logs in by phone against the mock server', async () => {
    const login = renderLogin();
    await login.untilStep('idle');
    const phone = uniquePhone();

    act(() => login.current().sendPhone({ countryCode: '+57', phone, gateway: 'sms' }));
    expect(login.current().step).toBe('sending');
    expect(login.current().busy).toBe(true);
    await login.untilStep('awaitingOtp');
    expect(login.current().maskedIdentifier).toBe(`+57 ••• ••• ${phone.slice(-4)}`);
    expect(login.current().gateway).toBe('sms');
    expect(login.current().otpExpiresAt).toBeGreaterThan(Date.now());

    act(() => login.current().submitOtp(otp()));
    await login.untilStep('authenticated');
    expect(login.current().session?.accessToken).toMatch(/^eyJ/);
    expect(login.current().error).toBeNull();
  });

  it('counts a wrong code and localizes the error in the chosen locale', async () => {
    const login = renderLogin({ locale: 'es' });
    await login.untilStep('idle');
    act(() => login.current().sendEmail({ email: uniqueEmail() }));
    await login.untilStep('awaitingOtp');

    act(() => login.current().submitOtp('000000'));
    await waitFor(() => expect(login.current().error?.code).toBe('invalid_otp'));
    expect(login.current().attempts).toBe(1);
    expect(login.current().error?.message).toBe(
      'Ese código no es correcto. Revisa el último mensaje e inténtalo de nuevo.',
    );

    login.rerender({ locale: 'en' });
    expect(login.current().error?.message).toBe(
      'That code is not right. Check the latest message and try again.',
    );
  });

  it('shows field errors without sending anything', async () => {
    const login = renderLogin();
    await login.untilStep('idle');
    act(() => login.current().sendPhone({ countryCode: '1', phone: '' }));
    expect(login.current().step).toBe('idle');
    expect(login.current().fieldErrors.countryCode?.code).toBe('country_code_format');
    expect(login.current().fieldErrors.phone?.message).toBe('This field is required.');
  });

  it('keeps the same view and commands while nothing it shows changes', async () => {
    const login = renderLogin();
    await login.untilStep('idle');
    const before = login.current();
    const renders = login.views.length;
    login.rerender({});
    expect(login.current()).toBe(before);
    expect(login.views.length).toBe(renders + 1);
    // Commands are stable per actor, so they are safe in effect dependencies and memoized props.
    expect(login.views.every((view) => view.sendPhone === before.sendPhone)).toBe(true);
  });

  it('resumes from a persisted snapshot', async () => {
    const machine = createLoginMachine({ baseUrl: mockUrl() });
    const first = createActor(machine).start();
    await waitFor(() => expect(first.getSnapshot().value).toBe('idle'));
    first.send({ type: 'login.phone', countryCode: '+1', phone: uniquePhone() });
    await waitFor(() => expect(first.getSnapshot().matches('awaitingOtp')).toBe(true));
    const snapshot = JSON.parse(JSON.stringify(first.getPersistedSnapshot()));
    first.stop();

    const login = renderLogin({ machine, snapshot });
    expect(login.current().step).toBe('awaitingOtp');
    act(() => login.current().submitOtp(otp()));
    await login.untilStep('authenticated');
  });

  it("survives StrictMode's double effects with one working actor", async () => {
    const login = renderLogin({}, true);
    await login.untilStep('idle');
    act(() => login.current().sendPhone({ countryCode: '+1', phone: uniquePhone() }));
    await login.untilStep('awaitingOtp');
    act(() => login.current().submitOtp(otp()));
    await login.untilStep('authenticated');
  });
});
