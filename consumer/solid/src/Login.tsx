import { Show } from 'solid-js';
import { useVerifikLogin } from '@verifik-auth/solid';

export function Login() {
  const login = useVerifikLogin(); // Verifik's API; { baseUrl: 'http://127.0.0.1:4010' } for the mock
  const waiting = () => login.step === 'awaitingOtp' || login.step === 'confirming';
  const submit = (event: SubmitEvent & { currentTarget: HTMLFormElement }) => {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get('value'));
    if (waiting()) login.submitOtp(value);
    else login.sendPhone({ countryCode: '+57', phone: value });
  };
  return (
    <Show
      when={login.step !== 'authenticated'}
      fallback={<button onClick={() => login.logout()}>Log out</button>}
    >
      <form onSubmit={submit}>
        <Show when={waiting()} fallback={<input name="value" autocomplete="tel-national" />}>
          <input name="value" autocomplete="one-time-code" />
        </Show>
        <button disabled={login.busy}>{waiting() ? 'Verify' : 'Send code'}</button>
        <Show when={login.error}>{(error) => <p role="alert">{error().message}</p>}</Show>
      </form>
    </Show>
  );
}
