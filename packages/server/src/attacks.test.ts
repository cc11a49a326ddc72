// Issue 17's holes, tried as an attacker would: the default limits and memory store, the real handler,
// a stub Verifik `fetch` (so floods take seconds) counting what reached Verifik. Each test failed on
// the code before the fix it names.
import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createVerifikAuth, type VerifikAuthOptions } from './index.js';
import { toNodeHandler } from './node.js';
import { memoryStore } from './store.js';
import { testBrowser } from './test-helpers/browser.js';
import { fixedOtp, post, secret, wrongOtp } from './test-helpers/index.js';
import { stubVerifik, stubVerifikUrl } from './test-helpers/stub-verifik.js';

const sendPath = '/v2/projects/phone-login';
const confirmPath = '/v2/projects/phone-login/confirm';
const refreshPath = '/v2/auth/session';

/** A handler with the defaults, talking to a stub Verifik. */
function setup(options: Partial<VerifikAuthOptions> = {}) {
  const stub = stubVerifik(options.now);
  const auth = createVerifikAuth({
    secret,
    verifikBaseUrl: stubVerifikUrl,
    fetch: stub.fetch,
    allowedHosts: ['app.example'],
    ...options,
  });
  return { stub, auth };
}

const phone = (n: number) => ({ countryCode: '+1', phone: String(3_115_550_000 + n) });
const address = (n: number) => `198.51.${Math.floor(n / 250)}.${(n % 250) + 1}`;

/** Whether `cookie` signs anyone in through `getSession`. */
const signsIn = async (auth: ReturnType<typeof setup>['auth'], cookie: string) =>
  (await auth.getSession(new Request('https://app.example/', { headers: { cookie } }))) !== null;

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  vi.restoreAllMocks();
});

/** Runs `task(0)` … `task(count - 1)`, `width` at a time (the crypto runs off the main thread, so floods overlap). */
async function flood(count: number, task: (n: number) => Promise<unknown>, width = 8): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

/** Writes a whole login request on a raw TCP connection, then resets the connection (RST). */
function sendThenReset(port: number, body: unknown): Promise<void> {
  const json = JSON.stringify(body);
  const head =
    `POST /auth/verifik/phone-login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
    `Origin: http://127.0.0.1:${port}\r\nContent-Type: application/json\r\n` +
    `Content-Length: ${Buffer.byteLength(json)}\r\n\r\n`;
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(head + json, () => {
        socket.resetAndDestroy();
        resolve();
      });
    });
    socket.on('error', () => resolve());
  });
}

describe('no address, no relay', () => {
  it('a client that resets its connection after sending gets no code sent, and is still counted', async () => {
    const { stub, auth } = setup({ rateLimit: { sendsPerAddress: { max: 5 } } });
    let arrived = 0;
    let settled = 0;
    const server = createServer(
      toNodeHandler(async (request, context) => {
        arrived += 1;
        try {
          return await auth.handler(request, context);
        } finally {
          settled += 1;
        }
      }),
    );
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const ordinary = (n: number) =>
      fetch(`http://127.0.0.1:${port}/auth/verifik/phone-login`, {
        method: 'POST',
        headers: { origin: `http://127.0.0.1:${port}`, 'content-type': 'application/json' },
        body: JSON.stringify(phone(n)),
      });
    expect((await ordinary(0)).status).toBe(200);
    for (let n = 1; n <= 30; n++) await sendThenReset(port, phone(n));
    // Every request that reached the handler has been answered (or dropped) by now.
    await vi.waitFor(
      () => {
        expect(arrived).toBeGreaterThan(6);
        expect(settled).toBe(arrived);
      },
      { timeout: 20_000, interval: 50 },
    );
    expect(stub.count(sendPath)).toBe(1);
    // The resets counted against their address: it is over its limit of 5.
    expect((await ordinary(99)).status).toBe(429);
  });

  it('a handler given no client address refuses sends and confirms (503), logging once what to pass', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { stub, auth } = setup();
    for (let n = 0; n < 3; n++) {
      const sent = await auth.handler(post('/phone-login', phone(n)));
      expect(sent.status).toBe(503);
      expect((await sent.json()).code).toBe('server');
      const confirmed = await auth.handler(post('/phone-login/confirm', { ...phone(n), otp: fixedOtp }));
      expect([410, 503]).toContain(confirmed.status);
    }
    expect(stub.count(sendPath) + stub.count(confirmPath)).toBe(0);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/getClientAddress/);
  });
});

describe('a store an attacker cannot flush', () => {
  it('10 100 wrong confirms for other numbers do not reset the send limits: one address gets 20 codes, not 40', async () => {
    const { stub, auth } = setup();
    const attacker = testBrowser(auth, '203.0.113.66');
    for (let round = 0; round < 2; round++) {
      for (let n = 0; n < 25; n++) await attacker.post('/phone-login', phone(round * 100 + n));
      await flood(10_100, (n) =>
        attacker.post('/phone-login/confirm', { ...phone(100_000 + n), otp: wrongOtp }),
      );
    }
    expect(stub.count(sendPath)).toBe(20);
  }, 60_000);

  it('a logged-out cookie stays logged out after 900 other logins, each refreshed 10 times and logged out', async () => {
    const { auth } = setup();
    const victim = testBrowser(auth, '192.0.2.1');
    await victim.post('/email-login', { email: 'victim@example.com' });
    expect(
      (await victim.post('/email-login/confirm', { email: 'victim@example.com', otp: fixedOtp })).status,
    ).toBe(200);
    const copied = victim.cookie();
    expect(await signsIn(auth, copied)).toBe(true);
    expect((await victim.request('DELETE', '/session')).status).toBe(200);
    await flood(900, async (n) => {
      const bot = testBrowser(auth, address(n));
      const email = `bot${n}@example.com`;
      await bot.post('/email-login', { email });
      await bot.post('/email-login/confirm', { email, otp: fixedOtp });
      for (let refresh = 0; refresh < 10; refresh++) await bot.post('/session/refresh');
      await bot.request('DELETE', '/session');
    });
    expect(await signsIn(auth, copied)).toBe(false);
  }, 120_000);
});

describe('refresh is atomic per login', () => {
  it('5 concurrent refreshes of one cookie leave one live session and call Verifik once', async () => {
    const { stub, auth } = setup();
    const user = testBrowser(auth);
    await user.post('/phone-login', phone(1));
    expect((await user.post('/phone-login/confirm', { ...phone(1), otp: fixedOtp })).status).toBe(200);
    const cookie = user.cookie();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => auth.handler(post('/session/refresh', {}, { cookie }))),
    );
    const issued = answers.flatMap((answer) =>
      answer.headers
        .getSetCookie()
        .filter((line) => !/max-age=0/i.test(line))
        .map((line) => line.split(';')[0] as string),
    );
    const live = [];
    for (const candidate of [cookie, ...issued]) if (await signsIn(auth, candidate)) live.push(candidate);
    expect(live).toHaveLength(1);
    expect(stub.count(refreshPath)).toBe(1);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409, 409, 409, 409]);
    // The losers' cookie is not deleted: the browser keeps it until the winner's lands.
    for (const answer of answers.filter((one) => one.status === 409)) {
      expect(answer.headers.getSetCookie()).toEqual([]);
    }
  });
});

describe('confirms help neither relays nor lockouts', () => {
  it('1 000 confirms from one address reach Verifik at most 50 times, even with a code of its own per number', async () => {
    const { stub, auth } = setup();
    const attacker = testBrowser(auth, '203.0.113.99');
    for (let n = 0; n < 20; n++) {
      await attacker.post('/phone-login', phone(n));
      for (let guess = 0; guess < 50; guess++) {
        await attacker.post('/phone-login/confirm', { ...phone(n), otp: String(100_000 + guess) });
      }
    }
    expect(stub.count(confirmPath)).toBeLessThanOrEqual(50);
  });

  it('a stranger without the challenge cookie can neither guess nor use up the user’s attempts', async () => {
    const { stub, auth } = setup();
    const user = testBrowser(auth, '192.0.2.7');
    await user.post('/phone-login', phone(7));
    for (let n = 0; n < 10; n++) {
      const stranger = testBrowser(auth, address(n));
      const guess = await stranger.post('/phone-login/confirm', { ...phone(7), otp: String(200_000 + n) });
      expect(guess.status).toBe(410);
    }
    expect(stub.count(confirmPath)).toBe(0);
    expect((await user.post('/phone-login/confirm', { ...phone(7), otp: fixedOtp })).status).toBe(200);
  });

  it('guesses for one number through this server stop at 30 a day, however many codes and addresses', async () => {
    let clock = Date.parse('2026-12-07T00:00:00Z');
    const now = () => clock;
    const { stub, auth } = setup({ now, store: memoryStore({ now }) });
    let attackers = 0;
    // A day in 15-minute steps: each step, 5 codes to the number (its send limit), 5 guesses on each.
    for (let step = 0; step < 96; step++) {
      for (let code = 0; code < 5; code++) {
        const attacker = testBrowser(auth, address(attackers++));
        await attacker.post('/phone-login', phone(42));
        for (let guess = 0; guess < 5; guess++) {
          await attacker.post('/phone-login/confirm', { ...phone(42), otp: String(300_000 + guess) });
        }
      }
      clock += 15 * 60_000 + 1;
    }
    expect(stub.count(confirmPath)).toBeLessThanOrEqual(30);
    expect(stub.count(confirmPath)).toBeGreaterThan(0);
  }, 60_000);
});
