import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { createVerifikClient } from '@verifik-auth/core';
import { createMockDevClient } from '@verifik-auth/mock-server';
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoActor } from '../../../demo-setup.js';
import type { LoginActor } from '../index.js';
import { fixedOtp, mockUrl, typeInto, uniquePhone } from '../test/helpers.js';
import App from './App.svelte';

const revokeRoute = '/v2/auth/renew-and-revoke';
const actors: LoginActor[] = [];
afterEach(async () => {
  for (const actor of actors.splice(0)) actor.stop();
  // A test that fails before its request leaves its fault for the next one. A reset would also clear
  // the codes of the files running beside this one: use the fault up with a bare request instead.
  for (const left of await createMockDevClient(mockUrl()).faults()) {
    for (let times = 0; left.route === revokeRoute && times < left.remaining; times += 1) {
      await fetch(`${mockUrl()}${revokeRoute}`, { method: 'POST' });
    }
  }
});

const card = () => screen.getByTestId('login');
const untilStep = (step: string) => waitFor(() => expect(card().dataset.step).toBe(step));
const revokeButton = () => screen.getByRole('button', { name: 'Sign out everywhere' }) as HTMLButtonElement;
const refreshButton = () => screen.getByRole('button', { name: 'Refresh session' }) as HTMLButtonElement;
const fault = (spec: Parameters<ReturnType<typeof createMockDevClient>['fault']>[0]) =>
  createMockDevClient(mockUrl()).fault(spec);

/** The page signed in by phone (WhatsApp); resolves with its token. */
async function signedInPage(phone: string) {
  const actor = startDemoActor({ api: mockUrl(), cooldownMs: 120_000 }, sessionStorage);
  actors.push(actor);
  render(App, { props: { actor, api: mockUrl() } });
  await untilStep('idle');
  await typeInto(screen.getByLabelText('Phone number'), phone);
  await fireEvent.click(screen.getByRole('button', { name: 'Send code' }));
  await untilStep('awaitingOtp');
  await typeInto(screen.getByLabelText('Verification code'), fixedOtp());
  await fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
  await untilStep('authenticated');
  return { token: () => actor.getSnapshot().context.session?.accessToken };
}

/** The same account signed in somewhere else (a script, another device), by SMS so no cooldown meets the page's. */
async function signedInElsewhere(phone: string) {
  const device = createVerifikClient({ baseUrl: mockUrl() });
  await device.requestPhoneOtp({ countryCode: '+1', phone, gateway: 'sms' });
  const confirmed = await device.confirmPhoneOtp({ countryCode: '+1', phone, otp: fixedOtp() });
  if (!('accessToken' in confirmed)) throw new Error('expected a session');
  return { device, token: confirmed.accessToken };
}

describe('"Sign out everywhere" on the Svelte demo', () => {
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

    await fault({ route: revokeRoute, delayMs: 300 });
    await fireEvent.click(revokeButton());
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
    await fault({ route: revokeRoute, status: 500 });
    await fireEvent.click(revokeButton());
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

    await fireEvent.click(refreshButton());
    await untilStep('expired');
    expect(screen.getByRole('status').textContent).toBe('Your session was ended elsewhere. Log in again.');
    expect(screen.getByRole('button', { name: 'Send code' })).toBeTruthy();

    await typeInto(screen.getByLabelText('Language'), 'es');
    expect(screen.getByRole('status').textContent).toBe(
      'Tu sesión se cerró en otro lugar. Inicia sesión de nuevo.',
    );
  });
});
