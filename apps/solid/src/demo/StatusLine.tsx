import { statusLabel } from '@verifik-auth/core';
import { isRevoking } from '../../../demo-setup.js';
import { useVerifikLoginActor, useVerifikLoginSelector } from '../index.js';
import { useDemo } from './demo-context.js';

export function StatusLine() {
  const demo = useDemo();
  const actor = useVerifikLoginActor();
  const text = useVerifikLoginSelector((view) =>
    view.busy && isRevoking(actor) ? demo.labels.revoking : statusLabel(view, demo.labels),
  );
  // The busy button already shows "Sending…"; only screen readers need to hear it.
  return (
    <p class={text() === demo.labels.sending ? 'visually-hidden' : 'status'} role="status" aria-live="polite">
      {text()}
    </p>
  );
}

export function ErrorAlert() {
  const message = useVerifikLoginSelector((view) => view.error?.message ?? '');
  return (
    <p class="alert" role="alert">
      {message()}
    </p>
  );
}
