import type { LoginIdentifier } from './login.types.js';

const bullet = '•';

/** `+1` and `1234566663` → `+1 ••• ••• 6663`: enough to recognize, not enough to read out. */
export function maskPhone(countryCode: string, phone: string): string {
  const digits = phone.replace(/\D/g, '');
  const shown = digits.slice(-4);
  const hidden = bullet.repeat(Math.max(0, digits.length - shown.length));
  const groups = hidden.match(/.{1,3}/gu) ?? [];
  return [countryCode, ...groups, shown].filter(Boolean).join(' ');
}

/** `user@example.com` → `u•••@example.com`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return `${bullet.repeat(3)}`;
  return `${email[0]}${bullet.repeat(3)}${email.slice(at)}`;
}

/** The masked form of whichever identifier is in use. */
export function maskIdentifier(identifier: LoginIdentifier): string {
  return identifier.method === 'phone'
    ? maskPhone(identifier.countryCode, identifier.phone)
    : maskEmail(identifier.email);
}

/** `eyJhbGciOi…aIWxYShWeBaRs` → `eyJhbG…BaRs`, for showing that a token exists without showing it. */
export function maskToken(token: string): string {
  return token.length <= 12 ? bullet.repeat(8) : `${token.slice(0, 6)}…${token.slice(-4)}`;
}
