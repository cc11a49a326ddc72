import { ChangeDetectionStrategy, Component } from '@angular/core';
import { type LoginView, resolveLocale } from '@verifik-auth/core';
import { useVerifikLoginSelector } from '../index.js';
import { AuthenticatorForm } from './authenticator-form.js';
import { injectDemo } from './demo-settings.js';
import { ExpiredOtp } from './expired-otp.js';
import { IdentifierForm } from './identifier-form.js';
import { OtpForm } from './otp-form.js';
import { SessionPanel } from './session-panel.js';
import { ErrorAlert, StatusLine } from './status-line.js';

type Screen = 'none' | 'identifier' | 'otp' | 'expiredOtp' | 'authenticator' | 'session';

/**
 * The screen for a view. A resend (`sending` with `resending`) keeps the code (or expired-code) screen
 * on the page instead of the form; an expired session shows the form again.
 */
function screenOf({ step, resending, expiredReason }: LoginView): Screen {
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
 * The demo page below a `provideVerifikLogin()`. It reads only `step` and which screen to show; a
 * screen is created when it appears (the form keeps what was typed from `idle` to `sending`), and the
 * parts below read what they show.
 */
@Component({
  selector: 'demo-login',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [StatusLine, ErrorAlert, IdentifierForm, OtpForm, ExpiredOtp, AuthenticatorForm, SessionPanel],
  template: `
    <main class="page">
      <div class="language">
        <label for="language">{{ labels().language }}</label>
        <select id="language" [value]="demo.locale()" (change)="switchLanguage($event)">
          <option value="en" lang="en">English</option>
          <option value="es" lang="es">Español</option>
        </select>
      </div>
      <div class="card" data-testid="login" [attr.data-step]="step()">
        <p class="eyebrow">verifik-auth · Angular</p>
        <h1 id="login-title">{{ step() === 'authenticated' ? labels().signedIn : labels().title }}</h1>
        <demo-status-line />
        <demo-error-alert />
        @switch (screen()) {
          @case ('identifier') { <demo-identifier-form /> }
          @case ('otp') { <demo-otp-form /> }
          @case ('expiredOtp') { <demo-expired-otp /> }
          @case ('authenticator') { <demo-authenticator-form /> }
          @case ('session') { <demo-session-panel /> }
        }
      </div>
      <p class="footer">
        <a [href]="demo.api + '/__dev/'" target="_blank" rel="noreferrer">{{ labels().inbox }}</a>
      </p>
    </main>
  `,
})
export class LoginDemo {
  protected readonly demo = injectDemo();
  protected readonly labels = this.demo.labels;
  protected readonly step = useVerifikLoginSelector((view) => view.step);
  protected readonly screen = useVerifikLoginSelector(screenOf);

  protected switchLanguage(event: Event): void {
    this.demo.locale.set(resolveLocale((event.target as HTMLSelectElement).value));
  }
}
