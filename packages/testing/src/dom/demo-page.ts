/**
 * The demo pages' DOM, read and driven in the terms of the path catalogue. Both demos follow one
 * contract (`apps/DEMO-CONTRACT.md`: accessible names, `data-step`, the status and alert regions), so
 * one binding serves React and Vue; each framework adds only how it mounts, acts and re-renders.
 * @module @verifik-auth/testing/dom
 */
import { screen, within } from '@testing-library/dom';
import { userEvent } from '@testing-library/user-event';
import {
  errorMessages,
  type LoginErrorCode,
  type LoginEvent,
  type LoginField,
  type LoginMachine,
  type LoginStep,
  loginLabels,
} from '@verifik-auth/core';
import type { Actor } from 'xstate';
import { matchLabel } from '../match-label.js';
import type { ObservedState } from '../run-path.js';
import type { UiBinding } from '../scripted-driver.js';
import type { ScriptedLogin } from '../scripted-login.js';

const labels = loginLabels.en;
const messages = errorMessages.en;

/** The error code whose message the alert shows (its text when none matches, so the diff shows it). */
const codeByMessage = new Map(Object.entries(messages).map(([code, text]) => [text, code as LoginErrorCode]));

/** A field's label, as the page shows it, to the view's field name. */
const fieldByLabel = new Map<string, LoginField>([
  [labels.countryCode, 'countryCode'],
  [labels.phoneNumber, 'phone'],
  [labels.email, 'email'],
  [labels.verificationCode, 'otp'],
  [labels.authenticatorCode, 'authenticatorOtp'],
]);

const card = () => screen.getByTestId('login');
const button = (name: string) => within(card()).queryByRole('button', { name });
const field = (name: string) => within(card()).queryByRole('textbox', { name });
const text = (element: Element | null) => element?.textContent?.trim() ?? '';

/** The visible text of the page's buttons, by name (`aria-label` first, as the accessible name is). */
function buttonsOf(root: HTMLElement): Map<string, HTMLButtonElement> {
  const found = new Map<string, HTMLButtonElement>();
  for (const element of root.querySelectorAll('button')) {
    found.set(element.getAttribute('aria-label') ?? text(element), element);
  }
  return found;
}

/** What the page shows, in the terms of `ExpectedState`; parts it does not show are left out. */
export function observeDemoPage(): ObservedState {
  const root = card();
  const step = root.dataset.step as LoginStep;
  const status = text(root.querySelector('[role="status"]'));
  const alert = text(root.querySelector('[role="alert"]'));
  const heading = text(root.querySelector('h1'));
  const buttons = buttonsOf(root);
  const observed: ObservedState = {
    step,
    // Busy: "Checking your session…" or "Sending…", a form marked aria-busy, or a disabled
    // "Refresh session".
    busy:
      status === labels.restoring ||
      status === labels.sending ||
      root.querySelector('[aria-busy="true"]') !== null ||
      buttons.get(labels.refresh)?.disabled === true,
    error: alert === '' ? null : (codeByMessage.get(alert) ?? (alert as LoginErrorCode)),
    canResend: buttons.get(labels.resendCode)?.disabled === false,
    signedIn: heading === labels.signedIn,
  };
  if (observed.signedIn !== buttons.has(labels.logOut)) {
    throw new Error(
      `the heading reads "${heading}" but "${labels.logOut}" is ${observed.signedIn ? 'missing' : 'shown'}`,
    );
  }

  // Field errors: only where the page shows fields (none while restoring, signed in, or on the
  // expired-code screen), read from `aria-invalid` and named by their labels.
  const fields = [...root.querySelectorAll<HTMLInputElement>('input:not([type="radio"])')].map((input) => {
    const label = text(root.querySelector(`label[for="${input.id}"]`));
    return {
      name: fieldByLabel.get(label) ?? (label as LoginField),
      invalid: input.getAttribute('aria-invalid') === 'true',
    };
  });
  if (fields.length > 0) {
    observed.fieldErrors = fields
      .filter((shown) => shown.invalid)
      .map((shown) => shown.name)
      .sort();
  }
  // Wrong attempts: "Wrong attempts: N" next to the code field, no line for none.
  if (fields.some((shown) => shown.name === 'otp')) {
    const attempts = [...root.querySelectorAll('p')]
      .map((line) => matchLabel(labels.attempts, text(line)))
      .find(Boolean);
    observed.attempts = attempts ? Number(attempts.count) : 0;
  }
  // The masked identifier: in "We sent a code to … by …".
  const sentTo = matchLabel(labels.codeSentTo, status);
  if (sentTo) observed.maskedIdentifier = sentTo.target ?? null;
  // Why it expired: the status line of step `expired`.
  if (step === 'expired') {
    observed.expiredReason =
      status === labels.expiredOtp
        ? 'otp'
        : status === labels.expiredSession
          ? 'session'
          : status === labels.expiredRevoked
            ? 'revoked'
            : null;
  }
  return observed;
}

/** Types and clicks on a demo page; `rendered` lets a framework finish rendering after each action. */
export interface DemoPageUser {
  /** Does what `event` says through the page when it offers a control for it; `false` when it does not. */
  send(event: LoginEvent): Promise<boolean>;
}

/**
 * A user of a demo page (one per mounted page).
 * @example
 * const user = createDemoPageUser({ rendered: () => nextTick() });
 * await user.send({ type: 'otp.submit', otp: '123456' });
 */
export function createDemoPageUser(options: { rendered?: () => Promise<void> | void } = {}): DemoPageUser {
  const user = userEvent.setup({ delay: null });
  const rendered = async () => {
    await options.rendered?.();
  };
  const press = async (element: HTMLElement) => {
    await user.click(element);
    await rendered();
  };
  async function retype(input: HTMLElement, value: string) {
    await user.clear(input);
    if (value !== '') await user.type(input, value);
    await rendered();
  }

  /** Types and clicks for `event` when the page offers a control for it; `false` when it does not. */
  async function sendThroughPage(event: LoginEvent): Promise<boolean> {
    switch (event.type) {
      case 'login.phone':
      case 'login.email': {
        const submit = button(labels.sendCode);
        if (!submit || submit.hasAttribute('disabled')) return false;
        const scope = within(card());
        if (event.type === 'login.phone') {
          await press(scope.getByRole('radio', { name: labels.methodPhone }));
          await retype(scope.getByRole('textbox', { name: labels.countryCode }), event.countryCode);
          await retype(scope.getByRole('textbox', { name: labels.phoneNumber }), event.phone);
          if (event.gateway) {
            const gateway = event.gateway === 'sms' ? labels.gatewaySms : labels.gatewayWhatsapp;
            await press(scope.getByRole('radio', { name: gateway }));
          }
        } else {
          await press(scope.getByRole('radio', { name: labels.methodEmail }));
          await retype(scope.getByRole('textbox', { name: labels.email }), event.email);
        }
        await press(submit);
        return true;
      }
      case 'otp.submit': {
        const code = field(labels.verificationCode);
        const verify = button(labels.verify);
        if (!code || code.hasAttribute('readonly') || !verify || verify.hasAttribute('disabled'))
          return false;
        await retype(code, event.otp);
        if (event.authenticatorOtp !== undefined) {
          const second = field(labels.authenticatorCode);
          if (!second) return false;
          await retype(second, event.authenticatorOtp);
        }
        await press(verify);
        return true;
      }
      case 'authenticator.submit': {
        const code = field(labels.authenticatorCode);
        const verify = button(labels.verify);
        // The step's own form: the code field of `awaitingOtp` is gone.
        if (!code || field(labels.verificationCode) || code.hasAttribute('readonly')) return false;
        if (!verify || verify.hasAttribute('disabled')) return false;
        await retype(code, event.authenticatorOtp);
        await press(verify);
        return true;
      }
      case 'otp.resend':
        return click(labels.resendCode);
      case 'login.cancel':
        return click(labels.changeNumber);
      case 'session.refresh':
        return click(labels.refresh);
      case 'session.logout':
        return click(labels.logOut);
      case 'session.revokeOthers':
        return click(labels.revokeOthers);
      default:
        return false;
    }
  }

  async function click(name: string): Promise<boolean> {
    const target = button(name);
    if (!target || target.hasAttribute('disabled')) return false;
    await press(target);
    return true;
  }

  return { send: sendThroughPage };
}

/** What differs between frameworks when a demo page runs the login paths. */
export interface DemoPageHost {
  /** Renders the demo page on `actor`; `api` is only for the inbox link. */
  render(actor: Actor<LoginMachine>, api: string): void;
  /** Unmounts the page, before a reload renders it again and when the path ends. */
  cleanup(): void;
  /** Resolves once the framework has rendered pending changes (Vue: `nextTick`). */
  rendered?(): Promise<void>;
  /** Wraps changes made to the actor outside the page (React: `act`). */
  act?(work: () => Promise<void>): Promise<void>;
  /** Sets the page's clock (e.g. `vi.setSystemTime`), so its countdowns read like the path's time. */
  setClock(now: number): void;
}

/**
 * A demo page as the `UiBinding` of the scripted driver: the user's events go through the page and
 * `observeDemoPage` reads back what it shows.
 */
export function createDemoPageBinding(host: DemoPageHost): UiBinding {
  // The inbox link needs a URL; nothing is ever fetched from it.
  const api = 'http://127.0.0.1:9';
  const rendered = async () => {
    await host.rendered?.();
  };
  const act = host.act?.bind(host) ?? ((work: () => Promise<void>) => work());
  let login: ScriptedLogin | undefined;
  let user = createDemoPageUser({ rendered });
  const syncClock = () => {
    if (login) host.setClock(login.now());
  };
  return {
    async mount(actor, scripted) {
      login = scripted;
      user = createDemoPageUser({ rendered });
      syncClock();
      host.render(actor, api);
      await rendered();
    },
    unmount: () => host.cleanup(),
    // The forms send the page's language and the gateway chosen (WhatsApp unless changed) with a code request.
    extraBodyFields: ['language', 'phoneGateway'],
    async act(work) {
      await act(async () => {
        await work();
        syncClock();
      });
      await rendered();
    },
    async send(event) {
      const done = await user.send(event);
      syncClock();
      await rendered();
      return done;
    },
    async observe() {
      await rendered();
      return observeDemoPage();
    },
  };
}
