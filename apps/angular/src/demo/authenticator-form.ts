import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { formatLabel } from '@verifik-auth/core';
import { useVerifikLoginContext } from '../index.js';
import { CountdownText } from './countdown-text.js';
import { injectDemo } from './demo-settings.js';
import { digitsOnly, Field } from './field.js';

/**
 * Step `awaitingAuthenticator`: the code was right, and the account's authenticator app must confirm
 * it. First login: the QR code and the key to set the app up; later: the prompt (the status line) and
 * what to do when the app is lost. The QR code and key are the account's secrets: shown, never kept.
 */
@Component({
  selector: 'demo-authenticator-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Field, CountdownText],
  template: `
    <form class="stack" (submit)="submit($event)" novalidate [attr.aria-busy]="login.busy()">
      @if (qrCode() || secretKey()) {
        <div class="authenticator-setup">
          <p>{{ labels().authenticatorSetup }}</p>
          @if (qrCode(); as src) {
            <img class="qr" [src]="src" [alt]="labels().authenticatorQr" width="192" height="192" />
          }
          @if (secretKey(); as key) {
            <p class="authenticator-key">{{ labels().authenticatorKey }}: <code data-testid="authenticator-key">{{ key }}</code></p>
          }
        </div>
      } @else {
        <p class="hint">{{ labels().authenticatorLost }}</p>
      }
      <demo-field
        #codeField
        fieldId="authenticator-otp"
        extraClass="otp"
        [label]="labels().authenticatorCode"
        inputmode="numeric"
        pattern="[0-9]*"
        [maxlength]="6"
        autocomplete="one-time-code"
        [focusOnMount]="true"
        [readonly]="login.busy()"
        [normalize]="digitsOnly"
        [value]="code()"
        (valueChange)="code.set($event)"
        [error]="login.fieldErrors().authenticatorOtp"
      />
      @if (login.attempts() > 0) {
        <p class="attempts">{{ attemptsText() }}</p>
      }
      <demo-countdown [deadline]="login.otpExpiresAt()" [template]="labels().codeExpiresIn" testId="otp-countdown" />

      <button type="submit" class="primary" [disabled]="login.busy()" [attr.aria-label]="labels().verify">{{ login.busy() ? labels().verifying : labels().verify }}</button>
      <div class="secondary-actions">
        <button type="button" class="link" (click)="login.cancel()">{{ labels().changeNumber }}</button>
      </div>
    </form>
  `,
})
export class AuthenticatorForm {
  protected readonly login = useVerifikLoginContext();
  protected readonly labels = injectDemo().labels;
  protected readonly digitsOnly = digitsOnly;
  protected readonly code = signal('');
  protected readonly qrCode = computed(() => this.login.authenticator()?.qrCode ?? null);
  protected readonly secretKey = computed(() => this.login.authenticator()?.secretKey ?? null);
  protected readonly attemptsText = computed(() =>
    formatLabel(this.labels().attempts, { count: this.login.attempts() }),
  );
  private readonly codeField = viewChild<Field>('codeField');

  constructor() {
    // After a wrong code, start the next try from an empty, focused field.
    effect(() => {
      if (this.login.attempts() === 0) return;
      untracked(() => {
        this.code.set('');
        this.codeField()?.focus();
      });
    });
  }

  protected submit(event: Event): void {
    event.preventDefault();
    this.login.submitAuthenticator(this.code());
  }
}
