import { useCountdown, useVerifikLogin } from '@verifik-auth/react';
import { formatCountdown } from '@verifik-auth/core';

export function Login() {
  const login = useVerifikLogin({ baseUrl: 'http://127.0.0.1:4010', locale: 'en' });
  const expiresIn = useCountdown(login.otpExpiresAt);
  if (login.step === 'authenticated') return <p>Signed in</p>;
  if (login.step === 'awaitingOtp' || login.step === 'confirming')
    return (
      <form
        onSubmit={(e) => {
          e.preventDefault();
          login.submitOtp(new FormData(e.currentTarget).get('otp') as string);
        }}
      >
        <p>
          Code sent to {login.maskedIdentifier}; it expires in {formatCountdown(expiresIn)}.
        </p>
        <input name="otp" autoComplete="one-time-code" inputMode="numeric" aria-label="Verification code" />
        <button disabled={login.busy}>Verify</button>{' '}
        {login.error && <p role="alert">{login.error.message}</p>}
      </form>
    );
  return (
    <button disabled={login.busy} onClick={() => login.sendPhone({ countryCode: '+1', phone: '1234566663' })}>
      Send code
    </button>
  );
}
