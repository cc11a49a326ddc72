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

/** Steps `awaitingOtp` and `confirming`: the code, and what to do when it does not come. */
@Component({
  selector: 'demo-otp-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Field, CountdownText],
  template: `
    <form class="stack" (submit)="submit($event)" novalidate [attr.aria-busy]="login.busy()">
      <demo-field
        #otpField
        fieldId="otp"
        extraClass="otp"
        [label]="labels().verificationCode"
        inputmode="numeric"
        pattern="[0-9]*"
        [maxlength]="6"
        autocomplete="one-time-code"
        [focusOnMount]="true"
        [readonly]="confirming()"
        [normalize]="digitsOnly"
        [value]="otp()"
        (valueChange)="otp.set($event)"
        [error]="login.fieldErrors().otp"
      />
      @if (login.requires2FA()) {
        <demo-field
          fieldId="authenticator-otp"
          extraClass="otp"
          [label]="labels().authenticatorCode"
          inputmode="numeric"
          pattern="[0-9]*"
          [maxlength]="6"
          autocomplete="off"
          [readonly]="confirming()"
          [normalize]="digitsOnly"
          [value]="authenticatorOtp()"
          (valueChange)="authenticatorOtp.set($event)"
          [error]="login.fieldErrors().authenticatorOtp"
        />
      }
      @if (login.attempts() > 0) {
        <p class="attempts">{{ attemptsText() }}</p>
      }
      <demo-countdown [deadline]="login.otpExpiresAt()" [template]="labels().codeExpiresIn" testId="otp-countdown" />

      <button type="submit" class="primary" [disabled]="login.busy()" [attr.aria-label]="labels().verify">{{ confirming() ? labels().verifying : labels().verify }}</button>

      <div class="secondary-actions">
        <button type="button" [disabled]="!login.canResend() || login.busy()" (click)="login.resend()">{{ labels().resendCode }}</button>
        <button type="button" class="link" (click)="login.cancel()">{{ labels().changeNumber }}</button>
      </div>
      @if (!login.canResend()) {
        <demo-countdown [deadline]="login.resendAvailableAt()" [template]="labels().resendIn" testId="resend-countdown" />
      }
    </form>
  `,
})
export class OtpForm {
  protected readonly login = useVerifikLoginContext();
  protected readonly labels = injectDemo().labels;
  protected readonly digitsOnly = digitsOnly;
  protected readonly confirming = computed(() => this.login.step() === 'confirming');
  protected readonly otp = signal('');
  protected readonly authenticatorOtp = signal('');
  protected readonly attemptsText = computed(() =>
    formatLabel(this.labels().attempts, { count: this.login.attempts() }),
  );
  private readonly otpField = viewChild<Field>('otpField');

  constructor() {
    // After a wrong code, start the next try from an empty, focused field.
    effect(() => {
      if (this.login.attempts() === 0) return;
      untracked(() => {
        this.otp.set('');
        this.otpField()?.focus();
      });
    });
  }

  protected submit(event: Event): void {
    event.preventDefault();
    this.login.submitOtp(this.otp(), this.login.requires2FA() ? this.authenticatorOtp() : undefined);
  }
}
