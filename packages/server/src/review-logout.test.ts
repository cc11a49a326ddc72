// Security review regressions: each test fails without the fix it names.
import { describe, expect, it } from 'vitest';
import { cookieOf, del, login, post, useMockVerifik } from './test-helpers/index.js';

const mock = useMockVerifik();

/** Whether `cookie` still signs someone in (without printing the token on failure). */
const signsIn = async (auth: ReturnType<typeof mock.auth>, cookie: string) =>
  (await auth.getSession(new Request('https://app.example/', { headers: { cookie } }))) !== null;

describe('logout ends every cookie of the login, refreshed ones included', () => {
  it('a refresh racing a logout does not bring the session back', async () => {
    let hold: Promise<void> | undefined;
    let entered: () => void = () => {};
    const inRefresh = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const auth = mock.auth({
      fetch: async (input, init) => {
        if (hold) {
          entered();
          await hold;
        }
        return fetch(input, init);
      },
    });
    const { cookie } = await login(auth);
    let release: () => void = () => {};
    hold = new Promise<void>((resolve) => {
      release = resolve;
    });
    const refreshing = auth.handler(post('/session/refresh', {}, { cookie }));
    await inRefresh;
    hold = undefined;
    expect((await auth.handler(del('/session', cookie))).status).toBe(200);
    release();
    const refreshed = await refreshing;
    if (refreshed.status === 200) {
      const renewed = cookieOf(refreshed);
      expect(await signsIn(auth, renewed)).toBe(false);
    }
  });

  it('a logout with a copy of the cookie also ends the cookie a refresh of that copy made', async () => {
    const auth = mock.auth();
    const { cookie } = await login(auth);
    // Someone with a copy refreshes it into a cookie of their own.
    const copy = cookieOf(await auth.handler(post('/session/refresh', {}, { cookie })));
    // The user logs out with the cookie they hold.
    expect((await auth.handler(del('/session', cookie))).status).toBe(200);
    expect(await signsIn(auth, copy)).toBe(false);
  });
});
