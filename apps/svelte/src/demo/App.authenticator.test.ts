import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { loginLabels } from '@verifik-auth/core';
import { createMockDevClient } from '@verifik-auth/mock-server';
import { afterEach, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { demoAuthenticatorAccounts } from '../../../demo-accounts.js';
import { readDemoConfig, snapshotKey, startDemoActor } from '../../../demo-setup.js';
import { fixedOtp as otp, typeInto } from '../test/helpers.js';
import App from './App.svelte';

const labels = loginLabels.en;
const api = () => inject('authenticatorMockUrl');
const dev = () => createMockDevClient(api());
const [needsSetup] = demoAuthenticatorAccounts.phones;
const [setUp] = demoAuthenticatorAccounts.emails;

let stopActor: (() => void) | undefined;
function renderDemo() {
  const actor = startDemoActor(readDemoConfig(`?api=${api()}`), sessionStorage);
  stopActor = () => actor.stop();
  render(App, { props: { actor, api: api() } });
  return actor;
}

const card = () => screen.getByTestId('login');
const untilStep = (step: string) => waitFor(() => expect(card().dataset.step).toBe(step));
const authenticatorField = () => screen.getByRole('textbox', { name: labels.authenticatorCode });
/** The code the mock's authenticator accepts now, as a person reads it from `/__dev/authenticators`. */
async function authenticatorCode(account: string): Promise<string> {
  const entry = (await dev().authenticators()).find((a) => a.account === account);
  if (!entry) throw new Error(`the mock has no authenticator for ${account}`);
  return entry.code;
}

/** From the empty form to the authenticator step: the code from the inbox was right. */
async function reachAuthenticatorStep(method: 'phone' | 'email') {
  await untilStep('idle');
  if (method === 'phone') {
    await typeInto(screen.getByRole('textbox', { name: labels.phoneNumber }), needsSetup.phone);
  } else {
    await fireEvent.click(screen.getByRole('radio', { name: labels.email }));
    await typeInto(screen.getByRole('textbox', { name: labels.email }), setUp.email);
  }
  await fireEvent.click(screen.getByRole('button', { name: labels.sendCode }));
  await untilStep('awaitingOtp');
  await typeInto(screen.getByRole('textbox', { name: labels.verificationCode }), otp());
  await fireEvent.click(screen.getByRole('button', { name: labels.verify }));
  await untilStep('awaitingAuthenticator');
}

async function submitAuthenticator(code: string) {
  await typeInto(authenticatorField(), code);
  await fireEvent.click(screen.getByRole('button', { name: labels.verify }));
}

beforeEach(() => dev().reset());
afterEach(() => {
  stopActor?.();
  vi.useRealTimers();
  sessionStorage.clear();
});

describe('the demo page on an account with an authenticator', () => {
  it('shows the setup step: the QR code, the key, the code field and the time left', async () => {
    renderDemo();
    await reachAuthenticatorStep('phone');
    const account = `phone:${needsSetup.countryCode} ${needsSetup.phone}`;
    const [entry] = (await dev().authenticators()).filter((a) => a.account === account);

    expect(screen.getByRole('status').textContent).toBe(labels.authenticatorPrompt);
    expect(screen.getByText(labels.authenticatorSetup)).toBeTruthy();
    const qr = screen.getByRole('img', { name: labels.authenticatorQr }) as HTMLImageElement;
    expect(qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    const key = screen.getByTestId('authenticator-key');
    expect(key.textContent).toBe(entry?.secretKey.replace(/(.{4})(?=.)/g, '$1 '));
    expect(key.textContent).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    expect(screen.queryByText(labels.authenticatorLost)).toBeNull();

    const field = authenticatorField();
    expect(field.getAttribute('autocomplete')).toBe('one-time-code');
    expect(field.getAttribute('inputmode')).toBe('numeric');
    expect(field.getAttribute('maxlength')).toBe('6');
    await waitFor(() => expect(document.activeElement).toBe(field));
    expect(screen.getByTestId('otp-countdown').textContent).toMatch(/^The code expires in (10:00|9:5\d)\.$/);
    expect(screen.getByRole('button', { name: labels.changeNumber })).toBeTruthy();
    // The account's secrets are shown, never persisted with the page's snapshot.
    expect(sessionStorage.getItem(snapshotKey)).not.toContain(entry?.secretKey);
    expect(sessionStorage.getItem(snapshotKey)).not.toContain('base64');
  });

  it('asks for an empty code, refuses a wrong one and counts it, then signs in with the right one', async () => {
    renderDemo();
    await reachAuthenticatorStep('phone');
    await fireEvent.click(screen.getByRole('button', { name: labels.verify }));
    await waitFor(() => expect(authenticatorField().getAttribute('aria-invalid')).toBe('true'));
    expect(
      document.getElementById(authenticatorField().getAttribute('aria-describedby') ?? '')?.textContent,
    ).toBe('This account also needs the code from your authenticator app.');

    const right = await authenticatorCode(`phone:${needsSetup.countryCode} ${needsSetup.phone}`);
    await submitAuthenticator(right === '111111' ? '222222' : '111111');
    await screen.findByText('Wrong attempts: 1');
    expect(screen.getByRole('alert').textContent).toBe(
      'That authenticator code is not right. Enter the current one from your app.',
    );
    expect(card().dataset.step).toBe('awaitingAuthenticator');
    await waitFor(() => expect((authenticatorField() as HTMLInputElement).value).toBe(''));

    await submitAuthenticator(right);
    await untilStep('authenticated');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(labels.signedIn);
    expect(screen.getByRole('alert').textContent).toBe('');
  });

  it('asks a set-up account for its code without a QR code, and says what to do when the app is lost', async () => {
    renderDemo();
    await reachAuthenticatorStep('email');
    expect(screen.getByText(labels.authenticatorLost)).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.queryByTestId('authenticator-key')).toBeNull();
    expect(screen.queryByText(labels.authenticatorSetup)).toBeNull();
    expect(screen.getByTestId('otp-countdown')).toBeTruthy();

    await submitAuthenticator(await authenticatorCode(`email:${setUp.email}`));
    await untilStep('authenticated');
  });

  it('shows the expired code when the code dies during the step', async () => {
    renderDemo();
    await reachAuthenticatorStep('email');
    expect(screen.getByTestId('otp-countdown').textContent).toMatch(/^The code expires in (10:00|9:5\d)\.$/);
    // The code's 10 minutes run out at Verifik while the person looks for the app's code (the machine's
    // own deadline timer is core's to test, on a simulated clock): Verifik's email expiry answer.
    await dev().fault({
      route: '/v2/projects/email-login/confirm',
      status: 412,
      body: { code: 'PreconditionFailed', message: 'emailValidation_has_expired' },
    });
    await submitAuthenticator('000000');
    await untilStep('expired');
    expect(screen.getByRole('status').textContent).toBe(labels.expiredOtp);
    expect(screen.getByRole('button', { name: labels.resendCode })).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: labels.authenticatorCode })).toBeNull();
  });

  it('goes back to the form, number kept, on "Change number"', async () => {
    renderDemo();
    await reachAuthenticatorStep('phone');
    await fireEvent.click(screen.getByRole('button', { name: labels.changeNumber }));
    await untilStep('idle');
    expect((screen.getByRole('textbox', { name: labels.phoneNumber }) as HTMLInputElement).value).toBe(
      needsSetup.phone,
    );
  });
});
