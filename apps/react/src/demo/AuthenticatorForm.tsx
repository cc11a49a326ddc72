import { formatLabel, type LoginView } from '@verifik-auth/core';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useVerifikLoginSelector } from '../index.js';
import { CodeField } from './CodeField.js';
import { Countdown } from './Countdown.js';
import { useDemo } from './demo-context.js';

const pick = (view: LoginView) => ({
  confirming: view.busy,
  attempts: view.attempts,
  otpExpiresAt: view.otpExpiresAt,
  authenticator: view.authenticator,
  fieldError: view.fieldErrors.authenticatorOtp,
  submitAuthenticator: view.submitAuthenticator,
  cancel: view.cancel,
});

/**
 * Step `awaitingAuthenticator`: the code was right, and the account's authenticator app must confirm
 * it. First login: the QR code and the key to set the app up; later: the prompt (the status line) and
 * what to do when the app is lost. The QR code and key are the account's secrets: shown, never kept.
 */
export function AuthenticatorForm() {
  const { labels } = useDemo();
  const login = useVerifikLoginSelector(pick);
  const [code, setCode] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const { qrCode, secretKey } = login.authenticator ?? { qrCode: null, secretKey: null };

  // After a wrong code, start the next try from an empty, focused field.
  useEffect(() => {
    if (login.attempts === 0) return;
    setCode('');
    input.current?.focus();
  }, [login.attempts]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.submitAuthenticator(code);
  };

  return (
    <form className="stack" onSubmit={submit} noValidate aria-busy={login.confirming}>
      {qrCode || secretKey ? (
        <div className="authenticator-setup">
          <p>{labels.authenticatorSetup}</p>
          {qrCode && (
            <img className="qr" src={qrCode} alt={labels.authenticatorQr} width={192} height={192} />
          )}
          {secretKey && (
            <p className="authenticator-key">
              {labels.authenticatorKey}: <code data-testid="authenticator-key">{secretKey}</code>
            </p>
          )}
        </div>
      ) : (
        <p className="hint">{labels.authenticatorLost}</p>
      )}
      <CodeField
        id="authenticator-otp"
        label={labels.authenticatorCode}
        ref={input}
        autoComplete="one-time-code"
        autoFocus
        readOnly={login.confirming}
        value={code}
        onDigits={setCode}
        error={login.fieldError}
      />
      {login.attempts > 0 && (
        <p className="attempts">{formatLabel(labels.attempts, { count: login.attempts })}</p>
      )}
      <Countdown deadline={login.otpExpiresAt} template={labels.codeExpiresIn} testId="otp-countdown" />

      <button type="submit" className="primary" disabled={login.confirming} aria-label={labels.verify}>
        {login.confirming ? labels.verifying : labels.verify}
      </button>
      <div className="secondary-actions">
        <button type="button" className="link" onClick={login.cancel}>
          {labels.changeNumber}
        </button>
      </div>
    </form>
  );
}
