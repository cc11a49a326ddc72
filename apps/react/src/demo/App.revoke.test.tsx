import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createVerifikClient } from '@verifik-auth/core';
import { createDemoPageUser } from '@verifik-auth/testing/dom';
import { afterEach, describe, expect, it } from 'vitest';
import { readDemoConfig, startDemoActor } from '../../../demo-setup.js';
import { injectFault, mockUrl, otp, uniquePhone } from '../test/mock.js';
import { App } from './App.js';

let stopActor: (() => void) | undefined;
afterEach(() => {
  stopActor?.();
  sessionStorage.clear();
});

const card = () => screen.getByTestId('login');
const untilStep = (step: string) => waitFor(() => expect(card().dataset.step).toBe(step));
const revokeButton = () => screen.getByRole('button', { name: 'Sign out everywhere' }) as HTMLButtonElement;
const refreshButton = () => screen.getByRole('button', { name: 'Refresh session' }) as HTMLButtonElement;

/** The page signed in by phone (WhatsApp); resolves with its actor and token. */
async function signedInPage(phone: string) {
  const actor = startDemoActor(readDemoConfig(`?api=${mockUrl()}`), sessionStorage);
  stopActor = () => actor.stop();
  render(<App actor={actor} api={mockUrl()} />);
  await untilStep('idle');
  fireEvent.change(screen.getByRole('textbox', { name: 'Phone number' }), { target: { value: phone } });
  fireEvent.click(screen.getByRole('button', { name: 'Send code' }));
  await untilStep('awaitingOtp');
  fireEvent.change(screen.getByRole('textbox', { name: 'Verification code' }), { target: { value: otp() } });
  fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
  await untilStep('authenticated');
  return { actor, token: () => actor.getSnapshot().context.session?.accessToken };
}

/** The same account signed in somewhere else (a script, another device), by SMS so no cooldown meets the page's. */
async function signedInElsewhere(phone: string) {
  const device = createVerifikClient({ baseUrl: mockUrl() });
  await device.requestPhoneOtp({ countryCode: '+1', phone, gateway: 'sms' });
  const confirmed = await device.confirmPhoneOtp({ countryCode: '+1', phone, otp: otp() });
  if (!('accessToken' in confirmed)) throw new Error('expected a session');
  return { device, token: confirmed.accessToken };
}

describe('"Sign out everywhere" on the React demo', () => {
  it('shows the warning beside the button, revokes every other token and keeps this page signed in', async () => {
    const phone = uniquePhone();
    const page = await signedInPage(phone);
    const elsewhere = await signedInElsewhere(phone);
    const before = page.token();
    expect(
      screen.getByText(
        'Ends every other session of this account: other devices, scripts and servers using its key.',
      ),
    ).toBeTruthy();

    await injectFault({ route: '/v2/auth/renew-and-revoke', delayMs: 300 });
    fireEvent.click(revokeButton());
    await waitFor(() => expect(revokeButton().disabled).toBe(true));
    expect(refreshButton().disabled).toBe(true);
    expect(screen.getByRole('status').textContent).toBe('Signing out everywhere else…');

    await waitFor(() => expect(revokeButton().disabled).toBe(false));
    expect(card().dataset.step).toBe('authenticated');
    expect(screen.getByRole('status').textContent).toBe('');
    expect(screen.getByRole('alert').textContent).toBe('');
    const after = page.token();
    expect(after).toBeTruthy();
    expect(after).not.toBe(before);
    await expect(elsewhere.device.refreshSession(elsewhere.token)).rejects.toMatchObject({
      code: 'unauthorized',
    });
    await expect(elsewhere.device.refreshSession(before ?? '')).rejects.toMatchObject({
      code: 'unauthorized',
    });
    await expect(elsewhere.device.refreshSession(after ?? '')).resolves.toMatchObject({
      tokenType: 'bearer',
    });
  });

  it('shows the error and stays signed in when the revoke fails', async () => {
    const page = await signedInPage(uniquePhone());
    const before = page.token();
    await injectFault({ route: '/v2/auth/renew-and-revoke', status: 500 });
    fireEvent.click(revokeButton());
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'The login service had a problem. Please try again.',
      ),
    );
    expect(card().dataset.step).toBe('authenticated');
    expect(revokeButton().disabled).toBe(false);
    expect(page.token()).toBe(before);
  });

  it('says the session was ended elsewhere once another device signed out everywhere', async () => {
    const phone = uniquePhone();
    await signedInPage(phone);
    const elsewhere = await signedInElsewhere(phone);
    await elsewhere.device.renewAndRevoke(elsewhere.token);

    fireEvent.click(refreshButton());
    await untilStep('expired');
    expect(screen.getByRole('status').textContent).toBe('Your session was ended elsewhere. Log in again.');
    expect(screen.getByRole('button', { name: 'Send code' })).toBeTruthy();

    fireEvent.change(screen.getByRole('combobox', { name: 'Language' }), { target: { value: 'es' } });
    expect(screen.getByRole('status').textContent).toBe(
      'Tu sesión se cerró en otro lugar. Inicia sesión de nuevo.',
    );
  });

  it("lets the path catalogue's page user send session.revokeOthers through the button", async () => {
    const page = await signedInPage(uniquePhone());
    const before = page.token();
    const user = createDemoPageUser();
    await expect(user.send({ type: 'session.revokeOthers' })).resolves.toBe(true);
    await waitFor(() => expect(page.token()).not.toBe(before));
    expect(page.token()).toBeTruthy();
    expect(card().dataset.step).toBe('authenticated');
  });
});
