import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { describe, expect, it, onTestFinished } from 'vitest';
import { useChromium } from './chromium.js';
import { useDemoPages } from './demo-page.js';
import type { LoginPage } from './login-page.js';
import {
  countCodes,
  demoCases,
  injectFault,
  type MockServer,
  repoRoot,
  startMock,
  waitForCode,
} from './servers.js';

const phone = '1234566663';

const browser = useChromium();

describe.each(demoCases())('the %s demo', (name, demo) => {
  let mock: MockServer;
  let context: BrowserContext;
  let login: LoginPage;
  const shot = (file: string) => login.screenshot(join(repoRoot, 'screenshots', name, file));
  useDemoPages(
    browser,
    demo,
    { viewport: { width: 480, height: 860 } },
    (page) => ({ mock, context, login } = page),
  );

  /** A mock of its own, for a test that needs short lifetimes. */
  async function ownMock(options: Parameters<typeof startMock>[0]): Promise<MockServer> {
    const server = await startMock(options);
    onTestFinished(() => server.close());
    return server;
  }

  /** From the empty form to the code screen, by phone. */
  async function requestPhoneCode(api: string, params: { cooldown?: number } = {}) {
    await login.goto({ api, ...params });
    await login.fillPhone('+1', phone);
    await login.sendCode();
    await login.expectStep('awaitingOtp');
  }

  it('logs in by phone with the code from the inbox', async () => {
    await login.goto({ api: mock.url });
    expect(await login.step()).toBe('idle');
    expect(await login.heading.textContent()).toBe('Log in');
    await shot('01-idle.png');

    await login.choosePhone();
    await login.fillPhone('+1', phone);
    await login.chooseGateway('whatsapp');
    // Slow the send down enough to see (and photograph) the busy button.
    await injectFault(mock.url, { route: '/v2/projects/phone-login', delayMs: 1_000 });
    await login.sendCode();
    await login.expectStep('sending');
    expect(await login.sendCodeButton.isDisabled()).toBe(true);
    await shot('02-sending.png');

    await login.expectStep('awaitingOtp');
    await login.expectStatus('We sent a code to +1 ••• ••• 6663 by WhatsApp.');
    expect(await login.otpCountdown.textContent()).toMatch(/^The code expires in (10:00|9:5\d)\.$/);
    expect(await login.resendButton.isDisabled()).toBe(true);
    expect(await login.resendCountdown.textContent()).toMatch(
      /^You can ask for a new code in (2:00|1:5\d)\.$/,
    );
    await shot('03-awaiting-otp.png');

    await login.enterCode(await waitForCode(mock.url, phone));
    await injectFault(mock.url, { route: '/v2/projects/phone-login/confirm', delayMs: 1_000 });
    await login.verify();
    await login.expectStep('confirming');
    await shot('04-confirming.png');

    await login.expectStep('authenticated');
    expect(await login.heading.textContent()).toBe('Signed in');
    await login.expectText(login.labels.logOut);
    expect(await login.page.getByText(/^eyJ.{3}….{4}$/).count()).toBe(1);
    await shot('05-authenticated.png');
  });

  it('refuses a wrong code, counts it, then accepts the right one', async () => {
    await requestPhoneCode(mock.url);
    const code = await waitForCode(mock.url, phone);
    await login.enterCode(code === '000000' ? '111111' : '000000');
    await login.verify();
    await login.expectAlert('That code is not right. Check the latest message and try again.');
    await login.expectText('Wrong attempts: 1');
    expect(await login.step()).toBe('awaitingOtp');
    await shot('06-wrong-code.png');

    await login.enterCode(code);
    await login.verify();
    await login.expectStep('authenticated');
    expect(await login.alertText()).toBe('');
  });

  it('offers a resend once the cooldown is over, and the new code works', async () => {
    const quick = await ownMock({ resendCooldownMs: 500 });
    await requestPhoneCode(quick.url, { cooldown: 1_500 });
    expect(await login.resendButton.isDisabled()).toBe(true);
    await login.resendCountdown.waitFor();

    await login.page.waitForFunction(
      (name) =>
        [...document.querySelectorAll('button')].some((b) => b.textContent?.trim() === name && !b.disabled),
      login.labels.resendCode,
      { timeout: 5_000 },
    );
    expect(await login.resendCountdown.count()).toBe(0);
    await login.resend();
    await login.expectStep('awaitingOtp');
    expect(await countCodes(quick.url, phone)).toBe(2);

    await login.enterCode(await waitForCode(quick.url, phone, { after: 1 }));
    await login.verify();
    await login.expectStep('authenticated');
  });

  it('expires a code after its lifetime, then sends a new one', async () => {
    const quick = await ownMock({ otpTtlMs: 2_000, resendCooldownMs: 0 });
    await requestPhoneCode(quick.url);
    await login.expectStep('expired', 5_000);
    await login.expectStatus('Your code expired.');
    await shot('07-expired.png');

    await login.resend();
    await login.expectStep('awaitingOtp');
    await login.enterCode(await waitForCode(quick.url, phone, { after: 1 }));
    await login.verify();
    await login.expectStep('authenticated');
  });

  it('shows a server error on send and recovers on the next try', async () => {
    await injectFault(mock.url, { route: '/v2/projects/phone-login', status: 500 });
    await login.goto({ api: mock.url });
    await login.fillPhone('+1', phone);
    await login.sendCode();
    await login.expectAlert('The login service had a problem. Please try again.');
    await login.expectStep('idle');
    await shot('08-server-error.png');

    await login.sendCode();
    await login.expectStep('awaitingOtp');
    expect(await login.alertText()).toBe('');
  });

  it('logs in by email', async () => {
    await login.goto({ api: mock.url });
    await login.chooseEmail();
    await login.fillEmail('ana@example.com');
    await login.sendCode();
    await login.expectStep('awaitingOtp');
    await login.expectStatus('We sent a code to a•••@example.com by email.');
    await login.enterCode(await waitForCode(mock.url, 'ana@example.com'));
    await login.verify();
    await login.expectStep('authenticated');
  });

  it('gives the code its 10 minutes on a device whose clock is 11 minutes ahead, by phone and by email', async () => {
    // The page's clock runs 11 minutes ahead; the API is on another origin (another port) and exposes
    // no Date header, so the page can only use what the answers carry: createdAt, signature.dateTime.
    await context.addInitScript((offsetMs) => {
      const RealDate = Date;
      class SkewedDate extends RealDate {
        constructor(...args: []) {
          super(...((args.length > 0 ? args : [RealDate.now() + offsetMs]) as []));
        }
        static override now() {
          return RealDate.now() + offsetMs;
        }
      }
      globalThis.Date = SkewedDate as DateConstructor;
    }, 11 * 60_000);
    await requestPhoneCode(mock.url);
    expect(
      await login.page.evaluate(() => Date.now() - performance.timeOrigin - performance.now()),
    ).toBeGreaterThan(10 * 60_000);
    expect(await login.otpCountdown.textContent()).toMatch(/^The code expires in (10:00|9:5\d)\.$/);
    await login.enterCode(await waitForCode(mock.url, phone));
    await login.verify();
    await login.expectStep('authenticated');

    await login.logOut();
    await login.chooseEmail();
    await login.fillEmail('ana@example.com');
    await login.sendCode();
    await login.expectStep('awaitingOtp');
    // Email answers carry no createdAt; the signature's minute is taken at its end: 9 to 10 minutes.
    expect(await login.otpCountdown.textContent()).toMatch(/^The code expires in (10:00|9:\d\d)\.$/);
  });

  it('keeps the code step across a reload', async () => {
    await requestPhoneCode(mock.url);
    await login.reload();
    await login.expectStep('awaitingOtp');
    await login.expectStatus('We sent a code to +1 ••• ••• 6663 by WhatsApp.');
    await login.enterCode(await waitForCode(mock.url, phone));
    await login.verify();
    await login.expectStep('authenticated');
  });

  it('brings the form back with the number kept after "Change number"', async () => {
    await requestPhoneCode(mock.url);
    await login.changeNumber();
    await login.expectStep('idle');
    const number = login.page.getByRole('textbox', { name: login.labels.phoneNumber, exact: true });
    expect(await number.inputValue()).toBe(phone);
  });

  it('logs out, and stays logged out after a reload', async () => {
    await requestPhoneCode(mock.url);
    await login.enterCode(await waitForCode(mock.url, phone));
    await login.verify();
    await login.expectStep('authenticated');
    await login.logOut();
    await login.expectStep('idle');
    expect(await login.heading.textContent()).toBe('Log in');
    await login.reload();
    await login.expectStep('idle');
  });

  it('switches every label and message to Spanish', async () => {
    await login.goto({ api: mock.url });
    await login.switchLanguage('es');
    expect(await login.heading.textContent()).toBe('Iniciar sesión');
    await login.sendCode();
    await login.expectText('Este campo es obligatorio.');
    await shot('09-spanish.png');

    await injectFault(mock.url, { route: '/v2/projects/phone-login', status: 500 });
    await login.fillPhone('+57', '3001234567');
    await login.sendCode();
    await login.expectAlert('El servicio de inicio de sesión tuvo un problema. Inténtalo de nuevo.');

    // The message already shown follows the language too.
    await login.switchLanguage('en');
    await login.expectAlert('The login service had a problem. Please try again.');
    await login.switchLanguage('es');
    await login.sendCode();
    await login.expectStep('awaitingOtp');
    await login.expectStatus('Enviamos un código a +57 ••• ••• 4567 por WhatsApp.');
  });
});
