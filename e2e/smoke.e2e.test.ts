import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe.js';
import { useChromium } from './chromium.js';
import { useDemoPages } from './demo-page.js';
import type { LoginPage } from './login-page.js';
import { type MockServer, smokeDemoCases, waitForCode } from './servers.js';

/**
 * Every binding's demo in real Chromium, once: log in, a wrong code, a resend, log out, with axe-core
 * finding no accessibility violation at any step. What a binding does path by path is its catalogue
 * replay in jsdom (apps/<binding>/src/paths); this shows what only a browser can: the built bundle
 * running, real focus and storage, and the page as assistive technology reads it.
 */
const phone = '1234566663';
const browser = useChromium();

describe.each(smokeDemoCases())('the %s demo in Chromium, with axe at every step', (_name, demo) => {
  let mock: MockServer;
  let login: LoginPage;
  useDemoPages(
    browser,
    demo,
    { mock: { resendCooldownMs: 0 }, viewport: { width: 480, height: 860 } },
    (page) => ({ mock, login } = page),
  );

  /** axe on the page as it is now: no violation, named by the step. */
  async function accessible(step: string) {
    expect({ step, violations: await axeViolations(login.page) }).toEqual({ step, violations: [] });
  }

  it('logs in by phone past a wrong code and a resend, then logs out', async () => {
    await login.goto({ api: mock.url, cooldown: 1_000 });
    await login.expectStep('idle');
    await accessible('idle');

    await login.fillPhone('+1', phone);
    await login.sendCode();
    await login.expectStep('awaitingOtp');
    await login.otpCountdown.waitFor();
    await accessible('awaitingOtp');

    const first = await waitForCode(mock.url, phone);
    await login.enterCode(first === '000000' ? '111111' : '000000');
    await login.verify();
    await login.expectAlert('That code is not right. Check the latest message and try again.');
    await accessible('wrong code');

    await login.resendButton.and(login.page.locator(':enabled')).waitFor({ timeout: 10_000 });
    await login.resend();
    const second = await waitForCode(mock.url, phone, { after: 1 });
    await login.expectStep('awaitingOtp');
    await accessible('after a resend');

    await login.enterCode(second);
    await login.verify();
    await login.expectStep('authenticated');
    await accessible('authenticated');

    await login.logOut();
    await login.expectStep('idle');
    await accessible('logged out');
  });

  it('would see a violation: axe reports an input the page adds without a label', async () => {
    await login.goto({ api: mock.url });
    await login.page.evaluate(() => document.querySelector('main')?.append(document.createElement('input')));
    expect((await axeViolations(login.page)).some((violation) => violation.startsWith('label '))).toBe(true);
  });
});
