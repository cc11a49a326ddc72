import { EncryptJWT, jwtDecrypt } from 'jose';

/** What the sealed cookie holds. Only this server can read it: the browser sees an opaque JWE. */
export interface SealedSession {
  /** A random id for this cookie, recorded on logout so a copy of the cookie stops working. */
  sid: string;
  /**
   * The id of the login this cookie descends from (a refresh keeps it): a logout records it too, so
   * every cookie of the login stops working, a refreshed copy included. Absent in cookies sealed
   * before it existed.
   */
  fid?: string;
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

/** Seals sessions into compact JWEs and opens them again. */
export interface Sealer {
  /** A compact JWE (`dir` + `A256GCM`) of `session`, sealed with the first secret, `exp` at its expiry. */
  seal(session: SealedSession, now: number): Promise<string>;
  /** The session inside `token`, or `undefined` for anything that is not a live JWE of ours. Never throws. */
  open(token: string, now: number): Promise<SealedSession | undefined>;
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
async function deriveKey(secret: string): Promise<DerivedKey> {
  const [keyBytes, kidBytes] = await Promise.all([
    hkdf(secret, 'session cookie A256GCM key v1', 256),
    hkdf(secret, 'session cookie kid v1', 72),
  ]);
  const key = await crypto.subtle.importKey('raw', keyBytes as BufferSource, 'AES-GCM', false, [
    'encrypt',
    'decrypt',
  ]);
  return { kid: base64url(kidBytes), key };
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** The payload as a {@link SealedSession}, or `undefined` when a field is missing or of the wrong type. */
function toSealedSession(payload: Record<string, unknown>): SealedSession | undefined {
  const { sid, fid, accessToken, tokenType, issuedAt, expiresAt, maskedIdentifier } = payload;
  if (!isString(sid) || !isString(accessToken) || !isString(tokenType) || !isString(maskedIdentifier)) {
    return undefined;
  }
  if (!isTime(issuedAt) || !isTime(expiresAt) || (fid !== undefined && !isString(fid))) return undefined;
  return {
    sid,
    ...(fid !== undefined && { fid }),
    accessToken,
    tokenType,
    issuedAt,
    expiresAt,
    maskedIdentifier,
  };
}

/**
 * Seals with jose's JWE (`dir` + `A256GCM`), one key per secret derived with HKDF-SHA-256: the first
 * secret seals, any opens (the `kid` header says which). Keys are derived once, on first use.
 */
export function createSealer(secrets: readonly string[]): Sealer {
  let derived: Promise<DerivedKey[]> | undefined;
  const keys = () => {
    derived ??= Promise.all(secrets.map(deriveKey));
    return derived;
  };
  return {
    async seal(session, now) {
      const [current] = await keys();
      if (!current) throw new Error('no key');
      return new EncryptJWT({ ...session })
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid: current.kid })
        .setIssuedAt(Math.floor(now / 1000))
        .setExpirationTime(Math.floor(session.expiresAt / 1000))
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
        const session = toSealedSession(payload);
        return session && session.expiresAt > now ? session : undefined;
      } catch {
        // Tampered, foreign, expired, another format: all of it is simply "signed out".
        return undefined;
      }
    },
  };
}
