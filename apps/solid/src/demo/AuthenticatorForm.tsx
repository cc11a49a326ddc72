import { formatLabel } from '@verifik-auth/core';
import { createEffect, createSignal, on, Show } from 'solid-js';
import { useVerifikLoginContext } from '../index.js';
import { CodeField } from './CodeField.js';
import { Countdown } from './Countdown.js';
import { useDemo } from './demo-context.js';

/**
 * Step `awaitingAuthenticator`: the code was right, and the account's authenticator app must confirm
 * it. First login: the QR code and the key to set the app up; later: the prompt (the status line) and
 * what to do when the app is lost. The QR code and key are the account's secrets: shown, never kept.
 */
export function AuthenticatorForm() {
  const demo = useDemo();
  const login = useVerifikLoginContext();
  const [code, setCode] = createSignal('');
  let input: HTMLInputElement | undefined;
  const qrCode = () => login.authenticator?.qrCode ?? null;
  const secretKey = () => login.authenticator?.secretKey ?? null;

  // After a wrong code, start the next try from an empty, focused field.
  createEffect(
    on(
      () => login.attempts,
      (attempts) => {
        if (attempts === 0) return;
        setCode('');
        input?.focus();
      },
    ),
  );

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    login.submitAuthenticator(code());
  };

  return (
    <form class="stack" onSubmit={submit} novalidate aria-busy={login.busy}>
      <Show when={qrCode() || secretKey()} fallback={<p class="hint">{demo.labels.authenticatorLost}</p>}>
        <div class="authenticator-setup">
          <p>{demo.labels.authenticatorSetup}</p>
          <Show when={qrCode()}>
            {(src) => (
              <img class="qr" src={src()} alt={demo.labels.authenticatorQr} width={192} height={192} />
            )}
          </Show>
          <Show when={secretKey()}>
            {(key) => (
              <p class="authenticator-key">
                {demo.labels.authenticatorKey}: <code data-testid="authenticator-key">{key()}</code>
              </p>
            )}
          </Show>
        </div>
      </Show>
      <CodeField
        id="authenticator-otp"
        label={demo.labels.authenticatorCode}
        ref={(element) => {
          input = element;
        }}
        autocomplete="one-time-code"
        focusOnMount
        readOnly={login.busy}
        value={code()}
        onDigits={setCode}
        error={login.fieldErrors.authenticatorOtp}
      />
      <Show when={login.attempts > 0}>
        <p class="attempts">{formatLabel(demo.labels.attempts, { count: login.attempts })}</p>
      </Show>
      <Countdown deadline={login.otpExpiresAt} template={demo.labels.codeExpiresIn} testId="otp-countdown" />

      <button type="submit" class="primary" disabled={login.busy} aria-label={demo.labels.verify}>
        {login.busy ? demo.labels.verifying : demo.labels.verify}
      </button>
      <div class="secondary-actions">
        <button type="button" class="link" onClick={() => login.cancel()}>
          {demo.labels.changeNumber}
        </button>
      </div>
    </form>
  );
}
