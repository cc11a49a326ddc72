'use client';

import type { FormEvent } from 'react';
import { formatCountdown } from '@verifik-auth/core';
import { useCountdown, useVerifikLogin } from '@verifik-auth/react';

const baseUrl = process.env.NEXT_PUBLIC_VERIFIK_API ?? 'http://127.0.0.1:4010';

/** The whole login, rendered from the server page app/page.tsx: no <Suspense> around it. */
export function Login() {
  const login = useVerifikLogin({ baseUrl, locale: 'en' });
  const expiresIn = useCountdown(login.otpExpiresAt);
  const field = (event: FormEvent<HTMLFormElement>, name: string) =>
    String(new FormData(event.currentTarget).get(name) ?? '');

  if (login.step === 'authenticated')
    return (
      <section>
        <p role="status">Signed in</p>
        <button type="button" onClick={login.logout}>
          Log out
        </button>
      </section>
    );
  if (login.step === 'awaitingOtp' || login.step === 'confirming')
    return (
      <form
        onSubmit={(event) => {
          event.preventDefault();
          login.submitOtp(field(event, 'otp'));
        }}
      >
        <p role="status">
          We sent a code to {login.maskedIdentifier}; it expires in{' '}
          <span data-testid="expires-in">{formatCountdown(expiresIn)}</span>.
        </p>
        <label>
          Verification code <input name="otp" autoComplete="one-time-code" inputMode="numeric" />
        </label>
        <button disabled={login.busy}>Verify</button>
        {login.error && <p role="alert">{login.error.message}</p>}
      </form>
    );
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        login.sendPhone({ countryCode: field(event, 'countryCode'), phone: field(event, 'phone') });
      }}
    >
      <label>
        Country code <input name="countryCode" defaultValue="+1" />
      </label>
      <label>
        Phone number <input name="phone" type="tel" inputMode="tel" autoComplete="tel-national" />
      </label>
      <button disabled={login.busy || login.step === 'restoring'}>Send code</button>
      {login.error && <p role="alert">{login.error.message}</p>}
    </form>
  );
}
