import { useState } from 'react';
import { useVerifikLogin } from '@verifik-auth/react';

export function Login() {
  const login = useVerifikLogin(); // Verifik's API; { baseUrl: 'http://127.0.0.1:4010' } for the mock
  const [otp, setOtp] = useState('');
  if (login.step === 'authenticated') return <button onClick={login.logout}>Log out</button>;
  if (login.step === 'awaitingOtp' || login.step === 'confirming')
    return (
      <form
        onSubmit={(event) => {
          event.preventDefault();
          login.submitOtp(otp);
        }}
      >
        <input value={otp} onChange={(event) => setOtp(event.target.value)} autoComplete="one-time-code" />
        <button disabled={login.busy}>Verify</button>
        {login.error && <p role="alert">{login.error.message}</p>}
      </form>
    );
  return (
    <button onClick={() => login.sendPhone({ countryCode: '+57', phone: '3001234567' })}>Send code</button>
  );
}
