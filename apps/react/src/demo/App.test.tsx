import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { readDemoConfig, snapshotKey, startDemoActor } from '../../../demo-setup.js';
import { injectFault, mockUrl, otp, uniqueEmail, uniquePhone } from '../test/mock.js';
import { App } from './App.js';

/** The page as `main.tsx` starts it: resuming whatever snapshot the last render left in sessionStorage. */
function renderDemo() {
  const actor = startDemoActor(readDemoConfig(`?api=${mockUrl()}`), sessionStorage);
  const view = render(<App actor={actor} api={mockUrl()} />);
  const container = () => screen.getByTestId('login');
  const untilStep = (step: string) => waitFor(() => expect(container().dataset.step).toBe(step));
  return { ...view, actor, untilStep, cleanup: () => actor.stop() };
}

let running: ReturnType<typeof renderDemo> | undefined;
const demo = () => {
  running = renderDemo();
  return running;
};

afterEach(() => {
  running?.cleanup();
  sessionStorage.clear();
});

describe('readDemoConfig', () => {
  it('reads ?api= and ?cooldown=, with the documented defaults', () => {
    expect(readDemoConfig('')).toEqual({ api: 'http://127.0.0.1:4010', cooldownMs: 120_000 });
    expect(readDemoConfig('?api=http://127.0.0.1:9999/&cooldown=1500')).toEqual({
      api: 'http://127.0.0.1:9999',
      cooldownMs: 1_500,
    });
  });
});

describe('the demo page', () => {
  it('links each field error to its input', async () => {
    const page = demo();
    await page.untilStep('idle');
    fireEvent.change(screen.getByRole('textbox', { name: 'Country code' }), { target: { value: '57' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send code' }));
    const countryCode = screen.getByRole('textbox', { name: 'Country code' });
    await waitFor(() => expect(countryCode.getAttribute('aria-invalid')).toBe('true'));
    const describedBy = countryCode.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(describedBy)?.textContent).toBe(
      'Use a + followed by 1 to 3 digits, like +1 or +57.',
    );
    expect(screen.getByRole('textbox', { name: 'Phone number' }).getAttribute('aria-describedby')).toBe(
      'phone-error',
    );
  });

  it('says to drop the trunk prefix under a phone number typed with a leading 0', async () => {
    const page = demo();
    await page.untilStep('idle');
    fireEvent.change(screen.getByRole('textbox', { name: 'Country code' }), { target: { value: '+33' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Phone number' }), {
      target: { value: '06 1234 5678' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Send code' }));
    const phone = screen.getByRole('textbox', { name: 'Phone number' });
    await waitFor(() => expect(phone.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(phone.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Drop the leading 0 (the trunk prefix): enter the number as you would after the country code.',
    );
    expect(page.container.querySelector('[data-step]')?.getAttribute('data-step')).toBe('idle');
  });

  it('keeps the accessible name "Send code" while it reads "Sending…"', async () => {
    await injectFault({ route: '/v2/projects/email-login', delayMs: 300 });
    const page = demo();
    await page.untilStep('idle');
    fireEvent.click(screen.getByRole('radio', { name: 'Email' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Email' }), { target: { value: uniqueEmail() } });
    fireEvent.click(screen.getByRole('button', { name: 'Send code' }));
    await page.untilStep('sending');
    const button = screen.getByRole('button', { name: 'Send code' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.textContent).toBe('Sending…');
    await page.untilStep('awaitingOtp');
    expect(screen.getByRole('status').textContent).toMatch(
      /^We sent a code to u•••@example\.com by email\.$/,
    );
  });

  it('switches labels, the alert and field errors to Spanish', async () => {
    await injectFault({ route: '/v2/projects/phone-login', status: 500 });
    const page = demo();
    await page.untilStep('idle');
    fireEvent.change(screen.getByRole('textbox', { name: 'Phone number' }), {
      target: { value: uniquePhone() },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Send code' }));
    await screen.findByText('The login service had a problem. Please try again.');

    fireEvent.change(screen.getByRole('combobox', { name: 'Language' }), { target: { value: 'es' } });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Iniciar sesión');
    expect(screen.getByRole('alert').textContent).toBe(
      'El servicio de inicio de sesión tuvo un problema. Inténtalo de nuevo.',
    );
    expect(screen.getByRole('combobox', { name: 'Idioma' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('es');
    fireEvent.change(screen.getByRole('textbox', { name: 'Número de teléfono' }), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enviar código' }));
    await screen.findByText('Este campo es obligatorio.');
  });

  it('resumes the code step from the snapshot it persisted, then signs in', async () => {
    const first = demo();
    await first.untilStep('idle');
    fireEvent.change(screen.getByRole('textbox', { name: 'Phone number' }), {
      target: { value: uniquePhone() },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Send code' }));
    await first.untilStep('awaitingOtp');
    first.unmount();
    first.cleanup();

    expect(sessionStorage.getItem(snapshotKey)).not.toContain(otp());
    const second = demo();
    await second.untilStep('awaitingOtp');
    const form = screen.getByTestId('login');
    expect(within(form).getByTestId('otp-countdown').textContent).toMatch(/^The code expires in \d+:\d\d\.$/);
    fireEvent.change(screen.getByRole('textbox', { name: 'Verification code' }), {
      target: { value: otp() },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    await second.untilStep('authenticated');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Signed in');
    expect(screen.getByRole('button', { name: 'Log out' })).toBeTruthy();
  });
});
