import { statusLabel } from '@verifik-auth/core';
import { isRevoking } from '../../../demo-setup.js';
import { useVerifikLoginActor, useVerifikLoginSelector } from '../index.js';
import { useDemo } from './demo-context.js';

export function StatusLine() {
  const { labels } = useDemo();
  const actor = useVerifikLoginActor();
  const text = useVerifikLoginSelector((view) =>
    view.busy && isRevoking(actor) ? labels.revoking : statusLabel(view, labels),
  );
  // The busy button already shows "Sending…"; only screen readers need to hear it.
  const className = text === labels.sending ? 'visually-hidden' : 'status';
  return (
    <p className={className} role="status" aria-live="polite">
      {text}
    </p>
  );
}

export function ErrorAlert() {
  const message = useVerifikLoginSelector((view) => view.error?.message ?? '');
  return (
    <p className="alert" role="alert">
      {message}
    </p>
  );
}
