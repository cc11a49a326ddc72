import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { base64url, hkdf } from './seal.js';

/**
 * Counter keys without personal data: the phone, email or client address in a key becomes an HMAC
 * under a key derived from the first secret, so a shared store (Redis) never holds who logged in.
 * The same secret gives the same keys on every instance; a rotation starts the counters afresh.
 * The HMAC is @noble/hashes' (audited, synchronous): WebCrypto's `sign` costs a trip to a worker per
 * key, a good part of the handler's own time on Node, three times per send.
 */
export function createKeyHasher(secret: string): (key: string) => Promise<string> {
  const hmacKey = hkdf(secret, 'verifik-auth limit keys', 256);
  const encoder = new TextEncoder();
  return async (key) => {
    const mac = hmac(sha256, await hmacKey, encoder.encode(key));
    // 128 bits: collisions stay out of reach, and the keys stay short.
    return base64url(mac.subarray(0, 16));
  };
}

/**
 * The client address as the per-address limit counts it: an IPv6 address by its /64 (one home line or
 * one cloud VM holds a whole /64, so counting single addresses would let one sender rotate through
 * 2^64 of them), an IPv4-mapped IPv6 address (`::ffff:203.0.113.5`, as dual-stack sockets report) as
 * its IPv4 address. Anything else (IPv4, or a value that is not an IP address) is kept as it is.
 */
export function addressKey(address: string): string {
  const raw = address
    .trim()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/%.*$/, '');
  if (!raw.includes(':')) return raw;
  let host: string;
  try {
    // The URL parser validates the address and writes it one way (lower case, `::` compressed).
    host = new URL(`http://[${raw}]/`).hostname.slice(1, -1);
  } catch {
    return raw;
  }
  const [head = '', tail] = host.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups =
    tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  const numbers = groups.map((group) => Number.parseInt(group, 16));
  if (numbers.slice(0, 5).every((n) => n === 0) && numbers[5] === 0xffff) {
    const [high = 0, low = 0] = numbers.slice(6);
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
  }
  return `${numbers
    .slice(0, 4)
    .map((n) => n.toString(16))
    .join(':')}::/64`;
}
