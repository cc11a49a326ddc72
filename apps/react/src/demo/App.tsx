import { type Locale, type LoginStep, loginLabels, resolveLocale } from '@verifik-auth/core';
import { useEffect, useMemo, useState } from 'react';
import { localeKey } from '../../../demo-setup.js';
import { type LoginActor, useVerifikLoginSelector, VerifikLoginProvider } from '../index.js';
import { AuthenticatorForm } from './AuthenticatorForm.js';
import { DemoContext, useDemo } from './demo-context.js';
import { ExpiredOtp } from './ExpiredOtp.js';
import { IdentifierForm } from './IdentifierForm.js';
import { OtpForm } from './OtpForm.js';
import { SessionPanel } from './SessionPanel.js';
import { ErrorAlert, StatusLine } from './StatusLine.js';

function LanguageSwitch({ onChange }: { onChange: (locale: Locale) => void }) {
  const { labels, locale } = useDemo();
  return (
    <div className="language">
      <label htmlFor="language">{labels.language}</label>
      <select id="language" value={locale} onChange={(event) => onChange(resolveLocale(event.target.value))}>
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

/** Step `expired`: a new code for an expired one, or the form again for an expired session. */
function Expired() {
  const reason = useVerifikLoginSelector((view) => view.expiredReason);
  return reason === 'otp' ? <ExpiredOtp /> : <IdentifierForm />;
}

/** Step `sending`: a resend keeps the code (or expired-code) view on screen instead of the form. */
function Sending() {
  const resending = useVerifikLoginSelector((view) => view.resending);
  const expiredOtp = useVerifikLoginSelector((view) => view.expiredReason === 'otp');
  if (!resending) return <IdentifierForm />;
  return expiredOtp ? <ExpiredOtp /> : <OtpForm />;
}

function StepContent({ step }: { step: LoginStep }) {
  switch (step) {
    case 'sending':
      return <Sending />;
    case 'restoring':
      return null;
    case 'awaitingOtp':
    case 'confirming':
      return <OtpForm />;
    case 'awaitingAuthenticator':
      return <AuthenticatorForm />;
    case 'authenticated':
      return <SessionPanel />;
    case 'expired':
      return <Expired />;
    default:
      return <IdentifierForm />;
  }
}

/**
 * The demo page inside a {@link VerifikLoginProvider}. It reads nothing but `step`, so it renders once
 * per step change; the parts below subscribe to what they show.
 */
export function LoginDemo({ onLocaleChange }: { onLocaleChange: (locale: Locale) => void }) {
  const { labels, api } = useDemo();
  const step = useVerifikLoginSelector((view) => view.step);
  return (
    <main className="page">
      <LanguageSwitch onChange={onLocaleChange} />
      <div className="card" data-testid="login" data-step={step}>
        <p className="eyebrow">verifik-auth · React</p>
        <h1 id="login-title">{step === 'authenticated' ? labels.signedIn : labels.title}</h1>
        <StatusLine />
        <ErrorAlert />
        <StepContent step={step} />
      </div>
      <p className="footer">
        <a href={`${api}/__dev/`} target="_blank" rel="noreferrer">
          {labels.inbox}
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
export function App({ actor, api }: { actor: LoginActor; api: string }) {
  const [locale, setLocale] = useState(initialLocale);
  const settings = useMemo(() => ({ locale, labels: loginLabels[locale], api }), [locale, api]);
  useEffect(() => {
    document.documentElement.lang = locale;
    sessionStorage.setItem(localeKey, locale);
  }, [locale]);
  return (
    <DemoContext.Provider value={settings}>
      <VerifikLoginProvider actor={actor} locale={locale}>
        <LoginDemo onLocaleChange={setLocale} />
      </VerifikLoginProvider>
    </DemoContext.Provider>
  );
}
