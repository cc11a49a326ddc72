import { render, waitFor } from '@testing-library/svelte';
import { createLoginMachine, type LoginStep, registerLocale } from '@verifik-auth/core';
import { es } from '@verifik-auth/core/locales/es';
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { fixedOtp, inboxFor, mockUrl, uniqueEmail, uniquePhone } from '../test/helpers.js';
import { mountLogin } from '../test/mount.js';
import StepProbe from '../test/StepProbe.svelte';
import type { UseVerifikLoginOptions, VerifikLogin } from './use-verifik-login.svelte.js';

const otp = fixedOtp();

// Spanish is opt-in: an app registers it once, as the demo does.
registerLocale(es);

const mount = (options: UseVerifikLoginOptions = {}) => mountLogin({ baseUrl: mockUrl(), ...options });
const untilStep = (login: VerifikLogin, step: VerifikLogin['step']) =>
  waitFor(() => expect(login.step).toBe(step));

describe('useVerifikLogin', () => {
  it('logs in by phone against the mock server and re-renders on each step', async () => {
    const { login, getByTestId } = mount();
    await untilStep(login, 'idle');
    const phone = uniquePhone();

    login.sendPhone({ countryCode: '+1', phone, gateway: 'whatsapp' });
    expect(login.step).toBe('sending');
    expect(login.busy).toBe(true);
    await untilStep(login, 'awaitingOtp');
    const masked = `+1 ••• ••• ${phone.slice(-4)}`;
    expect(login.maskedIdentifier).toBe(masked);
    expect(login.gateway).toBe('whatsapp');
    expect(login.otpExpiresAt).toBeGreaterThan(Date.now());
    await waitFor(() => expect(getByTestId('step').textContent).toBe(`awaitingOtp ${masked}`));

    login.submitOtp(otp);
    await untilStep(login, 'authenticated');
    expect(login.session?.accessToken).toMatch(/^eyJ/);
    expect(login.error).toBeNull();
    await waitFor(() => expect(getByTestId('step').textContent).toMatch(/^authenticated/));
  });

  it('counts a wrong code, then accepts the right one', async () => {
    const { login } = mount();
    await untilStep(login, 'idle');
    login.sendEmail({ email: uniqueEmail() });
    await untilStep(login, 'awaitingOtp');

    login.submitOtp('000000');
    await waitFor(() => expect(login.error?.code).toBe('invalid_otp'));
    expect(login.step).toBe('awaitingOtp');
    expect(login.attempts).toBe(1);
    expect(login.error?.message).toMatch(/not right/);

    login.submitOtp(otp);
    await untilStep(login, 'authenticated');
    expect(login.error).toBeNull();
  });

  it('keeps invalid input in idle with field errors and sends nothing', async () => {
    const { login } = mount();
    await untilStep(login, 'idle');
    const phone = `12${uniquePhone().slice(-1)}`;
    login.sendPhone({ countryCode: '1', phone });
    expect(login.step).toBe('idle');
    expect(login.fieldErrors.countryCode?.code).toBe('country_code_format');
    expect(login.fieldErrors.phone?.code).toBe('phone_format');
    expect(await inboxFor(phone)).toEqual([]);
  });

  it('switches error and field messages to Spanish when the locale getter changes', async () => {
    let locale = $state('en');
    const { login } = mount({ locale: () => locale });
    await untilStep(login, 'idle');
    login.sendEmail({ email: 'not-an-email' });
    const english = login.fieldErrors.email?.message;
    expect(english).toBeTruthy();

    locale = 'es';
    expect(login.fieldErrors.email?.code).toBe('email_format');
    expect(login.fieldErrors.email?.message).not.toBe(english);
    expect(login.fieldErrors.email?.message).toMatch(/correo/i);
  });

  it('updates only the fields that changed and keeps the commands stable', async () => {
    const { login } = mount();
    await untilStep(login, 'idle');
    const { sendPhone, submitOtp } = login;
    const changes = { error: 0, step: 0 };
    const stop = $effect.root(() => {
      $effect(() => {
        void login.error;
        changes.error++;
      });
      $effect(() => {
        void login.step;
        changes.step++;
      });
    });
    flushSync();
    Object.assign(changes, { error: 0, step: 0 });

    login.sendPhone({ countryCode: '+1', phone: uniquePhone() });
    flushSync();
    await untilStep(login, 'awaitingOtp');
    flushSync();
    expect(changes).toEqual({ error: 0, step: 2 });
    expect(login.sendPhone).toBe(sendPhone);
    expect(login.submitOtp).toBe(submitOtp);
    stop();
  });

  it('re-runs a template that reads only the step once per step, not once per snapshot', async () => {
    const rendered: LoginStep[] = [];
    let login: VerifikLogin | undefined;
    render(StepProbe, {
      props: {
        options: { baseUrl: mockUrl(), resendCooldownMs: 50 },
        expose: (bound) => {
          login = bound;
        },
        rendered: (step) => {
          rendered.push(step);
          return step;
        },
      },
    });
    if (!login) throw new Error('not mounted');
    const bound = login;
    let snapshots = 0;
    bound.actor.subscribe(() => snapshots++);
    await untilStep(bound, 'idle');
    flushSync();
    const act = (work: () => void) => {
      work();
      flushSync();
    };

    // Typing mistakes: new field errors in each snapshot, the same step.
    act(() => bound.sendEmail({ email: 'not-an-email' }));
    act(() => bound.sendPhone({ countryCode: '1', phone: '12' }));
    act(() => bound.sendPhone({ countryCode: '+1', phone: uniquePhone() }));
    await untilStep(bound, 'awaitingOtp');
    flushSync();
    // The resend cooldown ends: a new snapshot (`canResend`), the same step.
    await waitFor(() => expect(bound.canResend).toBe(true));
    flushSync();

    expect(rendered).toEqual(['restoring', 'idle', 'sending', 'awaitingOtp']);
    expect(snapshots).toBeGreaterThan(rendered.length);
  });

  it('is read-only', async () => {
    const { login } = mount();
    expect(() => {
      (login as { step: string }).step = 'authenticated';
    }).toThrow(TypeError);
    expect(login.step).not.toBe('authenticated');
  });

  it('resumes from a persisted snapshot and accepts a ready machine', async () => {
    const machine = createLoginMachine({ baseUrl: mockUrl() });
    const first = createActor(machine).start();
    await waitFor(() => expect(first.getSnapshot().value).toBe('idle'));
    const phone = uniquePhone();
    first.send({ type: 'login.phone', countryCode: '+57', phone });
    await waitFor(() => expect(first.getSnapshot().matches('awaitingOtp')).toBe(true));
    const snapshot = first.getPersistedSnapshot();
    first.stop();

    const { login } = mount({ machine, snapshot });
    expect(login.step).toBe('awaitingOtp');
    expect(login.maskedIdentifier).toBe(`+57 ••• ••• ${phone.slice(-4)}`);
    login.submitOtp(otp);
    await untilStep(login, 'authenticated');
  });

  it('stops the actor when the component is destroyed', async () => {
    const { login, unmount } = mount();
    await untilStep(login, 'idle');
    unmount();
    expect(login.actor.getSnapshot().status).toBe('stopped');
  });
});
