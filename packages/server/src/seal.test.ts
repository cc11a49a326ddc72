import { CompactEncrypt, decodeProtectedHeader, SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createSealer, parseSecrets, type SealedSession } from './seal.js';
import { otherSecret, secret } from './test-helpers/index.js';

const now = Date.UTC(2025, 0, 1);
const session: SealedSession = {
  fid: '5e1f6c1e-0000-4000-8000-000000000001',
  gen: 0,
  accessToken: 'TOKEN-sealed-7f3a9c',
  tokenType: 'bearer',
  issuedAt: now,
  expiresAt: now + 30 * 86_400_000,
  maskedIdentifier: '+1 ••• ••• 6663',
};

/** The sealed string with one character of part `index` replaced. */
function flip(token: string, index: number): string {
  const parts = token.split('.');
  const part = parts[index] as string;
  const middle = Math.floor(part.length / 2);
  parts[index] = part.slice(0, middle) + (part[middle] === 'A' ? 'B' : 'A') + part.slice(middle + 1);
  return parts.join('.');
}

describe('createSealer', () => {
  it('seals into a compact JWE (dir, A256GCM, a kid) that opens to the same session', async () => {
    const sealer = createSealer([secret]);
    const token = await sealer.seal(session, now);
    expect(token.split('.')).toHaveLength(5);
    expect(token).not.toContain(session.accessToken);
    const header = decodeProtectedHeader(token);
    expect(header).toMatchObject({ alg: 'dir', enc: 'A256GCM' });
    expect(header.kid).toMatch(/^[\w-]{8,}$/);
    expect(JSON.stringify(header)).not.toContain(secret);
    await expect(sealer.open(token, now)).resolves.toEqual(session);
  });

  it('seals with the first secret and opens with any, so an old cookie survives a rotation', async () => {
    const before = createSealer([otherSecret]);
    const rotated = createSealer([secret, otherSecret]);
    const old = await before.seal(session, now);
    await expect(rotated.open(old, now)).resolves.toEqual(session);
    const fresh = await rotated.seal(session, now);
    expect(decodeProtectedHeader(fresh).kid).not.toBe(decodeProtectedHeader(old).kid);
    await expect(createSealer([secret]).open(fresh, now)).resolves.toEqual(session);
    // Once the old secret is dropped, what it sealed is signed out.
    await expect(createSealer([secret]).open(old, now)).resolves.toBeUndefined();
  });

  it('opens nothing sealed with another secret, even under the right kid', async () => {
    const token = await createSealer([otherSecret]).seal(session, now);
    await expect(createSealer([secret]).open(token, now)).resolves.toBeUndefined();
    const kid = decodeProtectedHeader(await createSealer([secret]).seal(session, now)).kid as string;
    const key = new Uint8Array(32).fill(7);
    const forged = await new CompactEncrypt(
      new TextEncoder().encode(JSON.stringify({ ...session, exp: 2e9 })),
    )
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid })
      .encrypt(key);
    await expect(createSealer([secret]).open(forged, now)).resolves.toBeUndefined();
  });

  it('opens nothing with one flipped character in any part', async () => {
    const sealer = createSealer([secret]);
    const token = await sealer.seal(session, now);
    for (const index of [0, 2, 3, 4]) {
      await expect(sealer.open(flip(token, index), now), `part ${index}`).resolves.toBeUndefined();
    }
  });

  it('opens nothing past its expiry', async () => {
    const sealer = createSealer([secret]);
    const token = await sealer.seal(session, now);
    await expect(sealer.open(token, session.expiresAt - 2000)).resolves.toEqual(session);
    await expect(sealer.open(token, session.expiresAt + 1)).resolves.toBeUndefined();
  });

  it('opens nothing that is not a JWE of ours: alg none, a JWS, garbage', async () => {
    const sealer = createSealer([secret]);
    const unsecured = new UnsecuredJWT({ ...session }).setExpirationTime('1h').encode();
    const signed = await new SignJWT({ ...session })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(secret));
    for (const token of [unsecured, signed, '', 'garbage', 'a.b.c.d.e', '....', 'x'.repeat(10_000)]) {
      await expect(sealer.open(token, now), token.slice(0, 20)).resolves.toBeUndefined();
    }
  });

  it('opens nothing whose payload lacks a field', async () => {
    const sealer = createSealer([secret]);
    const { accessToken: _, ...partial } = session;
    const token = await sealer.seal(partial as SealedSession, now);
    await expect(sealer.open(token, now)).resolves.toBeUndefined();
  });
});

describe('parseSecrets', () => {
  it('refuses a secret shorter than 32 characters without repeating it', () => {
    const short = 'short-secret-value-31-chars-xxxx'.slice(0, 31);
    expect(() => parseSecrets(short)).toThrow(/at least 32 characters, got 31/);
    try {
      parseSecrets([secret, short]);
    } catch (error) {
      expect(String(error)).toMatch(/entry 1/);
      expect(String(error)).not.toContain(short);
    }
    expect(() => parseSecrets([secret, short])).toThrow(TypeError);
    expect(() => parseSecrets([])).toThrow(/required/);
    expect(parseSecrets('x'.repeat(32))).toEqual(['x'.repeat(32)]);
  });
});
