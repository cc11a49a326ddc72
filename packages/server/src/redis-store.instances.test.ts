// Issue 12, section 3: two handler instances, each in a process of its own, sharing one Redis. The
// limits and the logouts must hold across both, as they would behind a load balancer.
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMockDevClient, type MockServer, startMockServer } from '@verifik-auth/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifikAuth, memoryStore } from './index.js';
import { type RedisServer, startRedisServer } from './test-helpers/redis.js';

const require = createRequire(import.meta.url);
const tsxLoader = pathToFileURL(
  join(dirname(require.resolve('tsx/package.json')), 'dist', 'loader.mjs'),
).href;
const instanceScript = fileURLToPath(new URL('./test-helpers/redis-instance.ts', import.meta.url));

const secret = 'instances-secret-0123456789-abcdefghijkl';
const fixedOtp = '123456';
const perIdentifier = 3;
const rateLimit = { sendsPerIdentifier: { max: perIdentifier, windowMs: 60_000 } };

interface Instance {
  name: string;
  /** `http://127.0.0.1:<port>`: also the Origin its own page would send. */
  origin: string;
  stop(): Promise<void>;
}

const children = new Set<ChildProcess>();

/** Starts redis-instance.ts under tsx (no build) and waits for the port it prints. */
function startInstance(name: string, env: Record<string, string>): Promise<Instance> {
  const child = spawn(
    process.execPath,
    ['--import', tsxLoader, '--conditions=@verifik-auth/source', instanceScript],
    { env: { ...process.env, VERIFIK_AUTH_SECRET: secret, ...env }, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  children.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    children.delete(child);
  };
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`instance ${name} printed no port within 20 s; stderr:\n${stderr}`));
    }, 20_000);
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
      const port = /listening (\d+)/.exec(stdout)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve({ name, origin: `http://127.0.0.1:${port}`, stop });
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`instance ${name} exited before listening; stderr:\n${stderr}`));
    });
  });
}

/** A request as the instance's own page sends it (its Origin, JSON). */
async function call(
  instance: Instance,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  { body, cookie }: { body?: unknown; cookie?: string } = {},
) {
  const headers: Record<string, string> = {};
  if (method !== 'GET') headers.origin = instance.origin;
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (cookie) headers.cookie = cookie;
  const response = await fetch(`${instance.origin}/auth/verifik${path}`, {
    method,
    headers,
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    setCookie: response.headers.getSetCookie(),
    body: (await response.json()) as { code?: string; session?: unknown },
  };
}

let phones = 0;
const newPhone = () => ({ countryCode: '+1', phone: String(3_015_550_000 + ++phones) });

/** Sends a code through `sendVia` and confirms it through `confirmVia`; the session cookie's `name=value`. */
async function login(sendVia: Instance, confirmVia = sendVia): Promise<string> {
  const phone = newPhone();
  const sent = await call(sendVia, 'POST', '/phone-login', { body: phone });
  expect(sent.status).toBe(200);
  // The challenge cookie of the send (both instances open it: one secret).
  const challenge = (sent.setCookie[0] as string).split(';')[0] as string;
  const confirmed = await call(confirmVia, 'POST', '/phone-login/confirm', {
    body: { ...phone, otp: fixedOtp },
    cookie: challenge,
  });
  expect(confirmed.status).toBe(200);
  // The session cookie, then the used challenge deleted.
  expect(confirmed.setCookie).toHaveLength(2);
  return (confirmed.setCookie[0] as string).split(';')[0] as string;
}

let redis: RedisServer;
let mock: MockServer;
let a: Instance;
let b: Instance;

beforeAll(async () => {
  [redis, mock] = await Promise.all([
    startRedisServer(),
    startMockServer({ port: 0, fixedOtp, resendCooldownMs: 0 }),
  ]);
  const env = { REDIS_URL: redis.url, VERIFIK_BASE_URL: mock.url, RATE_LIMIT: JSON.stringify(rateLimit) };
  [a, b] = await Promise.all([startInstance('A', env), startInstance('B', env)]);
}, 30_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  for (const child of children) child.kill('SIGKILL');
  await Promise.all([mock?.close(), redis?.stop()]);
});

describe('two handler instances in separate processes sharing one Redis', () => {
  it('are separate processes on separate ports', () => {
    expect(a.origin).not.toBe(b.origin);
  });

  it('stop sends to one identifier at the configured count, however they alternate between A and B', async () => {
    const phone = newPhone();
    const via = [a, b, a, b, a];

    const answers = [];
    for (const instance of via) answers.push(await call(instance, 'POST', '/phone-login', { body: phone }));

    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429, 429]);
    for (const refused of answers.slice(perIdentifier)) {
      expect(refused.body.code).toBe('rate_limited');
      expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
    }
    // Only the allowed sends reached Verifik (and cost money).
    const inbox = await createMockDevClient(mock.url).inbox();
    expect(inbox.filter((message) => message.phone === phone.phone)).toHaveLength(perIdentifier);
    // The limit is per identifier: another number still gets its code, through either instance.
    expect((await call(b, 'POST', '/phone-login', { body: newPhone() })).status).toBe(200);
    expect((await call(a, 'POST', '/phone-login', { body: newPhone() })).status).toBe(200);
  });

  it('control: with a memory store each instance counts alone, so the same alternation passes the limit', async () => {
    // In this process (the premise needs no Redis and no spawn): two handlers, a memory store each.
    const [c, d] = [0, 1].map(() =>
      createVerifikAuth({ secret, verifikBaseUrl: mock.url, rateLimit, store: memoryStore() }),
    );
    const phone = newPhone();
    const statuses = [];
    for (const instance of [c, d, c, d, c]) {
      const request = new Request('http://127.0.0.1/auth/verifik/phone-login', {
        method: 'POST',
        headers: { origin: 'http://127.0.0.1', 'content-type': 'application/json' },
        body: JSON.stringify(phone),
      });
      statuses.push((await instance?.handler(request, { clientAddress: '127.0.0.1' }))?.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
  });

  it('a cookie from A logged out through B is refused by A and B, the old cookie replayed included', async () => {
    const cookie = await login(a);
    // Both instances open it (same secret): signed in on both.
    expect((await call(a, 'GET', '/session', { cookie })).body.session).not.toBeNull();
    expect((await call(b, 'GET', '/session', { cookie })).body.session).not.toBeNull();

    const logout = await call(b, 'DELETE', '/session', { cookie });
    expect(logout.status).toBe(200);
    expect(logout.body).toEqual({ session: null });

    // The browser dropped it; a copy replayed by hand is signed out on both instances.
    expect((await call(a, 'GET', '/session', { cookie })).body).toEqual({ session: null });
    expect((await call(b, 'GET', '/session', { cookie })).body).toEqual({ session: null });
    const refresh = await call(a, 'POST', '/session/refresh', { cookie, body: {} });
    expect(refresh.status).toBe(401);
    expect(refresh.body.code).toBe('unauthorized');

    // Another session (confirmed through B this time) is untouched by that logout.
    const other = await login(a, b);
    expect((await call(a, 'GET', '/session', { cookie: other })).body.session).not.toBeNull();
  });

  // Last: it stops the shared Redis.
  it('fails closed on both once Redis is gone: sends get 503, a valid cookie counts as signed out', async () => {
    const cookie = await login(b);
    await redis.stop();

    for (const instance of [a, b]) {
      const started = Date.now();
      const sent = await call(instance, 'POST', '/phone-login', { body: newPhone() });
      expect(sent.status).toBe(503);
      expect(sent.body.code).toBe('server');
      expect(Date.now() - started).toBeLessThan(2000);
      expect((await call(instance, 'GET', '/session', { cookie })).body).toEqual({ session: null });
    }
  });
});
