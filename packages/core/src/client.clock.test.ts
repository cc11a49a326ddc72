import { signature as signatureAt } from '@verifik-auth/mock-server';
import { describe, expect, it } from 'vitest';
import { createVerifikClient, DEFAULT_OTP_TTL_MS } from './client.js';
import { type HostileServer, sendJson, useHostileServer } from './hostile-server.js';
import { SESSION_TTL_MS } from './session-token.js';
import { signedIn } from './test-utils.js';

// Issue 9 §2: deadlines come from the server's own clock, anchored at arrival, within sanity bounds.
// The server here is a Verifik whose clock is set by the test; the client's clock is another.

const server = useHostileServer();
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const phone = { countryCode: '+1', phone: '1234566663' } as const;

interface Answer {
  /** The server's clock minus the real one. */
  serverAheadMs?: number;
  /** What goes in `data`, given the server's now. */
  data: (serverNow: number) => Record<string, unknown>;
  /** Send a `Date` header (browsers hide it from cross-origin pages, the usual case). */
  date?: boolean;
  signature?: boolean;
}

function answerWith(target: HostileServer, answer: Answer) {
  target.answer((_request, response) => {
    const serverNow = Date.now() + (answer.serverAheadMs ?? 0);
    const body = {
      data: answer.data(serverNow),
      ...(answer.signature && { signature: signatureAt(serverNow) }),
    };
    // Node's http adds a real-time Date unless told otherwise.
    response.sendDate = false;
    sendJson(response, 200, body, answer.date ? { date: new Date(serverNow).toUTCString() } : {});
  });
}

const iso = (ms: number) => new Date(ms).toISOString();
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (claims: Record<string, number>) => `${base64url({ alg: 'HS256' })}.${base64url(claims)}.c2ln`;

/** A client whose clock is `aheadMs` off the real one. */
const clientAhead = (aheadMs: number) =>
  createVerifikClient({ baseUrl: server.url, now: () => Date.now() + aheadMs });

describe('the code expiry', () => {
  it('gives a device 11 minutes ahead the whole 10 minutes, from the phone answer’s createdAt', async () => {
    answerWith(server, { data: (now) => ({ createdAt: iso(now), expiresAt: iso(now + 10 * MINUTE) }) });
    const before = Date.now() + 11 * MINUTE;
    const challenge = await clientAhead(11 * MINUTE).requestPhoneOtp(phone);
    expect(challenge.expiry).toStrictEqual({ source: 'createdAt' });
    expect(challenge.expiresAt - before).toBeGreaterThanOrEqual(10 * MINUTE - 50);
    expect(challenge.expiresAt - before).toBeLessThanOrEqual(10 * MINUTE + 1000);
  });

  it('shows 10 minutes, not 70, when the server is an hour ahead: the Date header is its clock', async () => {
    answerWith(server, {
      serverAheadMs: 60 * MINUTE,
      date: true,
      data: (now) => ({ expiresAt: now + 10 * MINUTE }),
    });
    const challenge = await clientAhead(0).requestEmailOtp({ email: 'user@example.com' });
    expect(challenge.expiry).toStrictEqual({ source: 'date' });
    expect(Math.abs(challenge.expiresAt - (Date.now() + 10 * MINUTE))).toBeLessThanOrEqual(1500);
  });

  it('uses signature.dateTime (to the minute) when the Date header is hidden, as cross-origin in a browser', async () => {
    answerWith(server, {
      serverAheadMs: 60 * MINUTE,
      signature: true,
      data: (now) => ({ expiresAt: iso(now + 10 * MINUTE) }),
    });
    const challenge = await clientAhead(-11 * MINUTE).requestEmailOtp({ email: 'user@example.com' });
    expect(challenge.expiry).toStrictEqual({ source: 'signature' });
    const left = challenge.expiresAt - (Date.now() - 11 * MINUTE);
    // The signature has whole minutes: its last millisecond is taken, so the lifetime is never longer.
    expect(left).toBeGreaterThan(9 * MINUTE - 1000);
    expect(left).toBeLessThanOrEqual(10 * MINUTE);
  });

  it('trusts the device clock only within bounds: with no server time and a skewed device, 10 minutes', async () => {
    answerWith(server, { data: (now) => ({ expiresAt: iso(now + 10 * MINUTE) }) });
    const now = Date.now() + 11 * MINUTE;
    const challenge = await createVerifikClient({ baseUrl: server.url, now: () => now }).requestPhoneOtp(
      phone,
    );
    expect(challenge.expiresAt).toBe(now + DEFAULT_OTP_TTL_MS);
    expect(challenge.expiry).toMatchObject({ source: 'default', reason: expect.stringMatching(/device/) });
  });

  for (const [name, expiresAt] of [
    ['1', 1],
    ['1e308', 1e308],
    ['NaN', 'NaN'],
    ['ten years ahead', 'ten-years'],
    ['a second before it was created', 'before'],
    ['a millisecond after it was created', 'instant'],
  ] as const) {
    it(`falls back to the documented 10 minutes, with the reason, for an expiresAt of ${name}`, async () => {
      answerWith(server, {
        date: true,
        data: (serverNow) => ({
          createdAt: iso(serverNow),
          expiresAt:
            expiresAt === 'ten-years'
              ? iso(serverNow + 3650 * DAY)
              : expiresAt === 'before'
                ? iso(serverNow - 1000)
                : expiresAt === 'instant'
                  ? iso(serverNow + 1)
                  : expiresAt,
        }),
      });
      const now = 1_900_000_000_000;
      const challenge = await createVerifikClient({ baseUrl: server.url, now: () => now }).requestPhoneOtp(
        phone,
      );
      expect(challenge.expiresAt).toBe(now + DEFAULT_OTP_TTL_MS);
      expect(challenge.expiry?.source).toBe('default');
      expect(challenge.expiry?.reason).toMatch(/./);
    });
  }
});

describe('the session expiry', () => {
  const confirm = (client = clientAhead(0)) => signedIn(client.confirmPhoneOtp({ ...phone, otp: '123456' }));

  it('measures a JWT’s exp on the server’s clock: a server an hour ahead does not shorten the session', async () => {
    answerWith(server, {
      serverAheadMs: 60 * MINUTE,
      date: true,
      data: (now) => ({ accessToken: jwt({ exp: Math.floor(now / 1000) + 2 * 3600 }), tokenType: 'bearer' }),
    });
    const session = await confirm();
    expect(session.expiry).toStrictEqual({ source: 'date' });
    expect(Math.abs(session.expiresAt - (Date.now() + 2 * 60 * MINUTE))).toBeLessThanOrEqual(1500);
  });

  it('uses exp − iat when nothing else tells the server’s clock', async () => {
    answerWith(server, {
      serverAheadMs: -5 * DAY,
      data: (now) => {
        const iat = Math.floor(now / 1000);
        return { accessToken: jwt({ iat, exp: iat + 3600 }) };
      },
    });
    const now = 1_900_000_000_000;
    const session = await confirm(createVerifikClient({ baseUrl: server.url, now: () => now }));
    expect(session).toMatchObject({ issuedAt: now, expiresAt: now + 3_600_000, expiry: { source: 'jwt' } });
  });

  it('gives a token whose exp is ten years away the documented 30 days, with the reason', async () => {
    answerWith(server, {
      date: true,
      data: (now) => ({ accessToken: jwt({ exp: Math.floor(now / 1000) + 3650 * 86400 }) }),
    });
    const now = 1_900_000_000_000;
    const session = await confirm(createVerifikClient({ baseUrl: server.url, now: () => now }));
    expect(session.expiresAt).toBe(now + SESSION_TTL_MS);
    expect(session.expiry).toMatchObject({ source: 'default', reason: expect.stringMatching(/outside/) });
  });

  it('accepts the longer lifetime a refresh asked for with expiresInMonths, and no longer', async () => {
    const sixtyTwoDays = 62 * 86400;
    server.answer((_request, response) => {
      const now = Math.floor(Date.now() / 1000);
      sendJson(response, 200, { accessToken: jwt({ iat: now, exp: now + sixtyTwoDays }) });
    });
    const now = 1_900_000_000_000;
    const client = createVerifikClient({ baseUrl: server.url, now: () => now });
    const twoMonths = await client.refreshSession('old', { expiresInMonths: 2 });
    expect(twoMonths.expiresAt - now).toBeGreaterThanOrEqual(sixtyTwoDays * 1000 - 1000);
    const asked30Days = await client.refreshSession('old');
    expect(asked30Days).toMatchObject({ expiresAt: now + SESSION_TTL_MS, expiry: { source: 'default' } });
  });
});

describe('retryAt', () => {
  it('does not lock the user out for a Retry-After of years: the usual minute instead', async () => {
    server.answer((_request, response) =>
      sendJson(response, 429, { code: 'TooManyRequests' }, { 'retry-after': '999999999' }),
    );
    const now = 1_900_000_000_000;
    const client = createVerifikClient({ baseUrl: server.url, now: () => now });
    await expect(client.requestPhoneOtp(phone)).rejects.toMatchObject({
      code: 'rate_limited',
      retryAt: now + MINUTE,
    });
  });
});
