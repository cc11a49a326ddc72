import { formatLabel, type LoginView } from '@verifik-auth/core';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useVerifikLoginSelector } from '../index.js';
import { CodeField } from './CodeField.js';
import { Countdown } from './Countdown.js';
import { useDemo } from './demo-context.js';

const pick = (view: LoginView) => ({
  confirming: view.step === 'confirming',
  busy: view.busy,
  requires2FA: view.requires2FA,
  attempts: view.attempts,
  otpExpiresAt: view.otpExpiresAt,
  resendAvailableAt: view.resendAvailableAt,
  canResend: view.canResend,
  fieldErrors: view.fieldErrors,
  submitOtp: view.submitOtp,
  resend: view.resend,
  cancel: view.cancel,
});

/** Steps `awaitingOtp` and `confirming`: the code, and what to do when it does not come. */
export function OtpForm() {
  const { labels } = useDemo();
  const login = useVerifikLoginSelector(pick);
  const [otp, setOtp] = useState('');
  const [authenticatorOtp, setAuthenticatorOtp] = useState('');
  const otpInput = useRef<HTMLInputElement>(null);

  // After a wrong code, start the next try from an empty, focused field.
  useEffect(() => {
    if (login.attempts === 0) return;
    setOtp('');
    otpInput.current?.focus();
  }, [login.attempts]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.submitOtp(otp, login.requires2FA ? authenticatorOtp : undefined);
  };

  return (
    <form className="stack" onSubmit={submit} noValidate aria-busy={login.busy}>
      <CodeField
        id="otp"
        label={labels.verificationCode}
        ref={otpInput}
        autoComplete="one-time-code"
        autoFocus
        readOnly={login.confirming}
        value={otp}
        onDigits={setOtp}
        error={login.fieldErrors.otp}
      />
      {login.requires2FA && (
        <CodeField
          id="authenticator-otp"
          label={labels.authenticatorCode}
          autoComplete="off"
          readOnly={login.confirming}
          value={authenticatorOtp}
          onDigits={setAuthenticatorOtp}
          error={login.fieldErrors.authenticatorOtp}
        />
      )}
      {login.attempts > 0 && (
        <p className="attempts">{formatLabel(labels.attempts, { count: login.attempts })}</p>
      )}
      <Countdown deadline={login.otpExpiresAt} template={labels.codeExpiresIn} testId="otp-countdown" />

      <button type="submit" className="primary" disabled={login.busy} aria-label={labels.verify}>
        {login.confirming ? labels.verifying : labels.verify}
      </button>

      <div className="secondary-actions">
        <button type="button" disabled={!login.canResend || login.busy} onClick={() => login.resend()}>
          {labels.resendCode}
        </button>
        <button type="button" className="link" onClick={login.cancel}>
          {labels.changeNumber}
        </button>
      </div>
      {!login.canResend && (
        <Countdown deadline={login.resendAvailableAt} template={labels.resendIn} testId="resend-countdown" />
      )}
    </form>
  );
}
