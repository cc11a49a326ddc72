import { describe, expect, it } from 'vitest';
import { createChallengeSigner } from './challenge.js';
import {
  challengeCookieOf,
  otherSecret,
  post,
  secret,
  uniquePhone,
  useMockVerifik,
} from './test-helpers/index.js';

const now = Date.UTC(2026, 11, 7);
const challenge = {
  cid: '5e1f6c1e-0000-4000-8000-000000000001',
  destination: 'AbC-dEf_123',
  expiresAt: now + 600_000,
};

describe('the challenge cookie', () => {
  it('opens what it signed, until it expires', async () => {
    const signer = createChallengeSigner([secret]);
    const value = await signer.sign(challenge);
    expect(await signer.open(value, now)).toEqual(challenge);
    expect(await signer.open(value, challenge.expiresAt)).toBeUndefined();
  });

  it('refuses any change to any part, another secret, and shapes of no challenge, without throwing', async () => {
    const signer = createChallengeSigner([secret]);
    const value = await signer.sign(challenge);
    const parts = value.split('.');
    for (let index = 1; index < parts.length; index++) {
      const changed = [...parts];
      const part = changed[index] as string;
      changed[index] = (part[0] === '1' ? '2' : '1') + part.slice(1);
      expect(await signer.open(changed.join('.'), now)).toBeUndefined();
    }
    // A later expiry with the old signature.
    const later = [...parts];
    later[2] = String(challenge.expiresAt + 3_600_000);
    expect(await signer.open(later.join('.'), now)).toBeUndefined();
    expect(await createChallengeSigner([otherSecret]).open(value, now)).toBeUndefined();
    for (const junk of [
      '',
      'v1',
      `${value}.x`,
      value.replace('v1', 'v2'),
      'a'.repeat(5000),
      'eyJhbGciOi.x.y.z.w',
    ]) {
      expect(await signer.open(junk, now)).toBeUndefined();
    }
    expect(await signer.open(undefined as unknown as string, now)).toBeUndefined();
  });

  it('rotates: a value signed with the old secret opens while the old secret is listed second', async () => {
    const value = await createChallengeSigner([otherSecret]).sign(challenge);
    expect(await createChallengeSigner([secret, otherSecret]).open(value, now)).toEqual(challenge);
    expect(await createChallengeSigner([secret]).open(value, now)).toBeUndefined();
  });
});

describe('the challenge cookie a send sets', () => {
  const mock = useMockVerifik();

  it('is HttpOnly, SameSite=Strict, Secure, lives as long as the code, and names no destination', async () => {
    const phone = uniquePhone();
    const sent = await mock.auth().handler(post('/phone-login', phone));
    const line = sent.headers.getSetCookie()[0] as string;
    expect(line).toMatch(/^__Host-verifik-session-challenge=v1\./);
    expect(line).toMatch(/; HttpOnly/);
    expect(line).toMatch(/; Secure/);
    expect(line).toMatch(/; SameSite=Strict/);
    const maxAge = Number(/Max-Age=(\d+)/.exec(line)?.[1]);
    expect(maxAge).toBeGreaterThan(500);
    expect(maxAge).toBeLessThanOrEqual(900);
    expect(challengeCookieOf(sent)).not.toContain(phone.phone);
    expect(challengeCookieOf(sent)).not.toContain(phone.phone.slice(-6));
  });
});
