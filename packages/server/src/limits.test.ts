import { verifikRoutes } from '@verifik-auth/mock-server';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_RATE_LIMITS } from './limits.js';
import { memoryStore, type VerifikAuthStore } from './store.js';
import {
  challengeCookieOf,
  cookieOf,
  del,
  fixedOtp,
  get,
  login,
  post,
  uniquePhone,
  useMockVerifik,
  wrongOtp,
} from './test-helpers/index.js';

const mock = useMockVerifik();

/** How many requests reached Verifik's route. */
const calls = async (route: string) =>
  (await mock.dev().requests()).filter((record) => record.route === route).length;

/** A memory store that can be taken down: every method then rejects. */
function flakyStore() {
  const inner = memoryStore();
  const state = { down: false };
  const guard =
    <A extends unknown[], R>(method: (...args: A) => Promise<R>) =>
    (...args: A) =>
      state.down ? Promise.reject(new Error('ECONNREFUSED')) : method(...args);
  const store: VerifikAuthStore = {
    consume: guard(inner.consume),
    createLogin: guard(inner.createLogin),
    loginGeneration: guard(inner.loginGeneration),
    setLoginGeneration: guard(inner.setLoginGeneration),
    endLogin: guard(inner.endLogin),
  };
  return { store, state };
}

describe('abuse limits', () => {
  it('default to 5 sends per identifier / 15 min, 20 per address / hour, 1000 in all / hour, 5 confirms per code, 50 per address / hour, 30 per identifier / day, 10 refreshes per login / hour, 3 revokes per login / hour', () => {
    expect(DEFAULT_RATE_LIMITS).toEqual({
      sendsPerIdentifier: { max: 5, windowMs: 900_000 },
      sendsPerAddress: { max: 20, windowMs: 3_600_000 },
      sendsTotal: { max: 1000, windowMs: 3_600_000 },
      confirmsPerCode: { max: 5, windowMs: 900_000 },
      confirmsPerAddress: { max: 50, windowMs: 3_600_000 },
      confirmsPerIdentifier: { max: 30, windowMs: 86_400_000 },
      refreshesPerLogin: { max: 10, windowMs: 3_600_000 },
      revokesPerLogin: { max: 3, windowMs: 3_600_000 },
    });
  });

  it('refuses a 6th send to one phone within 15 minutes, however it is written, with Retry-After', async () => {
    let clock = Date.now();
    const auth = mock.auth({ store: memoryStore({ now: () => clock }) });
    const { phone } = uniquePhone();
    const spelled = [
      phone,
      `(${phone.slice(0, 3)}) ${phone.slice(3, 6)}-${phone.slice(6)}`,
      Number(phone),
      phone,
      phone,
    ];
    for (const written of spelled) {
      expect((await auth.handler(post('/phone-login', { countryCode: '+1', phone: written }))).status).toBe(
        200,
      );
    }
    clock += 5 * 60_000;
    const refused = await auth.handler(post('/phone-login', { countryCode: '+1', phone: ` ${phone}` }));
    expect(refused.status).toBe(429);
    expect((await refused.json()).code).toBe('rate_limited');
    expect(refused.headers.get('retry-after')).toBe('600');
    expect(refused.headers.get('cache-control')).toBe('no-store');
    expect(await calls(verifikRoutes.phoneLogin)).toBe(5);
    // Another phone is not affected.
    expect((await auth.handler(post('/phone-login', uniquePhone()))).status).toBe(200);
  });

  it('counts an email address lower-cased', async () => {
    const auth = mock.auth({ rateLimit: { sendsPerIdentifier: { max: 1 } } });
    expect((await auth.handler(post('/email-login', { email: 'Case@Example.com' }))).status).toBe(200);
    expect((await auth.handler(post('/email-login', { email: 'case@example.COM' }))).status).toBe(429);
  });

  it('refuses sends past the per-address limit, and every send whose address is unknown (503)', async () => {
    const auth = mock.auth({
      rateLimit: { sendsPerAddress: { max: 2 } },
      getClientAddress: (_request, context) => context?.clientAddress,
    });
    const from = (address?: string) =>
      auth.handler(post('/phone-login', uniquePhone()), address ? { clientAddress: address } : undefined);
    expect((await from('203.0.113.5')).status).toBe(200);
    expect((await from('203.0.113.5')).status).toBe(200);
    const refused = await from('203.0.113.5');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3590);
    expect((await from('203.0.113.6')).status).toBe(200);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    for (let index = 0; index < 3; index++) expect((await from()).status).toBe(503);
    expect(await calls(verifikRoutes.phoneLogin)).toBe(3);
  });

  it('uses getClientAddress when given', async () => {
    const auth = mock.auth({
      rateLimit: { sendsPerAddress: { max: 1 } },
      getClientAddress: (request) => request.headers.get('x-real-ip'),
    });
    const send = () => {
      const request = post('/phone-login', uniquePhone());
      request.headers.set('x-real-ip', '198.51.100.1');
      return auth.handler(request);
    };
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(429);
  });

  it('refuses sends past the total limit, whatever the phone and address', async () => {
    const auth = mock.auth({ rateLimit: { sendsTotal: { max: 3 } } });
    for (let index = 0; index < 3; index++) {
      const response = await auth.handler(post('/phone-login', uniquePhone()), {
        clientAddress: `192.0.2.${index}`,
      });
      expect(response.status).toBe(200);
    }
    const refused = await auth.handler(post('/email-login', { email: 'total@example.com' }), {
      clientAddress: '192.0.2.9',
    });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await calls(verifikRoutes.emailLogin)).toBe(0);
  });

  it('allows 5 confirm attempts per code; the 6th is refused even with the right code; a new code starts again', async () => {
    const auth = mock.auth();
    const phone = uniquePhone();
    let cookie = challengeCookieOf(await auth.handler(post('/phone-login', phone)));
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await auth.handler(
        post('/phone-login/confirm', { ...phone, otp: wrongOtp }, { cookie }),
      );
      expect((await response.json()).code).toBe('invalid_otp');
    }
    const refused = await auth.handler(post('/phone-login/confirm', { ...phone, otp: fixedOtp }, { cookie }));
    expect(refused.status).toBe(429);
    expect((await refused.json()).code).toBe('rate_limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.getSetCookie()).toEqual([]);
    expect(await calls(verifikRoutes.phoneConfirm)).toBe(5);
    cookie = challengeCookieOf(await auth.handler(post('/phone-login', phone)));
    const confirmed = await auth.handler(
      post('/phone-login/confirm', { ...phone, otp: fixedOtp }, { cookie }),
    );
    expect(confirmed.status).toBe(200);
  });
});

describe('a store that cannot be reached', () => {
  it('fails sends and confirms closed with 503 `server`, before calling Verifik', async () => {
    const { store, state } = flakyStore();
    const auth = mock.auth({ store });
    const phone = uniquePhone();
    const phoneChallenge = challengeCookieOf(await auth.handler(post('/phone-login', phone)));
    const emailChallenge = challengeCookieOf(
      await auth.handler(post('/email-login', { email: 'down@example.com' })),
    );
    await mock.dev().reset();
    state.down = true;
    for (const request of [
      post('/phone-login', phone),
      post('/email-login', { email: 'down@example.com' }),
      post('/phone-login/confirm', { ...phone, otp: fixedOtp }, { cookie: phoneChallenge }),
      post('/email-login/confirm', { email: 'down@example.com', otp: fixedOtp }, { cookie: emailChallenge }),
    ]) {
      const response = await auth.handler(request);
      expect(response.status).toBe(503);
      expect((await response.json()).code).toBe('server');
      expect(response.headers.getSetCookie()).toEqual([]);
    }
    expect(await mock.dev().requests()).toEqual([]);
  });

  it('makes a cookie signed out while its login cannot be checked, without deleting it', async () => {
    const { store, state } = flakyStore();
    const auth = mock.auth({ store });
    const { cookie } = await login(auth);
    state.down = true;
    const read = await auth.handler(get('/session', cookie));
    expect(await read.json()).toEqual({ session: null });
    expect(read.headers.getSetCookie()).toEqual([]);
    expect(await auth.getSession(get('/session', cookie))).toBeNull();
    expect((await auth.handler(post('/session/refresh', {}, { cookie }))).status).toBe(401);
    state.down = false;
    expect(await auth.getSession(get('/session', cookie))).not.toBeNull();
  });

  it('answers a logout it cannot record with 503, deleting the cookie all the same', async () => {
    const { store, state } = flakyStore();
    const auth = mock.auth({ store });
    const { cookie } = await login(auth);
    state.down = true;
    const response = await auth.handler(del('/session', cookie));
    expect(response.status).toBe(503);
    expect((await response.json()).code).toBe('server');
    expect(response.headers.getSetCookie()[0]).toMatch(/Max-Age=0/);
  });
});

describe('the store never learns who logs in', () => {
  it('keys its counters by an HMAC of the phone, email and address, stable per secret', async () => {
    const keys: string[] = [];
    const inner = memoryStore();
    const recording: VerifikAuthStore = {
      ...inner,
      consume: (checks) => {
        keys.push(...checks.map((check) => check.key));
        return inner.consume(checks);
      },
    };
    const auth = mock.auth({ store: recording });
    const phone = uniquePhone();
    const context = { clientAddress: '203.0.113.77' };
    const cookie = challengeCookieOf(await auth.handler(post('/phone-login', phone), context));
    await auth.handler(post('/phone-login/confirm', { ...phone, otp: wrongOtp }, { cookie }), context);
    await auth.handler(post('/email-login', { email: 'Someone@Example.com' }), context);
    expect(keys.length).toBeGreaterThanOrEqual(6);
    const all = keys.join('\n');
    for (const personal of [phone.phone, phone.phone.slice(-6), 'someone', 'example.com', '203.0.113']) {
      expect(all.toLowerCase()).not.toContain(personal);
    }
    // The same phone twice gives the same key, so the limits still count per person.
    await auth.handler(post('/phone-login', phone), context);
    const identifierKeys = keys.filter((key) => key.startsWith('send:identifier:'));
    expect(identifierKeys[0]).toBe(identifierKeys[2]);
    expect(identifierKeys[0]).not.toBe(identifierKeys[1]);
  });
});

describe('refreshes per login', () => {
  it('refuses the 4th refresh of one login (its refreshed cookies included) with Retry-After, and leaves other logins alone', async () => {
    const auth = mock.auth({ rateLimit: { refreshesPerLogin: { max: 3 } } });
    let { cookie } = await login(auth);
    for (let refresh = 1; refresh <= 3; refresh++) {
      const response = await auth.handler(post('/session/refresh', {}, { cookie }));
      expect(response.status).toBe(200);
      cookie = cookieOf(response);
    }
    const refused = await auth.handler(post('/session/refresh', {}, { cookie }));
    expect(refused.status).toBe(429);
    expect((await refused.json()).code).toBe('rate_limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3000);
    expect(await calls(verifikRoutes.session)).toBe(3);
    // The session itself is still good, and another login has its own count.
    expect((await (await auth.handler(get('/session', cookie))).json()).session).not.toBeNull();
    const other = await login(auth);
    expect((await auth.handler(post('/session/refresh', {}, { cookie: other.cookie }))).status).toBe(200);
  });
});
