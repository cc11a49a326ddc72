import { signal } from '@angular/core';
import { waitFor } from '@testing-library/dom';
import { createLoginMachine, type LoginStep, registerLocale } from '@verifik-auth/core';
import { es } from '@verifik-auth/core/locales/es';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { mockUrl, otp, uniqueEmail, uniquePhone } from '../test/mock.js';
import { runInApp } from '../test/mount.js';
import { type UseVerifikLoginOptions, useVerifikLogin } from './use-verifik-login.js';

// Spanish is opt-in: an app registers it once, as the demo does.
registerLocale(es);

async function renderLogin(options: UseVerifikLoginOptions = {}) {
  const hook = await runInApp(() => useVerifikLogin({ baseUrl: mockUrl(), ...options }));
  const login = hook.result;
  const untilStep = (step: LoginStep) => waitFor(() => expect(login.step()).toBe(step));
  return { ...hook, login, untilStep };
}

describe('useVerifikLogin', () => {
  it('logs in by phone against the mock server', async () => {
    const { login, untilStep } = await renderLogin();
    await untilStep('idle');
    const phone = uniquePhone();

    login.sendPhone({ countryCode: '+57', phone, gateway: 'sms' });
    expect(login.step()).toBe('sending');
    expect(login.busy()).toBe(true);
    await untilStep('awaitingOtp');
    expect(login.maskedIdentifier()).toBe(`+57 ••• ••• ${phone.slice(-4)}`);
    expect(login.gateway()).toBe('sms');
    expect(login.otpExpiresAt()).toBeGreaterThan(Date.now());

    login.submitOtp(otp());
    await untilStep('authenticated');
    expect(login.session()?.accessToken).toMatch(/^eyJ/);
    expect(login.error()).toBeNull();
  });

  it('counts a wrong code and localizes the error in the chosen locale, which it follows', async () => {
    const locale = signal('es');
    const { login, untilStep } = await renderLogin({ locale });
    await untilStep('idle');
    login.sendEmail({ email: uniqueEmail() });
    await untilStep('awaitingOtp');

    login.submitOtp('000000');
    await waitFor(() => expect(login.error()?.code).toBe('invalid_otp'));
    expect(login.attempts()).toBe(1);
    expect(login.error()?.message).toBe(
      'Ese código no es correcto. Revisa el último mensaje e inténtalo de nuevo.',
    );

    locale.set('en');
    expect(login.error()?.message).toBe('That code is not right. Check the latest message and try again.');
  });

  it('shows field errors without sending anything', async () => {
    const { login, untilStep } = await renderLogin();
    await untilStep('idle');
    login.sendPhone({ countryCode: '1', phone: '' });
    expect(login.step()).toBe('idle');
    expect(login.fieldErrors().countryCode?.code).toBe('country_code_format');
    expect(login.fieldErrors().phone?.message).toBe('This field is required.');
  });

  it('keeps the same values and commands while nothing they show changes', async () => {
    const { login, untilStep } = await renderLogin();
    await untilStep('idle');
    const { sendPhone } = login;
    const fieldErrors = login.fieldErrors();
    const identifier = login.identifier();
    // A field error and back: a new snapshot each time, the same commands throughout.
    login.sendEmail({ email: 'not-an-email' });
    expect(login.fieldErrors().email?.code).toBe('email_format');
    expect(login.sendPhone).toBe(sendPhone);
    expect(login.identifier()).toBe(identifier);
    login.sendPhone({ countryCode: '+1', phone: uniquePhone() });
    await untilStep('awaitingOtp');
    login.cancel();
    await untilStep('idle');
    expect(login.fieldErrors()).toBe(fieldErrors);
    expect(login.sendPhone).toBe(sendPhone);
  });

  it('resumes from a persisted snapshot', async () => {
    const machine = createLoginMachine({ baseUrl: mockUrl() });
    const first = createActor(machine).start();
    await waitFor(() => expect(first.getSnapshot().value).toBe('idle'));
    first.send({ type: 'login.phone', countryCode: '+1', phone: uniquePhone() });
    await waitFor(() => expect(first.getSnapshot().matches('awaitingOtp')).toBe(true));
    const snapshot = JSON.parse(JSON.stringify(first.getPersistedSnapshot()));
    first.stop();

    const { login, untilStep } = await renderLogin({ machine, snapshot });
    expect(login.step()).toBe('awaitingOtp');
    login.submitOtp(otp());
    await untilStep('authenticated');
  });

  it('stops the actor it created when its injector is destroyed', async () => {
    const { login, unmount, untilStep } = await renderLogin();
    await untilStep('idle');
    unmount();
    expect(login.actor.getSnapshot().status).toBe('stopped');
  });
});
