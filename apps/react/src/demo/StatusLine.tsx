import { formatLabel, type LoginLabelKey, type LoginView } from '@verifik-auth/core';
import { useVerifikLoginSelector } from '../index.js';
import { useDemo } from './demo-context.js';

const channelLabels: Record<string, LoginLabelKey> = {
  whatsapp: 'gatewayWhatsapp',
  sms: 'gatewaySms',
  email: 'gatewayEmail',
};

/** What the step means in one sentence; announced politely when it changes. */
function statusText(view: LoginView, labels: Record<LoginLabelKey, string>): string {
  switch (view.step) {
    case 'restoring':
      return labels.restoring;
    case 'sending':
      return labels.sending;
    case 'awaitingOtp':
    case 'confirming': {
      const channel = view.gateway ? channelLabels[view.gateway] : undefined;
      return formatLabel(labels.codeSentTo, {
        target: view.maskedIdentifier ?? '',
        channel: channel ? labels[channel] : (view.gateway ?? ''),
      });
    }
    case 'expired':
      return view.expiredReason === 'otp' ? labels.expiredOtp : labels.expiredSession;
    default:
      return '';
  }
}

export function StatusLine() {
  const { labels } = useDemo();
  const text = useVerifikLoginSelector((view) => statusText(view, labels));
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
