import { useVerifikLoginContext } from '../index.js';
import { useDemo } from './demo-context.js';

/** Step `expired` with reason `otp`: the page's status line says so; this offers the way out. */
export function ExpiredOtp() {
  const demo = useDemo();
  const login = useVerifikLoginContext();
  return (
    <div class="stack">
      <button type="button" class="primary" disabled={login.busy} onClick={() => login.resend()}>
        {demo.labels.resendCode}
      </button>
      <button type="button" class="link" onClick={() => login.cancel()}>
        {demo.labels.changeNumber}
      </button>
    </div>
  );
}
