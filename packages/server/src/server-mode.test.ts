// The core machine in server mode against this handler, over real HTTP, against the mock Verifik:
// the same states and events as in browser mode, and the token never reaches the machine.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import {
  createLoginMachine,
  createVerifikClient,
  type LoginMachine,
  processLock,
  type RefreshLock,
  type ServerHeldSession,
  serverMode,
} from '@verifik-auth/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, createActor, waitFor } from 'xstate';
import { createVerifikAuth, type VerifikAuth } from './index.js';
import { toNodeHandler } from './node.js';
import { type BrowserFetch, browserFetch } from './test-helpers/browser-fetch.js';
import { fixedOtp, secret, uniquePhone, useMockVerifik } from './test-helpers/index.js';

const mock = useMockVerifik();
let auth: VerifikAuth;
let server: Server;
let origin: string;
/** Every token the handler got from Verifik, to look for where it must not be. */
const tokens: string[] = [];
/** How long Verifik takes to renew a token (so that refreshes overlap when a test needs it), ms. */
let renewDelayMs = 0;

beforeAll(async () => {
  auth = createVerifikAuth({
    secret,
    verifikBaseUrl: mock.url(),
    // Records the tokens as they come back from Verifik (the confirm and refresh answers).
    fetch: async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.includes('/v2/auth/session') && renewDelayMs > 0) {
        await new Promise((resolve) => setTimeout(resolve, renewDelayMs));
      }
      const response = await fetch(input, init);
      const body = (await response.clone().text()).match(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g);
      tokens.push(...(body ?? []));
      return response;
    },
  });
  server = createServer(toNodeHandler(auth.handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

/** A tab of `browser`; `lock` as a browser without Web Locks gives each tab (a realm of its own). */
function startLogin(browser: BrowserFetch, lock?: RefreshLock): Actor<LoginMachine> {
  const machine = createLoginMachine({
    ...serverMode({ baseUrl: `${origin}/auth/verifik`, fetch: browser.fetch }),
    ...(lock && { autoRefresh: { lock } }),
  });
  return createActor(machine).start();
}

/** What the machine holds and persists, as a script on the page could read it. */
const everything = (actor: Actor<LoginMachine>) =>
  `${inspect(actor.getSnapshot().context, { depth: Number.POSITIVE_INFINITY, showHidden: true })}${JSON.stringify(
    actor.getPersistedSnapshot(),
  )}`;

describe('the core machine in server mode, against the handler', () => {
  it('signs in, survives a reload, refreshes and logs out, and never holds the token', async () => {
    const browser = browserFetch(origin);
    const phone = uniquePhone();
    const tab = startLogin(browser);
    await waitFor(tab, (snapshot) => snapshot.matches('idle'));
    tab.send({ type: 'login.phone', ...phone });
    await waitFor(tab, (snapshot) => snapshot.matches('awaitingOtp'));
    tab.send({ type: 'otp.submit', otp: fixedOtp });
    const signedIn = await waitFor(tab, (snapshot) => snapshot.matches('authenticated'));
    // Checked just below: a session the server holds.
    const session = signedIn.context.session as ServerHeldSession | null;
    expect(session).toMatchObject({ heldBy: 'server', tokenType: 'bearer' });
    expect(session?.accessToken).toBeUndefined();
    expect(session?.maskedIdentifier).toContain(phone.phone.slice(-4));
    expect(session && session.expiresAt - Date.now()).toBeGreaterThan(29 * 86_400_000);
    expect(tokens.length).toBeGreaterThan(0);
    for (const token of tokens) expect(everything(tab)).not.toContain(token.split('.')[2]);
    expect(browser.jar.size).toBe(1);

    // A reload: a new machine, the same cookie, asks GET /session.
    tab.stop();
    const reloaded = startLogin(browser);
    const restored = await waitFor(reloaded, (snapshot) => !snapshot.matches('restoring'));
    expect(restored.value).toEqual({ authenticated: 'active' });
    expect((restored.context.session as ServerHeldSession | null)?.maskedIdentifier).toBe(
      session?.maskedIdentifier,
    );

    // A refresh: a new token on the server, a new cookie, still no token here.
    const before = [...browser.jar.values()][0];
    reloaded.send({ type: 'session.refresh' });
    await waitFor(reloaded, (snapshot) => snapshot.matches({ authenticated: 'refreshing' }));
    const refreshed = await waitFor(reloaded, (snapshot) => snapshot.matches({ authenticated: 'active' }));
    expect(refreshed.context.error).toBeNull();
    expect([...browser.jar.values()][0]).not.toBe(before);
    expect(browser.requests.filter(({ path }) => path.endsWith('/session/refresh'))).toHaveLength(1);
    for (const token of tokens) expect(everything(reloaded)).not.toContain(token.split('.')[2]);

    // Logout: DELETE /session, the cookie goes, and the old one is refused.
    reloaded.send({ type: 'session.logout' });
    await waitFor(reloaded, (snapshot) => snapshot.matches('idle'));
    await expect.poll(() => browser.requests.filter(({ method }) => method === 'DELETE').length).toBe(1);
    await expect.poll(() => browser.jar.size).toBe(0);
    const replay = await fetch(`${origin}/auth/verifik/session`, { headers: { cookie: `x=${before}` } });
    expect((await replay.json()).session).toBeNull();
    reloaded.stop();
  });

  it('signs out everywhere else: a new cookie here, the other tokens of the account end, and a revoke elsewhere ends this one as revoked', async () => {
    const phone = uniquePhone();
    // The same account signed in on another device, straight at Verifik.
    const device = createVerifikClient({ baseUrl: mock.url() });
    await device.requestPhoneOtp(phone);
    const confirmed = await device.confirmPhoneOtp({ ...phone, otp: fixedOtp });
    if (!('accessToken' in confirmed)) throw new Error('expected a session');
    const otherToken = confirmed.accessToken;

    const browser = browserFetch(origin);
    const tab = startLogin(browser);
    await waitFor(tab, (snapshot) => snapshot.matches('idle'));
    tab.send({ type: 'login.phone', ...phone });
    await waitFor(tab, (snapshot) => snapshot.matches('awaitingOtp'));
    tab.send({ type: 'otp.submit', otp: fixedOtp });
    await waitFor(tab, (snapshot) => snapshot.matches('authenticated'));
    const before = [...browser.jar.values()][0];
    tab.send({ type: 'session.revokeOthers' });
    expect(tab.getSnapshot().value).toEqual({ authenticated: 'revoking' });
    const revoked = await waitFor(tab, (snapshot) => snapshot.matches({ authenticated: 'active' }));
    expect(revoked.context.error).toBeNull();
    expect(revoked.context.session).toMatchObject({ heldBy: 'server' });
    const after = [...browser.jar.values()][0];
    expect(after).not.toBe(before);
    expect(browser.requests.filter(({ path }) => path.endsWith('/session/revoke-others'))).toHaveLength(1);
    for (const token of tokens) expect(everything(tab)).not.toContain(token.split('.')[2]);
    await expect(device.refreshSession(otherToken)).rejects.toMatchObject({ code: 'unauthorized' });

    // Now the other device signs out everywhere: this browser's token is refused before its expiry.
    const [name] = [...browser.jar.keys()];
    const held = await auth.getSession(
      new Request(`${origin}/auth/verifik/session`, { headers: { cookie: `${name}=${after}` } }),
    );
    await device.renewAndRevoke(held?.accessToken ?? '');
    tab.send({ type: 'session.refresh' });
    const ended = await waitFor(tab, (snapshot) => snapshot.matches('expired'));
    expect(ended.context).toMatchObject({ expiredReason: 'revoked', session: null });
    await expect.poll(() => browser.jar.size).toBe(0);
    tab.stop();
  });

  it('shows the handler refusals as the usual errors: a wrong code, then a limit with its countdown', async () => {
    const browser = browserFetch(origin);
    const tab = startLogin(browser);
    await waitFor(tab, (snapshot) => snapshot.matches('idle'));
    tab.send({ type: 'login.phone', ...uniquePhone() });
    await waitFor(tab, (snapshot) => snapshot.matches('awaitingOtp'));
    tab.send({ type: 'otp.submit', otp: '000000' });
    const wrong = await waitFor(
      tab,
      (snapshot) => snapshot.matches('awaitingOtp') && snapshot.context.error !== null,
    );
    expect(wrong.context.error).toMatchObject({ code: 'invalid_otp' });
    expect(wrong.context.attempts).toBe(1);
    // Four more wrong codes use up the handler's 5 confirms per code; the sixth try is refused with a wait.
    for (let attempt = 2; attempt <= 6; attempt++) {
      tab.send({ type: 'otp.submit', otp: '000000' });
      await waitFor(tab, (snapshot) => snapshot.matches('confirming'));
      await waitFor(tab, (snapshot) => !snapshot.matches('confirming'));
    }
    const limited = tab.getSnapshot();
    expect(limited.context.error).toMatchObject({ code: 'rate_limited', status: 429 });
    expect(limited.context.error?.retryAt).toBeGreaterThan(Date.now() + 60_000);
    tab.stop();
  });

  it('two tabs refreshing one cookie at once (no lock between them): one refresh reaches Verifik, both stay signed in', async () => {
    const browser = browserFetch(origin);
    const first = startLogin(browser, processLock());
    await waitFor(first, (snapshot) => snapshot.matches('idle'));
    first.send({ type: 'login.phone', ...uniquePhone() });
    await waitFor(first, (snapshot) => snapshot.matches('awaitingOtp'));
    first.send({ type: 'otp.submit', otp: fixedOtp });
    await waitFor(first, (snapshot) => snapshot.matches('authenticated'));
    const second = startLogin(browser, processLock());
    await waitFor(second, (snapshot) => snapshot.matches('authenticated'));
    const before = (await mock.dev().requests()).filter((record) => record.route === '/v2/auth/session');

    renewDelayMs = 300;
    for (const tab of [first, second]) tab.send({ type: 'session.refresh' });
    for (const tab of [first, second]) {
      const settled = await waitFor(tab, (snapshot) => snapshot.matches({ authenticated: 'active' }), {
        timeout: 15_000,
      });
      expect(settled.context.error).toBeNull();
    }
    renewDelayMs = 0;
    const after = (await mock.dev().requests()).filter((record) => record.route === '/v2/auth/session');
    expect(after.length - before.length).toBe(1);
    expect(browser.requests.filter(({ path }) => path.endsWith('/session/refresh'))).toHaveLength(2);
    // The one cookie the jar holds is the live one.
    const cookie = [...browser.jar].map(([name, value]) => `${name}=${value}`).join('; ');
    expect(await auth.getSession(new Request(`${origin}/`, { headers: { cookie } }))).not.toBeNull();
    first.stop();
    second.stop();
  });

  it('starts signed out, without a request that changes anything, when there is no cookie', async () => {
    const browser = browserFetch(origin);
    const tab = startLogin(browser);
    const settled = await waitFor(tab, (snapshot) => !snapshot.matches('restoring'));
    expect(settled.value).toBe('idle');
    expect(browser.requests).toEqual([{ method: 'GET', path: '/auth/verifik/session' }]);
    tab.stop();
  });
});
