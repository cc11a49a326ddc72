import { render, waitFor } from '@testing-library/vue';
import { createLoginMachine, registerLocale } from '@verifik-auth/core';
import { es } from '@verifik-auth/core/locales/es';
import { describe, expect, it, vi } from 'vitest';
import { defineComponent, h, nextTick, ref, watch } from 'vue';
import { createActor } from 'xstate';
import { fixedOtp, inboxFor, mockUrl, uniqueEmail, uniquePhone } from '../test/helpers.js';
import { type UseVerifikLoginOptions, useVerifikLogin, type VerifikLogin } from './use-verifik-login.js';

const otp = fixedOtp();

// Spanish is opt-in: an app registers it once, as the demo does.
registerLocale(es);

/** Mounts a component that uses the composable and renders its step, so re-renders are observable. */
function mountLogin(options: UseVerifikLoginOptions = {}) {
  let login: VerifikLogin | undefined;
  const Harness = defineComponent({
    setup() {
      login = useVerifikLogin({ baseUrl: mockUrl(), ...options });
      return () => h('p', { 'data-testid': 'step' }, `${login?.step} ${login?.maskedIdentifier ?? ''}`);
    },
  });
  const utils = render(Harness);
  if (!login) throw new Error('not mounted');
  return { login, ...utils };
}

const untilStep = (login: VerifikLogin, step: VerifikLogin['step']) =>
  waitFor(() => expect(login.step).toBe(step));

describe('useVerifikLogin', () => {
  it('logs in by phone against the mock server and re-renders on each step', async () => {
    const { login, getByTestId } = mountLogin();
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
    const { login } = mountLogin();
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
    const { login } = mountLogin();
    await untilStep(login, 'idle');
    const phone = `12${uniquePhone().slice(-1)}`;
    login.sendPhone({ countryCode: '1', phone });
    expect(login.step).toBe('idle');
    expect(login.fieldErrors.countryCode?.code).toBe('country_code_format');
    expect(login.fieldErrors.phone?.code).toBe('phone_format');
    expect(await inboxFor(phone)).toEqual([]);
  });

  it('switches error and field messages to Spanish when the locale ref changes', async () => {
    const locale = ref('en');
    const { login } = mountLogin({ locale });
    await untilStep(login, 'idle');
    login.sendEmail({ email: 'not-an-email' });
    const english = login.fieldErrors.email?.message;
    expect(english).toBeTruthy();

    locale.value = 'es';
    await nextTick();
    expect(login.fieldErrors.email?.code).toBe('email_format');
    expect(login.fieldErrors.email?.message).not.toBe(english);
    expect(login.fieldErrors.email?.message).toMatch(/correo/i);
  });

  it('updates only the fields that changed and keeps the commands stable', async () => {
    const { login } = mountLogin();
    await untilStep(login, 'idle');
    const { sendPhone, submitOtp } = login;
    const changes = { error: 0, step: 0 };
    watch(
      () => login.error,
      () => changes.error++,
      { flush: 'sync' },
    );
    watch(
      () => login.step,
      () => changes.step++,
      { flush: 'sync' },
    );

    login.sendPhone({ countryCode: '+1', phone: uniquePhone() });
    await untilStep(login, 'awaitingOtp');
    expect(changes).toEqual({ error: 0, step: 2 });
    expect(login.sendPhone).toBe(sendPhone);
    expect(login.submitOtp).toBe(submitOtp);
  });

  it('is read-only', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { login } = mountLogin();
    (login as { step: string }).step = 'authenticated';
    expect(login.step).not.toBe('authenticated');
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/readonly/), expect.anything());
    warn.mockRestore();
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

    const { login } = mountLogin({ machine, snapshot });
    expect(login.step).toBe('awaitingOtp');
    expect(login.maskedIdentifier).toBe(`+57 ••• ••• ${phone.slice(-4)}`);
    login.submitOtp(otp);
    await untilStep(login, 'authenticated');
  });

  it('stops the actor when the component unmounts', async () => {
    const { login, unmount } = mountLogin();
    await untilStep(login, 'idle');
    unmount();
    expect(login.actor.getSnapshot().status).toBe('stopped');
  });
});
