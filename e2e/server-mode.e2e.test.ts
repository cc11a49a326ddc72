/**
 * The React demo in server mode (`?server=1`) in real Chromium, against the real mock behind the
 * demo's own `@verifik-auth/server` handler (THREAT-MODEL.md: "a script on the page" and "another
 * website in the user's browser"). The handler reaches the mock through a recording proxy, so the
 * tests know every token the mock issued and can search the page for the real thing.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { demoApiEnv } from '../apps/react/server-mode-plugin.js';
import { useChromium } from './chromium.js';
import { LoginPage } from './login-page.js';
import {
  countCodes,
  createMockDevClient,
  type Demo,
  demos,
  type MockServer,
  type RunningDemo,
  startDemo,
  startMock,
} from './servers.js';

const otp = '246810';
/** The handler's cookie name on http://127.0.0.1 (not `Secure`, so no `__Host-` prefix). */
const cookieName = 'verifik-session';
const basePath = '/auth/verifik';
const react = demos.find((demo) => demo.name === 'react') as Demo;

const browser = useChromium();

interface Listening {
  url: string;
  close(): Promise<void>;
}

/** Serves `server` on a free port of 127.0.0.1. */
async function listen(server: Server): Promise<Listening> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A JWT: what the mock issues as an access token. */
const jwtPattern = /eyJ[\w-]*\.eyJ[\w-]*\.[\w-]+/g;

/**
 * A pass-through proxy in front of the mock that keeps every JWT found in the mock's answers: the
 * tokens the handler got, which the page must never see.
 */
async function startTokenRecorder(target: string): Promise<Listening & { tokens: string[] }> {
  const tokens: string[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (name !== 'host' && name !== 'connection' && typeof value === 'string') headers.set(name, value);
    }
    const answer = await fetch(`${target}${request.url}`, {
      method: request.method,
      headers,
      body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
      redirect: 'manual',
    });
    const body = await answer.text();
    tokens.push(...(body.match(jwtPattern) ?? []));
    response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' });
    response.end(body);
  });
  return { ...(await listen(server)), tokens };
}

/**
 * Another origin on the same host (another port of 127.0.0.1, so same-site for cookies): a page that
 * tries the handler's state-changing routes with the visitor's cookies.
 */
function attackerHtml(target: string, phone: string): string {
  return `<!doctype html><title>elsewhere</title><script type="module">
const body = JSON.stringify({ countryCode: '+1', phone: '${phone}' });
const attempt = async (name, path, init) => {
  try {
    const response = await fetch('${target}${basePath}' + path, { method: 'POST', ...init });
    return [name, response.type === 'opaque' ? 'opaque' : response.status];
  } catch (error) {
    return [name, 'blocked'];
  }
};
const json = { 'content-type': 'application/json' };
const text = { 'content-type': 'text/plain' };
window.attack = Object.fromEntries(await Promise.all([
  attempt('json with cookies', '/phone-login', { credentials: 'include', headers: json, body }),
  attempt('json without cookies', '/phone-login', { credentials: 'omit', headers: json, body }),
  attempt('no-cors with cookies', '/phone-login', { mode: 'no-cors', credentials: 'include', headers: text, body }),
  attempt('refresh, no-cors with cookies', '/session/refresh', { mode: 'no-cors', credentials: 'include', headers: text, body: '{}' }),
]));
document.body.dataset.done = 'true';
</script>`;
}

/** Where each needle turns up among what the page's scripts can reach. */
type Findings = Record<string, string[]>;

/**
 * Searches everything a script on the page can read for each needle: both web storages, the
 * script-visible cookies, the document, the demo actor's snapshot and persisted snapshot (JSON), and
 * every value reachable from `window`'s own enumerable properties (objects, arrays, Maps, Sets, DOM
 * expandos such as React's fibers), keys included, plus each global's JSON. Throws when the walk
 * would not finish, rather than report a partial search as clean.
 */
function scanPage(page: Page, needles: readonly string[]): Promise<Findings> {
  return page.evaluate((wanted) => {
    const found: Record<string, string[]> = Object.fromEntries(wanted.map((needle) => [needle, []]));
    const check = (place: string, text: string) => {
      for (const needle of wanted) {
        const places = found[needle] as string[];
        if (text.includes(needle) && !places.includes(place)) places.push(place);
      }
    };
    const json = (value: unknown) => {
      const seen = new WeakSet<object>();
      try {
        return (
          JSON.stringify(value, (_key, item: unknown) => {
            if (typeof item === 'object' && item !== null) {
              if (seen.has(item) || item instanceof Node || item === window) return undefined;
              seen.add(item);
            }
            return item;
          }) ?? ''
        );
      } catch {
        return '';
      }
    };

    for (const area of ['localStorage', 'sessionStorage'] as const) {
      for (const key of Object.keys(window[area])) check(area, `${key}=${window[area].getItem(key)}`);
    }
    check('document.cookie', document.cookie);
    check('document', document.documentElement.outerHTML);
    const actor = (
      window as { verifikDemo?: { actor?: { getSnapshot(): unknown; getPersistedSnapshot(): unknown } } }
    ).verifikDemo?.actor;
    if (!actor) throw new Error('The page has no window.verifikDemo.actor');
    check('actor.getSnapshot()', json(actor.getSnapshot()));
    check('actor.getPersistedSnapshot()', json(actor.getPersistedSnapshot()));

    const seen = new WeakSet<object>();
    let budget = 2_000_000;
    for (const name of Object.keys(window)) {
      let root: unknown;
      try {
        root = (window as unknown as Record<string, unknown>)[name];
      } catch {
        continue;
      }
      // `window.window`, `self`, `top`…: the walk starts from each global instead.
      if (root === window) continue;
      const place = `window.${name}`;
      if (!(root instanceof Node)) check(`${place} (JSON)`, json(root));
      const stack: unknown[] = [root];
      while (stack.length > 0) {
        if (--budget < 0) throw new Error('The search of window did not finish within its budget');
        const value = stack.pop();
        if (typeof value === 'string') {
          check(place, value);
          continue;
        }
        if (typeof value !== 'object' || value === null || value === window || seen.has(value)) continue;
        seen.add(value);
        try {
          if (value instanceof Map) for (const [key, item] of value) stack.push(key, item);
          else if (value instanceof Set) for (const item of value) stack.push(item);
          if (value instanceof Node) stack.push(...value.childNodes);
          for (const key of Object.keys(value)) {
            check(place, key);
            try {
              stack.push((value as Record<string, unknown>)[key]);
            } catch {
              // A getter that throws holds nothing to find.
            }
          }
        } catch {
          // A cross-origin object or an exotic one: nothing a script could read either.
        }
      }
    }
    return found;
  }, needles);
}

describe('the React demo in server mode', () => {
  let mock: MockServer;
  let recorder: Listening & { tokens: string[] };
  let app: RunningDemo;
  let context: BrowserContext;
  let login: LoginPage;
  /** Every request the demo page sent, by URL. */
  let requested: string[];

  beforeAll(async () => {
    mock = await startMock({ fixedOtp: otp });
    recorder = await startTokenRecorder(mock.url);
    app = await startDemo(react, { env: { [demoApiEnv]: recorder.url } });
  });

  afterAll(async () => {
    await Promise.all([app?.close(), recorder?.close(), mock?.close()]);
  });

  beforeEach(async () => {
    await createMockDevClient(mock.url).reset();
    recorder.tokens.length = 0;
    requested = [];
    context = await browser().newContext({ viewport: { width: 480, height: 860 } });
    const page = await context.newPage();
    page.on('request', (request) => requested.push(request.url()));
    login = new LoginPage(page, app.url);
  });

  afterEach(async () => {
    await context.close();
  });

  const demoUrl = () => `${app.url}/?${new URLSearchParams({ api: mock.url, server: '1' })}`;

  /** Opens the server-mode demo in `page` and waits for it to leave `restoring`. */
  async function open(page: Page = login.page): Promise<void> {
    await page.goto(demoUrl());
    await page.locator('[data-testid="login"]:not([data-step="restoring"])').waitFor();
  }

  /** Signs in by phone through the page; resolves to the token the mock issued for it. */
  async function signIn(phone: string): Promise<string> {
    await open();
    await login.fillPhone('+1', phone);
    await login.sendCode();
    await login.expectStep('awaitingOtp');
    await login.enterCode(otp);
    await login.verify();
    await login.expectStep('authenticated');
    await login.expectText(login.labels.tokenOnServer);
    expect(recorder.tokens).toHaveLength(1);
    return recorder.tokens[0] as string;
  }

  async function sessionCookie(): Promise<{
    value: string;
    httpOnly: boolean;
    sameSite: string;
    path: string;
    secure: boolean;
    expires: number;
  }> {
    const cookie = (await context.cookies(app.url)).find((one) => one.name === cookieName);
    if (!cookie) throw new Error(`No ${cookieName} cookie for ${app.url}`);
    return cookie;
  }

  /** Replays `cookie` by hand, as a copied cookie would be: the handler's answer. */
  async function replay(cookie: string, path: string, init: RequestInit = {}) {
    const response = await fetch(`${app.url}${basePath}${path}`, {
      ...init,
      headers: { cookie: `${cookieName}=${cookie}`, origin: app.url, 'content-type': 'application/json' },
    });
    return { status: response.status, body: (await response.json()) as { session?: unknown } };
  }

  it('keeps the token where no script on the page can reach it, in an HttpOnly cookie', async () => {
    const bodies: string[] = [];
    login.page.on('response', async (response) => {
      if (response.url().startsWith(`${app.url}${basePath}`))
        bodies.push(await response.text().catch(() => ''));
    });
    const phone = '3015550101';
    const token = await signIn(phone);
    const signature = token.split('.')[2] as string;
    const cookie = await sessionCookie();

    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', secure: false });
    expect(cookie.expires * 1000).toBeGreaterThan(Date.now() + 29 * 24 * 3_600_000);
    expect(cookie.value.split('.')).toHaveLength(5); // a JWE, sealed on the server
    expect(cookie.value).not.toContain(signature);

    // The page talked to its own origin only: never to Verifik (the mock, or the proxy before it).
    expect(requested.filter((url) => url.startsWith(mock.url) || url.startsWith(recorder.url))).toEqual([]);
    expect(requested.some((url) => url === `${app.url}${basePath}/phone-login/confirm`)).toBe(true);

    // Controls: the search does find what is there, in every place it looks.
    await context.addCookies([{ name: 'planted', value: 'CANARY-7f3a', url: app.url }]);
    await login.page.evaluate(() => {
      localStorage.setItem('planted', 'CANARY-7f3a');
      sessionStorage.setItem('planted', 'CANARY-7f3a');
      Object.assign(window, { planted: { deep: new Map([['key', new Set(['CANARY-7f3a'])]]) } });
    });
    const found = await scanPage(login.page, [token, signature, cookie.value, 'CANARY-7f3a', phone]);
    expect(found['CANARY-7f3a']).toEqual(
      expect.arrayContaining(['localStorage', 'sessionStorage', 'document.cookie', 'window.planted']),
    );
    expect(found[phone]).toEqual(
      expect.arrayContaining(['actor.getSnapshot()', 'actor.getPersistedSnapshot()']),
    );
    // The actor's context is reached from the globals too (through `verifikDemo` or React's DOM expandos).
    expect(found[phone]?.some((place) => place.startsWith('window.'))).toBe(true);

    // The token (whole, or its signature alone) and the sealed cookie: nowhere.
    expect({ token: found[token], signature: found[signature], cookie: found[cookie.value] }).toEqual({
      token: [],
      signature: [],
      cookie: [],
    });
    // Not even on the wire to the page: no answer of the handler carried it.
    expect(bodies.length).toBeGreaterThanOrEqual(2);
    expect(bodies.filter((body) => body.includes(signature))).toEqual([]);
  });

  it('stays signed in across a reload and in a new tab, through the cookie alone', async () => {
    await signIn('3015550102');
    // Server mode keeps no signed-in snapshot in the page: a load has to ask the server.
    expect(await login.page.evaluate(() => sessionStorage.getItem('verifik-demo.snapshot'))).toBeNull();

    const asked = login.page.waitForResponse(
      (response) =>
        response.url() === `${app.url}${basePath}/session` && response.request().method() === 'GET',
    );
    await login.page.reload();
    expect((await asked).status()).toBe(200);
    await login.expectStep('authenticated');
    await login.expectText(login.labels.tokenOnServer);

    const tab = await context.newPage();
    await open(tab);
    expect(await tab.getByTestId('login').getAttribute('data-step')).toBe('authenticated');

    // Control: without the cookie, the same reload is signed out.
    await context.clearCookies();
    await login.page.reload();
    await login.page.locator('[data-testid="login"]:not([data-step="restoring"])').waitFor();
    expect(await login.step()).toBe('idle');
  });

  it('refuses the login routes to a page of another origin, even with the visitor’s cookie', async () => {
    await signIn('3015550103');
    const before = await sessionCookie();
    const attackPhone = '3015550199';
    const attacker = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(attackerHtml(app.url, attackPhone));
    });
    const elsewhere = await listen(attacker);
    try {
      const page = await context.newPage();
      // What reached the handler, from Chromium's own network log (CDP): Playwright cannot give the
      // sent headers of a no-cors request, and the cookie is the point here.
      const cdp = await context.newCDPSession(page);
      const urls = new Map<string, { url: string; method: string }>();
      const sentCookie = new Map<string, boolean>();
      const statuses = new Map<string, number>();
      cdp.on('Network.requestWillBeSent', ({ requestId, request }) => urls.set(requestId, request));
      cdp.on('Network.requestWillBeSentExtraInfo', (event) => {
        const cookie = Object.entries(event.headers).find(([name]) => name.toLowerCase() === 'cookie')?.[1];
        sentCookie.set(event.requestId, String(cookie ?? '').includes(`${cookieName}=`));
      });
      cdp.on('Network.responseReceived', (event) => statuses.set(event.requestId, event.response.status));
      await cdp.send('Network.enable');
      await page.goto(elsewhere.url);
      await page.locator('body[data-done="true"]').waitFor({ state: 'attached' });
      const reached = [...statuses].flatMap(([id, status]) => {
        const { url = '', method = '' } = urls.get(id) ?? {};
        // CORS preflights (OPTIONS) are answered by Vite's CORS middleware, without credentials.
        if (!url.startsWith(`${app.url}${basePath}`) || method === 'OPTIONS') return [];
        return [
          { path: url.slice(app.url.length + basePath.length), status, cookie: sentCookie.get(id) ?? false },
        ];
      });
      const attack = (await page.evaluate(() => (window as { attack?: unknown }).attack)) as Record<
        string,
        number | string
      >;

      // Whatever the browser let through reached the handler and got 403, cookie or not.
      expect(Object.values(attack).every((outcome) => ['blocked', 'opaque', 403].includes(outcome))).toBe(
        true,
      );
      expect(reached.length).toBeGreaterThanOrEqual(2);
      expect(reached.filter((one) => one.status !== 403)).toEqual([]);
      expect(reached).toEqual(
        expect.arrayContaining([
          { path: '/phone-login', status: 403, cookie: true },
          { path: '/session/refresh', status: 403, cookie: true },
        ]),
      );
      // No code went out, and the visitor's session was not refreshed (which would reseal the cookie).
      expect(await countCodes(mock.url, attackPhone)).toBe(0);
      expect((await sessionCookie()).value).toBe(before.value);
      expect((await replay(before.value, '/session')).body.session).not.toBeNull();
    } finally {
      await elsewhere.close();
    }
  });

  it('refuses the old cookie, replayed by hand, after logout', async () => {
    await signIn('3015550104');
    const copied = (await sessionCookie()).value;
    // Control: before logout the copied cookie works.
    expect((await replay(copied, '/session')).body.session).toEqual(
      expect.objectContaining({ tokenType: 'bearer' }),
    );

    const loggedOut = login.page.waitForResponse(
      (response) =>
        response.url() === `${app.url}${basePath}/session` && response.request().method() === 'DELETE',
    );
    await login.logOut();
    expect((await loggedOut).status()).toBe(200);
    await login.expectStep('idle');
    expect((await context.cookies(app.url)).filter((one) => one.name === cookieName)).toEqual([]);

    expect(await replay(copied, '/session')).toEqual({ status: 200, body: { session: null } });
    expect((await replay(copied, '/session/refresh', { method: 'POST', body: '{}' })).status).toBe(401);
    expect(recorder.tokens).toHaveLength(1); // no refresh reached Verifik
  });
});
