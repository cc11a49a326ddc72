import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { type Locale, type LoginLabelKey, type LoginStep, loginLabels } from '../packages/core/src/index.js';

/** What the demo reads from its query string (apps/DEMO-CONTRACT.md). */
export interface DemoParams {
  /** The mock server's URL. */
  api: string;
  /** The client-side resend cooldown in ms. */
  cooldown?: number;
}

/**
 * One login page, whichever framework renders it: every locator goes by role and accessible name from
 * `loginLabels`, in the language the page is switched to.
 */
export class LoginPage {
  #locale: Locale = 'en';

  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  /** The copy the page shows now. */
  get labels(): Record<LoginLabelKey, string> {
    return loginLabels[this.#locale];
  }

  /** The form container; its `data-step` is the machine's step. */
  get container(): Locator {
    return this.page.getByTestId('login');
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  get status(): Locator {
    return this.page.getByRole('status');
  }

  get alert(): Locator {
    return this.page.getByRole('alert');
  }

  get sendCodeButton(): Locator {
    return this.button(this.labels.sendCode);
  }

  get resendButton(): Locator {
    return this.button(this.labels.resendCode);
  }

  get codeInput(): Locator {
    return this.page.getByRole('textbox', { name: this.labels.verificationCode, exact: true });
  }

  get otpCountdown(): Locator {
    return this.page.getByTestId('otp-countdown');
  }

  get resendCountdown(): Locator {
    return this.page.getByTestId('resend-countdown');
  }

  /** Opens the demo against `params.api` and waits for it to leave `restoring`. */
  async goto(params: DemoParams): Promise<void> {
    const query = new URLSearchParams({ api: params.api });
    if (params.cooldown !== undefined) query.set('cooldown', String(params.cooldown));
    await this.page.goto(`${this.baseUrl}/?${query}`);
    await this.page.locator('[data-testid="login"]:not([data-step="restoring"])').waitFor();
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await this.container.waitFor();
  }

  async choosePhone(): Promise<void> {
    await this.page.getByRole('radio', { name: this.labels.methodPhone, exact: true }).check();
  }

  async chooseEmail(): Promise<void> {
    await this.page.getByRole('radio', { name: this.labels.methodEmail, exact: true }).check();
  }

  async fillPhone(countryCode: string, phone: string): Promise<void> {
    await this.page.getByRole('textbox', { name: this.labels.countryCode, exact: true }).fill(countryCode);
    await this.page.getByRole('textbox', { name: this.labels.phoneNumber, exact: true }).fill(phone);
  }

  async chooseGateway(gateway: 'whatsapp' | 'sms'): Promise<void> {
    const name = gateway === 'whatsapp' ? this.labels.gatewayWhatsapp : this.labels.gatewaySms;
    await this.page.getByRole('radio', { name, exact: true }).check();
  }

  async fillEmail(email: string): Promise<void> {
    await this.page.getByRole('textbox', { name: this.labels.email, exact: true }).fill(email);
  }

  async sendCode(): Promise<void> {
    await this.sendCodeButton.click();
  }

  async enterCode(code: string): Promise<void> {
    await this.codeInput.fill(code);
  }

  async verify(): Promise<void> {
    await this.button(this.labels.verify).click();
  }

  async resend(): Promise<void> {
    await this.resendButton.click();
  }

  async changeNumber(): Promise<void> {
    await this.button(this.labels.changeNumber).click();
  }

  async refreshSession(): Promise<void> {
    await this.button(this.labels.refresh).click();
  }

  async logOut(): Promise<void> {
    await this.button(this.labels.logOut).click();
  }

  async switchLanguage(locale: Locale): Promise<void> {
    await this.page.getByRole('combobox', { name: this.labels.language, exact: true }).selectOption(locale);
    this.#locale = locale;
  }

  /** The step the page shows now. */
  async step(): Promise<LoginStep> {
    return (await this.container.getAttribute('data-step')) as LoginStep;
  }

  /** Waits until the page shows `step`. */
  async expectStep(step: LoginStep, timeout = 10_000): Promise<void> {
    await this.waitWithContext(
      this.page.locator(`[data-testid="login"][data-step="${step}"]`),
      timeout,
      async () => `step "${await this.step()}"`,
      `step "${step}"`,
    );
  }

  /** Waits until the alert shows `text` (a substring). */
  async expectAlert(text: string, timeout = 10_000): Promise<void> {
    await this.waitWithContext(
      this.alert.filter({ hasText: text }),
      timeout,
      async () => `alert ${JSON.stringify(await this.alertText())}`,
      `alert "${text}"`,
    );
  }

  /** Waits until the status line shows `text` (a substring). */
  async expectStatus(text: string, timeout = 10_000): Promise<void> {
    await this.waitWithContext(
      this.status.filter({ hasText: text }),
      timeout,
      async () => `status ${JSON.stringify(await this.status.textContent())}`,
      `status "${text}"`,
    );
  }

  /** Waits until some text is visible on the page. */
  async expectText(text: string, timeout = 10_000): Promise<void> {
    await this.page.getByText(text, { exact: true }).first().waitFor({ state: 'visible', timeout });
  }

  /** The alert's text, or '' when there is none. */
  async alertText(): Promise<string> {
    return (await this.alert.count()) === 0 ? '' : ((await this.alert.first().textContent()) ?? '').trim();
  }

  /** Saves a full-page screenshot under `path`. */
  async screenshot(path: string): Promise<void> {
    await mkdir(dirname(path), { recursive: true });
    await this.page.screenshot({ path, fullPage: true, animations: 'disabled' });
  }

  private button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  private async waitWithContext(
    locator: Locator,
    timeout: number,
    describeNow: () => Promise<string>,
    wanted: string,
  ): Promise<void> {
    try {
      await locator.first().waitFor({ state: 'visible', timeout });
    } catch (error) {
      const now = await describeNow().catch(() => 'unknown');
      throw new Error(`Waited ${timeout} ms for ${wanted}; the page shows ${now}`, { cause: error });
    }
  }
}
