import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoAuthenticatorAccounts } from '../apps/demo-accounts.js';
import { useChromium } from './chromium.js';
import { useDemoPages } from './demo-page.js';
import type { LoginPage } from './login-page.js';
import { createMockDevClient, demoCases, type MockServer, repoRoot, waitForCode } from './servers.js';

/** The accounts `pnpm demo` offers with an authenticator: a phone to set up, an email already set up. */
const [phone] = demoAuthenticatorAccounts.phones;
const [email] = demoAuthenticatorAccounts.emails;

const browser = useChromium();

describe.each(demoCases())('the %s demo, on an account with an authenticator', (name, demo) => {
  let mock: MockServer;
  let login: LoginPage;
  useDemoPages(
    browser,
    demo,
    { mock: { clients: demoAuthenticatorAccounts }, viewport: { width: 480, height: 1000 } },
    (page) => ({ mock, login } = page),
  );
  const shot = (file: string) => login.screenshot(join(repoRoot, 'screenshots', name, file));
  const authenticatorField = (): Locator =>
    login.page.getByRole('textbox', { name: login.labels.authenticatorCode, exact: true });

  /** The code the account's authenticator shows now, read as a person would from the mock. */
  async function authenticatorCode(account: string): Promise<string> {
    const entry = (await createMockDevClient(mock.url).authenticators()).find((a) => a.account === account);
    if (!entry) throw new Error(`the mock has no authenticator for ${account}`);
    return entry.code;
  }

  /** The code from the inbox, confirmed: the page asks for the authenticator's code. */
  async function confirmCode(to: string): Promise<void> {
    await login.sendCode();
    await login.expectStep('awaitingOtp');
    await login.enterCode(await waitForCode(mock.url, to));
    await login.verify();
    await login.expectStep('awaitingAuthenticator');
    await login.expectStatus(login.labels.authenticatorPrompt);
  }

  it('sets the authenticator up on the first login by phone: QR code, key, then its code signs in', async () => {
    await login.goto({ api: mock.url });
    await login.fillPhone(phone.countryCode, phone.phone);
    await confirmCode(phone.phone);

    const qr = login.page.getByRole('img', { name: login.labels.authenticatorQr, exact: true });
    await qr.waitFor();
    // The data: URL decodes into a real picture (nothing on the page blocks it).
    expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    const account = `phone:${phone.countryCode} ${phone.phone}`;
    const [entry] = (await createMockDevClient(mock.url).authenticators()).filter(
      (a) => a.account === account,
    );
    expect(await login.page.getByTestId('authenticator-key').textContent()).toBe(
      entry?.secretKey.replace(/(.{4})(?=.)/g, '$1 '),
    );
    const field = authenticatorField();
    expect(await field.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await field.getAttribute('inputmode')).toBe('numeric');
    expect(await field.evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await login.otpCountdown.textContent()).toMatch(/^The code expires in (10:00|9:5\d)\.$/);
    await shot('10-authenticator-setup.png');

    await field.fill(await authenticatorCode(account));
    await login.verify();
    await login.expectStep('authenticated');
    expect(await login.heading.textContent()).toBe('Signed in');
  });

  it('asks an email account set up earlier for its authenticator code, without a QR code', async () => {
    await login.goto({ api: mock.url });
    await login.chooseEmail();
    await login.fillEmail(email.email);
    await confirmCode(email.email);

    await login.expectText(login.labels.authenticatorLost);
    expect(await login.page.getByRole('img').count()).toBe(0);
    expect(await login.page.getByTestId('authenticator-key').count()).toBe(0);
    await shot('11-authenticator-code.png');

    await authenticatorField().fill(await authenticatorCode(`email:${email.email}`));
    await login.verify();
    await login.expectStep('authenticated');
  });
});
