import { formatLabel } from '@verifik-auth/core';
import { createEffect, createSignal, on, Show } from 'solid-js';
import { useVerifikLoginContext } from '../index.js';
import { CodeField } from './CodeField.js';
import { Countdown } from './Countdown.js';
import { useDemo } from './demo-context.js';

/** Steps `awaitingOtp` and `confirming`: the code, and what to do when it does not come. */
export function OtpForm() {
  const demo = useDemo();
  const login = useVerifikLoginContext();
  const confirming = () => login.step === 'confirming';
  const [otp, setOtp] = createSignal('');
  const [authenticatorOtp, setAuthenticatorOtp] = createSignal('');
  let otpInput: HTMLInputElement | undefined;

  // After a wrong code, start the next try from an empty, focused field.
  createEffect(
    on(
      () => login.attempts,
      (attempts) => {
        if (attempts === 0) return;
        setOtp('');
        otpInput?.focus();
      },
    ),
  );

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    login.submitOtp(otp(), login.requires2FA ? authenticatorOtp() : undefined);
  };

  return (
    <form class="stack" onSubmit={submit} novalidate aria-busy={login.busy}>
      <CodeField
        id="otp"
        label={demo.labels.verificationCode}
        ref={(input) => {
          otpInput = input;
        }}
        autocomplete="one-time-code"
        focusOnMount
        readOnly={confirming()}
        value={otp()}
        onDigits={setOtp}
        error={login.fieldErrors.otp}
      />
      <Show when={login.requires2FA}>
        <CodeField
          id="authenticator-otp"
          label={demo.labels.authenticatorCode}
          autocomplete="off"
          readOnly={confirming()}
          value={authenticatorOtp()}
          onDigits={setAuthenticatorOtp}
          error={login.fieldErrors.authenticatorOtp}
        />
      </Show>
      <Show when={login.attempts > 0}>
        <p class="attempts">{formatLabel(demo.labels.attempts, { count: login.attempts })}</p>
      </Show>
      <Countdown deadline={login.otpExpiresAt} template={demo.labels.codeExpiresIn} testId="otp-countdown" />

      <button type="submit" class="primary" disabled={login.busy} aria-label={demo.labels.verify}>
        {confirming() ? demo.labels.verifying : demo.labels.verify}
      </button>

      <div class="secondary-actions">
        <button type="button" disabled={!login.canResend || login.busy} onClick={() => login.resend()}>
          {demo.labels.resendCode}
        </button>
        <button type="button" class="link" onClick={() => login.cancel()}>
          {demo.labels.changeNumber}
        </button>
      </div>
      <Show when={!login.canResend}>
        <Countdown
          deadline={login.resendAvailableAt}
          template={demo.labels.resendIn}
          testId="resend-countdown"
        />
      </Show>
    </form>
  );
}
