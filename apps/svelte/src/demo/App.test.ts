import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { snapshotKey, startDemoActor } from '../../../demo-setup.js';
import type { LoginActor } from '../index.js';
import { fixedOtp, inboxFor, mockUrl, typeInto, uniqueEmail, uniquePhone } from '../test/helpers.js';
import App from './App.svelte';

const actors: LoginActor[] = [];
afterEach(() => {
  for (const actor of actors.splice(0)) actor.stop();
});

function renderDemo() {
  const actor = startDemoActor({ api: mockUrl(), cooldownMs: 120_000 }, sessionStorage);
  actors.push(actor);
  const utils = render(App, { props: { actor, api: mockUrl() } });
  return { actor, ...utils };
}

const card = () => screen.getByTestId('login');
const untilStep = (step: string) => waitFor(() => expect(card().dataset.step).toBe(step));

async function sendPhone(phone: string) {
  await untilStep('idle');
  await typeInto(screen.getByLabelText('Phone number'), phone);
  await fireEvent.click(screen.getByRole('button', { name: 'Send code' }));
  await untilStep('awaitingOtp');
}

async function submitCode(code: string) {
  await typeInto(screen.getByLabelText('Verification code'), code);
  await fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
}

describe('the Svelte demo', () => {
  it('says to drop the trunk prefix under a phone number typed with a leading 0', async () => {
    renderDemo();
    await untilStep('idle');
    await typeInto(screen.getByLabelText('Country code'), '+33');
    await typeInto(screen.getByLabelText('Phone number'), '06 1234 5678');
    await fireEvent.click(screen.getByRole('button', { name: 'Send code' }));
    const phone = screen.getByLabelText('Phone number');
    await waitFor(() => expect(phone.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(phone.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Drop the leading 0 (the trunk prefix): enter the number as you would after the country code.',
    );
    expect(card().dataset.step).toBe('idle');
  });

  it('logs in by phone, shows the masked session and logs out', async () => {
    renderDemo();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Log in');
    expect(screen.getByRole('link', { name: 'Mock server inbox' }).getAttribute('href')).toBe(
      `${mockUrl()}/__dev/`,
    );
    const phone = uniquePhone();
    await sendPhone(phone);

    expect(screen.getByRole('status').textContent).toBe(
      `We sent a code to +1 ••• ••• ${phone.slice(-4)} by WhatsApp.`,
    );
    const code = screen.getByLabelText('Verification code');
    expect(document.activeElement).toBe(code);
    expect(code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(code.getAttribute('inputmode')).toBe('numeric');
    expect(code.getAttribute('maxlength')).toBe('6');
    expect(screen.getByTestId('otp-countdown').textContent).toMatch(/^The code expires in (10:00|9:5\d)\.$/);
    expect(screen.getByTestId('resend-countdown').textContent).toMatch(
      /^You can ask for a new code in [12]:\d\d\.$/,
    );
    expect(screen.getByRole('button', { name: 'Resend code' })).toHaveProperty('disabled', true);
    const [message] = await inboxFor(phone);
    expect(message?.otp).toBe(fixedOtp());

    await submitCode(fixedOtp());
    await untilStep('authenticated');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Signed in');
    expect(card().textContent).toMatch(/eyJhbG…/);

    await fireEvent.click(screen.getByRole('button', { name: 'Log out' }));
    await untilStep('idle');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Log in');
  });

  it('counts a wrong code, clears the field, then accepts the right one', async () => {
    renderDemo();
    await sendPhone(uniquePhone());

    await submitCode('000000');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/That code is not right/));
    expect(screen.getByText('Wrong attempts: 1')).toBeTruthy();
    const code = screen.getByLabelText('Verification code') as HTMLInputElement;
    await waitFor(() => expect(code.value).toBe(''));

    await submitCode(fixedOtp());
    await untilStep('authenticated');
    expect(screen.getByRole('alert').textContent).toBe('');
  });

  it('keeps only digits in the code field', async () => {
    renderDemo();
    await sendPhone(uniquePhone());
    const code = screen.getByLabelText('Verification code') as HTMLInputElement;
    await typeInto(code, '12a 3');
    expect(code.value).toBe('123');
  });

  it('shows field errors under the fields and sends nothing', async () => {
    renderDemo();
    await untilStep('idle');
    const phone = uniquePhone();
    await typeInto(screen.getByLabelText('Country code'), '57');
    await typeInto(screen.getByLabelText('Phone number'), phone.slice(0, 2));
    await fireEvent.click(screen.getByRole('button', { name: 'Send code' }));

    const input = screen.getByLabelText('Phone number');
    await waitFor(() => expect(input.getAttribute('aria-invalid')).toBe('true'));
    const error = document.getElementById(input.getAttribute('aria-describedby') ?? '');
    expect(error?.textContent).toBeTruthy();
    expect(screen.getByLabelText('Country code').getAttribute('aria-invalid')).toBe('true');
    expect(card().dataset.step).toBe('idle');
    expect(await inboxFor(phone.slice(0, 2))).toEqual([]);

    await fireEvent.click(screen.getByRole('radio', { name: 'Email' }));
    await typeInto(screen.getByRole('textbox', { name: 'Email' }), 'not-an-email');
    await fireEvent.click(screen.getByRole('button', { name: 'Send code' }));
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: 'Email' }).getAttribute('aria-invalid')).toBe('true'),
    );
  });

  it('switches every label and message to Spanish', async () => {
    renderDemo();
    await untilStep('idle');
    await fireEvent.click(screen.getByRole('button', { name: 'Send code' }));
    const englishError = await screen.findByText(/required/i);

    await typeInto(screen.getByLabelText('Language'), 'es');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Iniciar sesión');
    expect(document.documentElement.lang).toBe('es');
    expect(englishError.isConnected && /required/i.test(englishError.textContent ?? '')).toBe(false);
    const phone = screen.getByLabelText('Número de teléfono');
    const error = document.getElementById(phone.getAttribute('aria-describedby') ?? '');
    expect(error?.textContent).toMatch(/obligatorio/i);
    expect(screen.getByRole('button', { name: 'Enviar código' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Correo' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Bandeja del servidor de prueba' })).toBeTruthy();
  });

  it('logs in by email', async () => {
    renderDemo();
    await untilStep('idle');
    const email = uniqueEmail();
    await fireEvent.click(screen.getByRole('radio', { name: 'Email' }));
    await typeInto(screen.getByRole('textbox', { name: 'Email' }), email);
    await fireEvent.click(screen.getByRole('button', { name: 'Send code' }));
    await untilStep('awaitingOtp');
    expect(screen.getByRole('status').textContent).toMatch(
      /^We sent a code to .•••@example\.com by email\.$/,
    );
    await submitCode(fixedOtp());
    await untilStep('authenticated');
  });

  it('"Change number" brings the form back with the number filled in', async () => {
    renderDemo();
    const phone = uniquePhone();
    await untilStep('idle');
    await typeInto(screen.getByLabelText('Country code'), '+57');
    await fireEvent.click(screen.getByRole('radio', { name: 'SMS' }));
    await sendPhone(phone);
    expect(screen.getByRole('status').textContent).toMatch(/by SMS\.$/);

    await fireEvent.click(screen.getByRole('button', { name: 'Change number' }));
    await untilStep('idle');
    expect((screen.getByLabelText('Country code') as HTMLInputElement).value).toBe('+57');
    expect((screen.getByLabelText('Phone number') as HTMLInputElement).value).toBe(phone);
    expect((screen.getByRole('radio', { name: 'SMS' }) as HTMLInputElement).checked).toBe(true);
    expect(document.activeElement).toBe(screen.getByLabelText('Phone number'));
  });

  it('stores the snapshot and resumes the same step on the next load', async () => {
    const first = renderDemo();
    const phone = uniquePhone();
    await sendPhone(phone);
    expect(JSON.parse(sessionStorage.getItem(snapshotKey) ?? 'null')).toMatchObject({
      value: { awaitingOtp: 'cooldown' },
    });
    first.unmount();
    first.actor.stop();

    renderDemo();
    expect(card().dataset.step).toBe('awaitingOtp');
    expect(screen.getByRole('status').textContent).toContain(phone.slice(-4));
    await submitCode(fixedOtp());
    await untilStep('authenticated');
  });
});
