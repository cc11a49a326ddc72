'use client';

import type { FormEvent } from 'react';
import { serverMode } from '@verifik-auth/core';
import { useVerifikLogin } from '@verifik-auth/react';

/** The login in server mode: the page talks to this app's /auth/verifik routes, never to Verifik. */
export function Login() {
  const login = useVerifikLogin({ ...serverMode({ baseUrl: '/auth/verifik' }), locale: 'en' });
  const field = (event: FormEvent<HTMLFormElement>, name: string) =>
    String(new FormData(event.currentTarget).get(name) ?? '');

  if (login.step === 'authenticated')
    return (
      <section>
        <p role="status">Signed in as {login.maskedIdentifier}</p>
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
        <p role="status">We sent a code to {login.maskedIdentifier}.</p>
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
