import { fireEvent, screen, waitFor, within } from '@testing-library/dom';
import { loginLabels } from '@verifik-auth/core';
import { createMockDevClient } from '@verifik-auth/mock-server';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { demoAuthenticatorAccounts } from '../../../demo-accounts.js';
import { readDemoConfig, snapshotKey, startDemoActor } from '../../../demo-setup.js';
import { injectFault, mockUrl, otp, uniqueEmail, uniquePhone } from '../test/mock.js';
import { mount } from '../test/mount.js';
import { App } from './app.js';
import { provideDemo } from './demo-settings.js';

const labels = loginLabels.en;

/** The page as `main.ts` starts it: resuming whatever snapshot the last render left in sessionStorage. */
async function renderDemo(api = mockUrl()) {
  const actor = startDemoActor(readDemoConfig(`?api=${api}`), sessionStorage);
  running.push(actor);
  return { ...(await mount(App, provideDemo(actor, api))), actor };
}

const running: Array<{ stop(): void }> = [];
afterEach(() => {
  for (const actor of running.splice(0)) actor.stop();
  sessionStorage.clear();
});

const card = () => screen.getByTestId('login');
const untilStep = (step: string) => waitFor(() => expect(card().dataset.step).toBe(step));
const type = (name: string, value: string) =>
  fireEvent.input(screen.getByRole('textbox', { name }), { target: { value } });

/** From the empty form to the code step, by phone. */
async function sendCode(phone = uniquePhone()) {
  await untilStep('idle');
  type(labels.phoneNumber, phone);
  fireEvent.click(screen.getByRole('button', { name: labels.sendCode }));
  await untilStep('awaitingOtp');
}

describe('the Angular demo page', () => {
  it('links each field error to its input', async () => {
    await renderDemo();
    await untilStep('idle');
    type(labels.countryCode, '57');
    fireEvent.click(screen.getByRole('button', { name: labels.sendCode }));
    const countryCode = screen.getByRole('textbox', { name: labels.countryCode });
    await waitFor(() => expect(countryCode.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(countryCode.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Use a + followed by 1 to 3 digits, like +1 or +57.',
    );
    expect(screen.getByRole('textbox', { name: labels.phoneNumber }).getAttribute('aria-describedby')).toBe(
      'phone-error',
    );
    // One element per id: the field component's host carries none of its input's.
    expect(document.querySelectorAll('[id="country-code"]')).toHaveLength(1);
  });

  it('keeps the accessible name "Send code" while it reads "Sending…", then says where the code went', async () => {
    await injectFault({ route: '/v2/projects/email-login', delayMs: 300 });
    await renderDemo();
    await untilStep('idle');
    fireEvent.click(screen.getByRole('radio', { name: labels.email }));
    await waitFor(() => screen.getByRole('textbox', { name: labels.email }));
    type(labels.email, uniqueEmail());
    fireEvent.click(screen.getByRole('button', { name: labels.sendCode }));
    await untilStep('sending');
    const button = screen.getByRole('button', { name: labels.sendCode }) as HTMLButtonElement;
    await waitFor(() => expect(button.disabled).toBe(true));
    expect(button.textContent).toBe('Sending…');
    await untilStep('awaitingOtp');
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toMatch(
        /^We sent a code to u•••@example\.com by email\.$/,
      ),
    );
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('textbox', { name: labels.verificationCode })),
    );
  });

  it('switches labels, the alert and field errors to Spanish', async () => {
    await injectFault({ route: '/v2/projects/phone-login', status: 500 });
    await renderDemo();
    await untilStep('idle');
    type(labels.phoneNumber, uniquePhone());
    fireEvent.click(screen.getByRole('button', { name: labels.sendCode }));
    await screen.findByText('The login service had a problem. Please try again.');

    fireEvent.change(screen.getByRole('combobox', { name: 'Language' }), { target: { value: 'es' } });
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Iniciar sesión'));
    expect(screen.getByRole('alert').textContent).toBe(
      'El servicio de inicio de sesión tuvo un problema. Inténtalo de nuevo.',
    );
    expect(document.documentElement.lang).toBe('es');
    type('Número de teléfono', '');
    fireEvent.click(screen.getByRole('button', { name: 'Enviar código' }));
    await screen.findByText('Este campo es obligatorio.');
  });

  it('counts a wrong code, resumes the code step from its snapshot, then signs in and out', async () => {
    const first = await renderDemo();
    await sendCode();
    type(labels.verificationCode, '000000');
    fireEvent.click(screen.getByRole('button', { name: labels.verify }));
    await screen.findByText('Wrong attempts: 1');
    expect(screen.getByRole('alert').textContent).toBe(
      'That code is not right. Check the latest message and try again.',
    );
    await waitFor(() =>
      expect((screen.getByRole('textbox', { name: labels.verificationCode }) as HTMLInputElement).value).toBe(
        '',
      ),
    );
    first.destroy();
    first.actor.stop();

    expect(sessionStorage.getItem(snapshotKey)).not.toContain(otp());
    await renderDemo();
    await untilStep('awaitingOtp');
    await waitFor(() =>
      expect(within(card()).getByTestId('otp-countdown').textContent).toMatch(
        /^The code expires in \d+:\d\d\.$/,
      ),
    );
    type(labels.verificationCode, `${otp().slice(0, 3)} ${otp().slice(3)}`);
    fireEvent.click(screen.getByRole('button', { name: labels.verify }));
    await untilStep('authenticated');
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(labels.signedIn));
    expect(screen.getByRole('button', { name: labels.revokeOthers }).getAttribute('aria-describedby')).toBe(
      'revoke-others-warning',
    );
    fireEvent.click(screen.getByRole('button', { name: labels.logOut }));
    await untilStep('idle');
  });

  it('shows the authenticator setup step and signs in with the app code', async () => {
    const api = inject('authenticatorMockUrl');
    const dev = createMockDevClient(api);
    await dev.reset();
    const [needsSetup] = demoAuthenticatorAccounts.phones;
    await renderDemo(api);
    await sendCode(needsSetup.phone);
    type(labels.verificationCode, otp());
    fireEvent.click(screen.getByRole('button', { name: labels.verify }));
    await untilStep('awaitingAuthenticator');

    await waitFor(() => expect(screen.getByRole('status').textContent).toBe(labels.authenticatorPrompt));
    expect(screen.getByRole('img', { name: labels.authenticatorQr }).getAttribute('src')).toMatch(
      /^data:image\/png;base64,/,
    );
    expect(screen.getByTestId('authenticator-key').textContent).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    const account = `phone:${needsSetup.countryCode} ${needsSetup.phone}`;
    const entry = (await dev.authenticators()).find((a) => a.account === account);
    type(labels.authenticatorCode, entry?.code ?? '');
    fireEvent.click(screen.getByRole('button', { name: labels.verify }));
    await untilStep('authenticated');
  });
});
