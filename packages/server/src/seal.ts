import { EncryptJWT, jwtDecrypt } from 'jose';

/** What the sealed session cookie holds. Only this server can read it: the browser sees an opaque JWE. */
export interface SealedSession {
  /**
   * The id of the login this cookie belongs to (random; a refresh keeps it). The store keeps one
   * record per live login: a logout deletes it, so every cookie of the login stops working.
   */
  fid: string;
  /**
   * The login's generation when this cookie was sealed: each refresh advances it, so only the newest
   * cookie of a login is live and concurrent refreshes of one cookie cannot fork it.
   */
  gen: number;
  /** Verifik's access token. */
  accessToken: string;
  /** The token's scheme, e.g. `"bearer"`. */
  tokenType: string;
  /** Epoch ms when the token was received. */
  issuedAt: number;
  /** Epoch ms when the token stops working. */
  expiresAt: number;
  /** Who signed in, masked, for `GET /session`. */
  maskedIdentifier: string;
}

/** Seals values into compact JWEs and opens them again. */
export interface Sealer<T extends { expiresAt: number } = SealedSession> {
  /** A compact JWE (`dir` + `A256GCM`) of `value`, sealed with the first secret, `exp` at its expiry. */
  seal(value: T, now: number): Promise<string>;
  /** The value inside `token`, or `undefined` for anything that is not a live JWE of ours. Never throws. */
  open(token: string, now: number): Promise<T | undefined>;
}

/** The shortest secret accepted, in characters. */
export const MIN_SECRET_LENGTH = 32;

/** A JWE longer than this is not one of ours (a sealed session is well under 2 KB); not even parsed. */
const MAX_TOKEN_LENGTH = 4096;

const encoder = new TextEncoder();
/** Fixed, public salt: HKDF's strength comes from the secret; the salt separates this use of it. */
const salt = encoder.encode('@verifik-auth/server');

interface DerivedKey {
  kid: string;
  key: CryptoKey;
}

/** Checks the `secret` option and returns it as a non-empty list, newest first. Never repeats a secret. */
export function parseSecrets(secret: string | readonly string[]): readonly string[] {
  const secrets = typeof secret === 'string' ? [secret] : secret;
  if (!Array.isArray(secrets) || secrets.length === 0) {
    throw new TypeError(
      'createVerifikAuth: `secret` is required: a string of at least 32 characters, or a list.',
    );
  }
  secrets.forEach((value: unknown, index) => {
    if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) {
      const which = secrets.length > 1 ? ` (entry ${index})` : '';
      const length = typeof value === 'string' ? `${value.length} characters` : typeof value;
      throw new TypeError(
        `createVerifikAuth: \`secret\`${which} must be a string of at least ${MIN_SECRET_LENGTH} characters, ` +
          `got ${length}. Generate one with \`openssl rand -base64 32\` and keep it out of the repository.`,
      );
    }
  });
  return secrets;
}

/** HKDF-SHA-256 of `secret` for one purpose (`info`), `bits` long, through WebCrypto. */
export async function hkdf(secret: string, info: string, bits: number): Promise<Uint8Array> {
  const material = await crypto.subtle.importKey('raw', encoder.encode(secret), 'HKDF', false, [
    'deriveBits',
  ]);
  const derived = await crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt, info: encoder.encode(info) },
    material,
    bits,
  );
  return new Uint8Array(derived);
}

/** base64url without padding. */
export function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** The AES-256-GCM key and the `kid` of one secret; the `kid` is derived apart, so it tells nothing of the key. */
async function deriveKey(secret: string, purpose: string): Promise<DerivedKey> {
  const [keyBytes, kidBytes] = await Promise.all([
    hkdf(secret, `${purpose} A256GCM key v1`, 256),
    hkdf(secret, `${purpose} kid v1`, 72),
  ]);
  const key = await crypto.subtle.importKey('raw', keyBytes as BufferSource, 'AES-GCM', false, [
    'encrypt',
    'decrypt',
  ]);
  return { kid: base64url(kidBytes), key };
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

const isInteger = (value: unknown): value is number => Number.isSafeInteger(value);

/** The payload as a {@link SealedSession}, or `undefined` when a field is missing or of the wrong type. */
function toSealedSession(payload: Record<string, unknown>): SealedSession | undefined {
  const { fid, gen, accessToken, tokenType, issuedAt, expiresAt, maskedIdentifier } = payload;
  if (!isString(fid) || !isString(accessToken) || !isString(tokenType) || !isString(maskedIdentifier)) {
    return undefined;
  }
  if (!isInteger(gen) || gen < 0 || !isTime(issuedAt) || !isTime(expiresAt)) return undefined;
  return { fid, gen, accessToken, tokenType, issuedAt, expiresAt, maskedIdentifier };
}

/**
 * Seals with jose's JWE (`dir` + `A256GCM`), one key per secret and purpose derived with
 * HKDF-SHA-256 for its purpose: the first secret seals,
 * any opens (the `kid` header says which). Keys are derived once, on first use.
 */
function createJweSealer<T extends { expiresAt: number }>(
  secrets: readonly string[],
  purpose: string,
  parse: (payload: Record<string, unknown>) => T | undefined,
): Sealer<T> {
  let derived: Promise<DerivedKey[]> | undefined;
  const keys = () => {
    derived ??= Promise.all(secrets.map((secret) => deriveKey(secret, purpose)));
    return derived;
  };
  return {
    async seal(value, now) {
      const [current] = await keys();
      if (!current) throw new Error('no key');
      return new EncryptJWT({ ...value })
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid: current.kid })
        .setIssuedAt(Math.floor(now / 1000))
        .setExpirationTime(Math.floor(value.expiresAt / 1000))
        .encrypt(current.key);
    },
    async open(token, now) {
      if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return undefined;
      try {
        const all = await keys();
        const { payload } = await jwtDecrypt(
          token,
          (header) => {
            const match = all.find((candidate) => candidate.kid === header.kid);
            if (!match) throw new Error('unknown kid');
            return match.key;
          },
          {
            keyManagementAlgorithms: ['dir'],
            contentEncryptionAlgorithms: ['A256GCM'],
            currentDate: new Date(now),
            requiredClaims: ['exp'],
          },
        );
        const value = parse(payload);
        return value && value.expiresAt > now ? value : undefined;
      } catch {
        // Tampered, foreign, expired, another format: all of it is simply "absent".
        return undefined;
      }
    },
  };
}

/** The session cookie's sealer. */
export const createSealer = (secrets: readonly string[]): Sealer<SealedSession> =>
  createJweSealer(secrets, 'session cookie', toSealedSession);
