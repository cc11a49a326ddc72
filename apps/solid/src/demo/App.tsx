import { type Locale, type LoginView, loginLabels, resolveLocale } from '@verifik-auth/core';
import { createEffect, createSignal, type JSX } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { localeKey } from '../../../demo-setup.js';
import { type LoginActor, useVerifikLoginSelector, VerifikLoginProvider } from '../index.js';
import { AuthenticatorForm } from './AuthenticatorForm.js';
import { DemoContext, type DemoSettings, useDemo } from './demo-context.js';
import { ExpiredOtp } from './ExpiredOtp.js';
import { IdentifierForm } from './IdentifierForm.js';
import { OtpForm } from './OtpForm.js';
import { SessionPanel } from './SessionPanel.js';
import { ErrorAlert, StatusLine } from './StatusLine.js';

function LanguageSwitch(props: { onChange: (locale: Locale) => void }) {
  const demo = useDemo();
  return (
    <div class="language">
      <label for="language">{demo.labels.language}</label>
      <select
        id="language"
        value={demo.locale}
        onChange={(event) => props.onChange(resolveLocale(event.currentTarget.value))}
      >
        <option value="en" lang="en">
          English
        </option>
        <option value="es" lang="es">
          Español
        </option>
      </select>
    </div>
  );
}

/** What the card shows under the status line, by step. */
const screens = {
  none: () => null,
  identifier: IdentifierForm,
  otp: OtpForm,
  expiredOtp: ExpiredOtp,
  authenticator: AuthenticatorForm,
  session: SessionPanel,
} satisfies Record<string, () => JSX.Element>;

/**
 * The screen for a view. A resend (`sending` with `resending`) keeps the code (or expired-code) screen
 * on the page instead of the form; an expired session shows the form again.
 */
function screenOf({ step, resending, expiredReason }: LoginView): keyof typeof screens {
  switch (step) {
    case 'restoring':
      return 'none';
    case 'awaitingOtp':
    case 'confirming':
      return 'otp';
    case 'awaitingAuthenticator':
      return 'authenticator';
    case 'authenticated':
      return 'session';
    case 'sending':
      if (!resending) return 'identifier';
      return expiredReason === 'otp' ? 'expiredOtp' : 'otp';
    case 'expired':
      return expiredReason === 'otp' ? 'expiredOtp' : 'identifier';
    default:
      return 'identifier';
  }
}

/**
 * The demo page inside a {@link VerifikLoginProvider}. It reads only `step` and which screen to show;
 * a screen is created when it appears (the form keeps what was typed from `idle` to `sending`), and the
 * parts below read what they show.
 */
export function LoginDemo(props: { onLocaleChange: (locale: Locale) => void }) {
  const demo = useDemo();
  const step = useVerifikLoginSelector((view) => view.step);
  const screen = useVerifikLoginSelector(screenOf);
  return (
    <main class="page">
      <LanguageSwitch onChange={props.onLocaleChange} />
      <div class="card" data-testid="login" data-step={step()}>
        <p class="eyebrow">verifik-auth · Solid</p>
        <h1 id="login-title">{step() === 'authenticated' ? demo.labels.signedIn : demo.labels.title}</h1>
        <StatusLine />
        <ErrorAlert />
        <Dynamic component={screens[screen()]} />
      </div>
      <p class="footer">
        <a href={`${demo.api}/__dev/`} target="_blank" rel="noreferrer">
          {demo.labels.inbox}
        </a>
      </p>
    </main>
  );
}

function initialLocale(): Locale {
  return resolveLocale(
    typeof sessionStorage === 'undefined' ? 'en' : (sessionStorage.getItem(localeKey) ?? 'en'),
  );
}

/** The whole demo: the language choice, and one login actor shared by every component below. */
export function App(props: { actor: LoginActor; api: string }) {
  const [locale, setLocale] = createSignal(initialLocale());
  const settings: DemoSettings = {
    get locale() {
      return locale();
    },
    get labels() {
      return loginLabels[locale()];
    },
    get api() {
      return props.api;
    },
  };
  createEffect(() => {
    document.documentElement.lang = locale();
    sessionStorage.setItem(localeKey, locale());
  });
  return (
    <DemoContext.Provider value={settings}>
      <VerifikLoginProvider actor={props.actor} locale={locale()}>
        <LoginDemo onLocaleChange={setLocale} />
      </VerifikLoginProvider>
    </DemoContext.Provider>
  );
}
