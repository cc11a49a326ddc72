import type { LoginView } from '@verifik-auth/core';
import { useVerifikLoginSelector } from '../index.js';
import { useDemo } from './demo-context.js';

const pick = ({ busy, resend, cancel }: LoginView) => ({ busy, resend, cancel });

/** Step `expired` with reason `otp`: the page's status line says so; this offers the way out. */
export function ExpiredOtp() {
  const { labels } = useDemo();
  const { busy, resend, cancel } = useVerifikLoginSelector(pick);
  return (
    <div className="stack">
      <button type="button" className="primary" disabled={busy} onClick={() => resend()}>
        {labels.resendCode}
      </button>
      <button type="button" className="link" onClick={cancel}>
        {labels.changeNumber}
      </button>
    </div>
  );
}
