/** The name authenticator apps show above the code; the mock uses the same. */
const issuer = 'Verifik';

/**
 * The `otpauth://totp/…` line an authenticator app reads from a QR code (Google's Key Uri Format), for
 * a terminal that cannot show the QR code: some apps and password managers take it pasted. SHA-1, 6
 * digits and 30 seconds are the format's defaults, so they are left out.
 * @param secretKey the base32 key, grouped or not: spaces are dropped.
 * @param account who the key is for, as the app will list it (e.g. `+57 3001234567`).
 * @example
 * otpauthUrl('CUIV I2R7 LUYT 4TZM', 'ana@example.com');
 * // 'otpauth://totp/Verifik:ana%40example.com?secret=CUIVI2R7LUYT4TZM&issuer=Verifik'
 */
export function otpauthUrl(secretKey: string, account: string): string {
  const secret = encodeURIComponent(secretKey.replace(/\s+/g, ''));
  return `otpauth://totp/${issuer}:${encodeURIComponent(account)}?secret=${secret}&issuer=${issuer}`;
}
