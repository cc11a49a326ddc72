import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { base64url, hkdf } from './seal.js';

/**
 * What the challenge cookie says: which code this browser asked for. A confirm needs it, so a
 * stranger can neither guess through this server nor use up the user's attempts without having sent
 * the code themselves.
 */
export interface Challenge {
  /** A random id; confirm attempts are counted per challenge. */
  cid: string;
  /** The destination's pseudonym (the HMAC its limits are counted under): never the number or address. */
  destination: string;
  /** Epoch ms when the code expires. */
  expiresAt: number;
}

/** Signs challenges into cookie values and opens them again. */
export interface ChallengeSigner {
  /** The cookie value of `challenge`, signed with the first secret. */
  sign(challenge: Challenge): Promise<string>;
  /** The challenge in `value` when a secret signed it and it has not expired, else `undefined`. Never throws. */
  open(value: string, now: number): Promise<Challenge | undefined>;
}

const encoder = new TextEncoder();
/** `v1.<cid>.<expiresAt>.<destination>.<mac>`: a uuid, digits and base64url, so no part holds a dot. */
const pattern = /^v1\.([0-9a-f-]{36})\.(\d{1,16})\.([\w-]{1,64})\.([\w-]{43})$/;

/** Whether two strings are equal, in time that depends on their length only. */
function equalText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index++) difference |= a.charCodeAt(index) ^ b.charCodeAt(index);
  return difference === 0;
}

/**
 * Signs with HMAC-SHA-256 (@noble/hashes: audited, synchronous), one key per secret derived with
 * HKDF for this purpose alone: the first signs, any opens (rotation). Signed, not sealed: the value
 * holds nothing secret or personal, so integrity is all it needs, and a send pays no WebCrypto trip
 * for it (a JWE here cost the bench about 0.3 ms a send).
 */
export function createChallengeSigner(secrets: readonly string[]): ChallengeSigner {
  let keys: Promise<Uint8Array[]> | undefined;
  const derived = () => {
    keys ??= Promise.all(secrets.map((secret) => hkdf(secret, 'challenge cookie HMAC-SHA-256 v1', 256)));
    return keys;
  };
  const mac = (key: Uint8Array, body: string) => base64url(hmac(sha256, key, encoder.encode(body)));
  return {
    async sign({ cid, destination, expiresAt }) {
      const [key] = await derived();
      if (!key) throw new Error('no key');
      const body = `v1.${cid}.${Math.floor(expiresAt)}.${destination}`;
      return `${body}.${mac(key, body)}`;
    },
    async open(value, now) {
      const match = typeof value === 'string' ? pattern.exec(value) : null;
      if (!match) return undefined;
      const [, cid = '', expires = '', destination = '', signature = ''] = match;
      const body = value.slice(0, value.length - signature.length - 1);
      const signed = (await derived()).some((key) => equalText(mac(key, body), signature));
      const expiresAt = Number(expires);
      return signed && expiresAt > now ? { cid, destination, expiresAt } : undefined;
    },
  };
}
