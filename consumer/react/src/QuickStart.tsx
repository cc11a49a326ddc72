import type { FormEvent } from 'react';
import { useVerifikLogin } from '@verifik-auth/react';

export function Login() {
  const login = useVerifikLogin(); // Verifik's API; { baseUrl: 'http://127.0.0.1:4010' } for the mock
  const waiting = login.step === 'awaitingOtp' || login.step === 'confirming';
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get('value'));
    if (waiting) login.submitOtp(value);
    else login.sendPhone({ countryCode: '+57', phone: value });
  };
  if (login.step === 'authenticated') return <button onClick={login.logout}>Log out</button>;
  return (
    <form onSubmit={submit}>
      <input name="value" key={String(waiting)} autoComplete={waiting ? 'one-time-code' : 'tel-national'} />
      <button disabled={login.busy}>{waiting ? 'Verify' : 'Send code'}</button>
      {login.error && <p role="alert">{login.error.message}</p>}
    </form>
  );
}
