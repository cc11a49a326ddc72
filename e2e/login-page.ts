import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import {
  type Locale,
  type LoginField,
  type LoginLabelKey,
  type LoginStep,
  loginLabels,
} from '../packages/core/src/index.js';
import { matchLabel } from '../packages/testing/src/match-label.js';

/** What the demo reads from its query string (apps/DEMO-CONTRACT.md). */
export interface DemoParams {
  /** The mock server's URL. */
  api: string;
  /** The client-side resend cooldown in ms. */
  cooldown?: number;
  /** Auto refresh this many ms before the session expires. */
  autoRefresh?: number;
}

/** Where the demo persists the actor's snapshot (apps/DEMO-CONTRACT.md). */
export const snapshotKey = 'verifik-demo.snapshot';

/** What the page shows at one moment, read in one go by {@link LoginPage.view}. */
export interface LoginPageView {
  step: LoginStep;
  /** The alert's text; '' when there is none. */
  alert: string;
  /** The status line's text. */
  status: string;
  /** The fields marked `aria-invalid="true"`, by name, sorted. */
  invalidFields: LoginField[];
  /**
   * Whether the step's main action waits: the form's `aria-busy`, else the Refresh button (or the
   * expired code's Resend button) disabled; null when the page shows none of them.
   */
  busy: boolean | null;
  /** N from "Wrong attempts: N"; null when the line is not shown. */
  attempts: number | null;
  /** The target of "We sent a code to {target} by {channel}." in the status line; null when not shown. */
  sentTo: string | null;
  /** Whether the "You can ask for a new code in m:ss." countdown is shown. */
  resendCountdown: boolean;
  /** The resend countdown's text; null when not shown. */
  resendCountdownText: string | null;
  /** The "The code expires in m:ss." countdown's text; null when not shown. */
  otpCountdownText: string | null;
  /** The page's clock (`Date.now()`) when it was read, epoch ms. */
  now: number;
  /** The keys the page's `sessionStorage` and `localStorage` hold, read with the rest. */
  storageKeys: Array<{ area: 'sessionStorage' | 'localStorage'; key: string }>;
  /** Where a text `view({ findInStorage })` looks for shows up in a stored value (never the value itself). */
  foundInStorage: Array<{ area: 'sessionStorage' | 'localStorage'; key: string; text: string }>;
  /** Whether the page shows a session (its token). */
  tokenShown: boolean;
  /** Whether the identifier form is on screen (its "Send code" button), rather than the code or another view. */
  identifierFormShown: boolean;
  /** The state value of the snapshot the page persisted, dotted (`awaitingOtp.cooldown`); null when none. */
  persistedState: string | null;
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

  get verifyButton(): Locator {
    return this.button(this.labels.verify);
  }

  get changeNumberButton(): Locator {
    return this.button(this.labels.changeNumber);
  }

  get refreshButton(): Locator {
    return this.button(this.labels.refresh);
  }

  get logOutButton(): Locator {
    return this.button(this.labels.logOut);
  }

  get revokeOthersButton(): Locator {
    return this.button(this.labels.revokeOthers);
  }

  get codeInput(): Locator {
    return this.page.getByRole('textbox', { name: this.labels.verificationCode, exact: true });
  }

  get authenticatorCodeInput(): Locator {
    return this.page.getByRole('textbox', { name: this.labels.authenticatorCode, exact: true });
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
    if (params.autoRefresh !== undefined) query.set('autoRefresh', String(params.autoRefresh));
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

  async enterAuthenticatorCode(code: string): Promise<void> {
    await this.authenticatorCodeInput.fill(code);
  }

  async verify(): Promise<void> {
    await this.verifyButton.click();
  }

  async resend(): Promise<void> {
    await this.resendButton.click();
  }

  async changeNumber(): Promise<void> {
    await this.changeNumberButton.click();
  }

  async refreshSession(): Promise<void> {
    await this.refreshButton.click();
  }

  async logOut(): Promise<void> {
    await this.logOutButton.click();
  }

  async revokeOthers(): Promise<void> {
    await this.revokeOthersButton.click();
  }

  /** Whether the page offers `control` now: there, visible and enabled (read at once, no waiting). */
  async offers(control: Locator): Promise<boolean> {
    const first = control.first();
    return (await first.isVisible()) && (await first.isEnabled());
  }

  /** Whether the code field takes input now (there, visible, not read-only). */
  async takesCode(): Promise<boolean> {
    return (await this.codeInput.isVisible()) && (await this.codeInput.isEditable());
  }

  /** On the authenticator step: its own field, editable, and no code field (that is `awaitingOtp`'s form). */
  async takesAuthenticatorCode(): Promise<boolean> {
    const field = this.authenticatorCodeInput;
    return !(await this.codeInput.isVisible()) && (await field.isVisible()) && (await field.isEditable());
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

  /**
   * Everything {@link LoginPageView} names, read in one evaluation so the parts agree; `findInStorage`
   * names texts (e.g. codes) to look for in the stored values, as whole digit runs.
   */
  async view(options: { findInStorage?: readonly string[] } = {}): Promise<LoginPageView> {
    const { labels } = this;
    const fields: Record<LoginField, string> = {
      countryCode: labels.countryCode,
      phone: labels.phoneNumber,
      email: labels.email,
      otp: labels.verificationCode,
      authenticatorOtp: labels.authenticatorCode,
      gateway: labels.gateway,
      language: labels.language,
    };
    const raw = await this.page.evaluate(
      ({ refresh, resend, sendCode, token, key, find }) => {
        const text = (node: Element | null | undefined) => (node?.textContent ?? '').trim();
        const card = document.querySelector<HTMLElement>('[data-testid="login"]');
        const buttonNamed = (name: string) =>
          [...(card?.querySelectorAll('button') ?? [])].find(
            (button) => (button.getAttribute('aria-label') ?? text(button)) === name,
          );
        const form = card?.querySelector('form');
        const busyButton = buttonNamed(refresh) ?? buttonNamed(resend);
        const invalid = [...(card?.querySelectorAll('input[aria-invalid="true"]') ?? [])].map((input) =>
          text((input as HTMLInputElement).labels?.[0]),
        );
        return {
          step: card?.dataset.step ?? '',
          alert: text(card?.querySelector('[role="alert"]')),
          status: text(card?.querySelector('[role="status"]')),
          invalid,
          busy: form ? form.getAttribute('aria-busy') === 'true' : busyButton ? busyButton.disabled : null,
          paragraphs: [...(card?.querySelectorAll('p') ?? [])].map(text),
          resendCountdown: card?.querySelector('[data-testid="resend-countdown"]') != null,
          resendCountdownText: card?.querySelector('[data-testid="resend-countdown"]')?.textContent ?? null,
          otpCountdownText: card?.querySelector('[data-testid="otp-countdown"]')?.textContent ?? null,
          now: Date.now(),
          storageKeys: (['sessionStorage', 'localStorage'] as const).flatMap((area) =>
            Object.keys(window[area]).map((name) => ({ area, key: name })),
          ),
          foundInStorage: (['sessionStorage', 'localStorage'] as const).flatMap((area) =>
            Object.keys(window[area]).flatMap((name) => {
              const value = window[area].getItem(name) ?? '';
              return find
                .filter((text) => new RegExp(`(?<!\\d)${text}(?!\\d)`).test(value))
                .map((text) => ({ area, key: name, text }));
            }),
          ),
          tokenShown: [...(card?.querySelectorAll('dt') ?? [])].some((dt) => text(dt) === token),
          identifierFormShown: buttonNamed(sendCode) !== undefined,
          snapshot: sessionStorage.getItem(key),
        };
      },
      {
        refresh: labels.refresh,
        resend: labels.resendCode,
        sendCode: labels.sendCode,
        token: labels.token,
        key: snapshotKey,
        find: [...(options.findInStorage ?? [])],
      },
    );
    const byLabel = new Map(Object.entries(fields).map(([field, label]) => [label, field as LoginField]));
    const attempts = raw.paragraphs.map((line) => matchLabel(labels.attempts, line)).find(Boolean);
    return {
      step: raw.step as LoginStep,
      alert: raw.alert,
      status: raw.status,
      invalidFields: raw.invalid.map((label) => byLabel.get(label) ?? (label as LoginField)).sort(),
      busy: raw.busy,
      attempts: attempts ? Number(attempts.count) : null,
      sentTo: matchLabel(labels.codeSentTo, raw.status)?.target ?? null,
      resendCountdown: raw.resendCountdown,
      resendCountdownText: raw.resendCountdownText?.trim() ?? null,
      otpCountdownText: raw.otpCountdownText?.trim() ?? null,
      now: raw.now,
      storageKeys: raw.storageKeys,
      foundInStorage: raw.foundInStorage,
      tokenShown: raw.tokenShown,
      identifierFormShown: raw.identifierFormShown,
      persistedState: stateValueOf(raw.snapshot),
    };
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

/** The dotted state value of a persisted XState snapshot (`{ awaitingOtp: 'cooldown' }` → `awaitingOtp.cooldown`). */
function stateValueOf(raw: string | null): string | null {
  if (raw === null) return null;
  const dotted = (value: unknown): string => {
    if (typeof value === 'string') return value;
    const [key, child] = Object.entries(value as Record<string, unknown>)[0] ?? ['?', ''];
    const rest = dotted(child);
    return rest ? `${key}.${rest}` : key;
  };
  try {
    return dotted((JSON.parse(raw) as { value: unknown }).value);
  } catch {
    return null;
  }
}
