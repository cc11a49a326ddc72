import { describe, expect, it } from 'vitest';
import { channelLabel, formatLabel, loginLabels, statusLabel } from './labels.js';

const en = loginLabels.en;
const es = loginLabels.es;
const waiting = {
  step: 'awaitingOtp',
  gateway: 'whatsapp',
  maskedIdentifier: '+1 ••• ••• 6663',
  expiredReason: null,
} as const;

describe('channelLabel', () => {
  it('names each delivery channel in the locale, and none for a code the app delivers itself', () => {
    expect(channelLabel('whatsapp', en)).toBe('WhatsApp');
    expect(channelLabel('sms', es)).toBe('SMS');
    expect(channelLabel('email', es)).toBe('correo');
    expect(channelLabel('none', en)).toBeUndefined();
  });
});

describe('statusLabel', () => {
  it('says where the code went while it is awaited or checked', () => {
    expect(statusLabel(waiting, en)).toBe('We sent a code to +1 ••• ••• 6663 by WhatsApp.');
    expect(statusLabel({ ...waiting, step: 'confirming', gateway: 'email' }, es)).toBe(
      'Enviamos un código a +1 ••• ••• 6663 por correo.',
    );
    expect(statusLabel({ ...waiting, gateway: 'none' }, en)).toBe(
      'We sent a code to +1 ••• ••• 6663 by none.',
    );
  });

  it('says what restoring, sending and each kind of expiry mean, and nothing on the other steps', () => {
    expect(statusLabel({ ...waiting, step: 'restoring' }, en)).toBe(en.restoring);
    expect(statusLabel({ ...waiting, step: 'sending' }, en)).toBe(en.sending);
    expect(statusLabel({ ...waiting, step: 'expired', expiredReason: 'otp' }, en)).toBe(en.expiredOtp);
    expect(statusLabel({ ...waiting, step: 'expired', expiredReason: 'session' }, es)).toBe(
      es.expiredSession,
    );
    expect(statusLabel({ ...waiting, step: 'idle' }, en)).toBe('');
    expect(statusLabel({ ...waiting, step: 'authenticated' }, en)).toBe('');
  });
});

describe('formatLabel', () => {
  it('fills known placeholders and leaves unknown ones', () => {
    expect(formatLabel('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});
