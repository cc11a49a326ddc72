import { base64url, hkdf } from './seal.js';

/**
 * Counter keys without personal data: the phone, email or client address in a key becomes an HMAC
 * under a key derived from the first secret, so a shared store (Redis) never holds who logged in.
 * The same secret gives the same keys on every instance; a rotation starts the counters afresh.
 */
export function createKeyHasher(secret: string): (key: string) => Promise<string> {
  const hmacKey = hkdf(secret, 'verifik-auth limit keys', 256).then((bits) =>
    crypto.subtle.importKey('raw', bits as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
  );
  const encoder = new TextEncoder();
  return async (key) => {
    const mac = await crypto.subtle.sign('HMAC', await hmacKey, encoder.encode(key));
    // 128 bits: collisions stay out of reach, and the keys stay short.
    return base64url(new Uint8Array(mac).subarray(0, 16));
  };
}
