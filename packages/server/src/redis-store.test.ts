import { once } from 'node:events';
import { type Cluster, Redis, type RedisOptions } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RedisStoreClient, RedisStoreError, redisStore } from './redis-store.js';
import type { VerifikAuthStore } from './store.js';
import { type RedisServer, startRedisServer } from './test-helpers/redis.js';
import { describeStoreContract } from './test-helpers/store-contract.js';

// Checked by tsc (pnpm typecheck): ioredis's clients fit RedisStoreClient as they are.
const clientsFit: [Redis, Cluster] extends [RedisStoreClient, RedisStoreClient] ? true : never = true;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let redis: RedisServer;
/** Every client a test opens, closed after it (a client of a stopped server keeps reconnecting). */
const clients: Redis[] = [];

function connect(url = redis.url, options: RedisOptions = {}): Redis {
  const client = new Redis(url, options);
  // A stopped server makes ioredis emit 'error' on every reconnect attempt: expected here.
  client.on('error', () => {});
  clients.push(client);
  return client;
}

let admin: Redis;
let keys = 0;
/** A key no other test uses, so tests share one server without a FLUSHALL. */
const fresh = (name = 'key') => `${name}-${++keys}-${Date.now()}`;

beforeAll(async () => {
  redis = await startRedisServer();
  admin = connect();
});

afterEach(() => {
  for (const client of clients.splice(1)) client.disconnect();
});

afterAll(async () => {
  for (const client of clients.splice(0)) client.disconnect();
  await redis?.stop();
});

describeStoreContract('redisStore', () => ({
  make: () => redisStore({ client: connect() }),
  pass: async (ms) => {
    await sleep(ms);
  },
}));

describe('redisStore: keys', () => {
  it('keeps counters under one hash tag with their window, and logins with their lifetime', async () => {
    const store = redisStore({ client: connect() });
    const key = fresh();
    await store.consume([{ key, max: 5, windowMs: 60_000 }]);
    await store.consume([{ key, max: 5, windowMs: 60_000 }]);
    expect(await admin.get(`verifik-auth:{limit}:${key}`)).toBe('2');
    expect(await admin.pttl(`verifik-auth:{limit}:${key}`)).toBeGreaterThan(55_000);
    const id = fresh('login');
    const thirtyDays = 30 * 24 * 3600 * 1000;
    await store.createLogin(id, thirtyDays);
    expect(await admin.get(`verifik-auth:login:${id}`)).toBe('0');
    expect(await admin.pttl(`verifik-auth:login:${id}`)).toBeGreaterThan(thirtyDays - 5000);
  });

  it('gives a counter found without an expiry the window, so it can never count for ever', async () => {
    const store = redisStore({ client: connect() });
    const key = fresh();
    await admin.set(`verifik-auth:{limit}:${key}`, '7');
    expect(await store.consume([{ key, max: 7, windowMs: 5000 }])).toEqual({
      ok: false,
      index: 0,
      resetInMs: 5000,
    });
    expect(await admin.pttl(`verifik-auth:{limit}:${key}`)).toBeGreaterThan(4000);
  });

  it('keeps stores with different prefixes apart', async () => {
    const client = connect();
    const one = redisStore({ client, prefix: 'app-one:' });
    const two = redisStore({ client, prefix: 'app-two:' });
    const key = fresh();
    await one.consume([{ key, max: 1, windowMs: 60_000 }]);
    expect(await two.consume([{ key, max: 1, windowMs: 60_000 }])).toEqual({ ok: true });
    expect(await one.consume([{ key, max: 1, windowMs: 60_000 }])).toMatchObject({ ok: false });
    await one.createLogin(key, 60_000);
    expect(await two.loginGeneration(key)).toBeUndefined();
  });

  it('consumes in one round trip (EVALSHA), sending the script again only when Redis lost it', async () => {
    const client = connect();
    const sent: string[] = [];
    const counting: RedisStoreClient = {
      evalsha: (...args) => {
        sent.push('evalsha');
        return client.evalsha(...args);
      },
      eval: (...args) => {
        sent.push('eval');
        return client.eval(...args);
      },
      set: (...args) => {
        sent.push('set');
        return client.set(...args);
      },
      get: (...args) => {
        sent.push('get');
        return client.get(...args);
      },
      del: (...args) => {
        sent.push('del');
        return client.del(...args);
      },
    };
    const store = redisStore({ client: counting });
    const key = fresh();
    const consume = () => store.consume([{ key, max: 10, windowMs: 60_000 }]);
    await consume(); // caches the script, whatever the state before
    sent.length = 0;
    await consume();
    expect(sent).toEqual(['evalsha']);
    await admin.script('FLUSH');
    sent.length = 0;
    expect(await consume()).toEqual({ ok: true });
    expect(sent).toEqual(['evalsha', 'eval']);
    expect(await admin.get(`verifik-auth:{limit}:${key}`)).toBe('3');
  });
});

describe('redisStore: options', () => {
  it('refuses a missing client and a bad timeout at once', () => {
    expect(clientsFit).toBe(true);
    expect(() => redisStore({ client: undefined as unknown as RedisStoreClient })).toThrow(TypeError);
    expect(() => redisStore({ client: connect(), timeoutMs: 0 })).toThrow(/timeoutMs/);
    expect(() => redisStore({ client: connect(), timeoutMs: Number.NaN })).toThrow(/timeoutMs/);
  });
});

/** One consume of a counter `key` that allows plenty. */
const hit = (store: VerifikAuthStore) => store.consume([{ key: 'key', max: 1000, windowMs: 60_000 }]);

/** Calls every method; each must reject with a RedisStoreError within `withinMs`. */
async function expectAllRejectPromptly(store: VerifikAuthStore, withinMs: number) {
  const secretKey = 'phone:+15550001234';
  const calls: [keyof VerifikAuthStore, () => Promise<unknown>][] = [
    ['consume', () => store.consume([{ key: secretKey, max: 5, windowMs: 60_000 }])],
    ['createLogin', () => store.createLogin('cookie-id-secret', 60_000)],
    ['loginGeneration', () => store.loginGeneration('cookie-id-secret')],
    ['setLoginGeneration', () => store.setLoginGeneration('cookie-id-secret', 0, 1, 60_000)],
    ['endLogin', () => store.endLogin('cookie-id-secret')],
  ];
  const started = Date.now();
  const outcomes = await Promise.allSettled(calls.map(([, call]) => call()));
  const elapsed = Date.now() - started;

  expect(elapsed).toBeLessThan(withinMs);
  outcomes.forEach((outcome, index) => {
    expect(outcome.status).toBe('rejected');
    const error = (outcome as PromiseRejectedResult).reason as RedisStoreError;
    expect(error).toBeInstanceOf(RedisStoreError);
    expect(error.operation).toBe(calls[index]?.[0]);
    // No identifier or cookie id in what may reach a log.
    expect(error.message).not.toContain('5550001234');
    expect(error.message).not.toContain('cookie-id-secret');
    expect(error).not.toHaveProperty('cause');
  });
}

describe('redisStore: fails closed', () => {
  // Each test has a server of its own to stop or freeze.
  let own: RedisServer | undefined;
  afterEach(async () => {
    await own?.stop();
    own = undefined;
  });

  it('rejects every call within timeoutMs once Redis has stopped (ioredis defaults: commands queue)', async () => {
    own = await startRedisServer();
    const store = redisStore({ client: connect(own.url), timeoutMs: 300 });
    expect(await hit(store)).toEqual({ ok: true });

    await own.stop();

    await expectAllRejectPromptly(store, 1000);
  });

  it('rejects when the client would queue for ever (maxRetriesPerRequest: null)', async () => {
    own = await startRedisServer();
    const store = redisStore({
      client: connect(own.url, { maxRetriesPerRequest: null }),
      timeoutMs: 300,
    });
    await hit(store);

    await own.stop();

    await expectAllRejectPromptly(store, 1000);
  });

  it('rejects at once with enableOfflineQueue: false, with the client’s own message', async () => {
    own = await startRedisServer();
    const client = connect(own.url, { enableOfflineQueue: false });
    // Without the queue, even the calls made before the first connection is ready fail.
    await once(client, 'ready');
    const store = redisStore({ client, timeoutMs: 5000 });
    await hit(store);

    await own.stop();
    await sleep(50); // ioredis notices the closed connection

    await expectAllRejectPromptly(store, 500);
    await expect(hit(store)).rejects.toThrow(/Redis store: consume failed: .*enableOfflineQueue/);
  });

  it('rejects when Redis is connected but does not answer (a frozen process)', async () => {
    own = await startRedisServer();
    const store = redisStore({ client: connect(own.url), timeoutMs: 300 });
    await hit(store);

    own.freeze();
    try {
      await expectAllRejectPromptly(store, 1000);
      await expect(hit(store)).rejects.toThrow(
        'Redis store: consume failed: no answer from Redis within 300 ms',
      );
    } finally {
      own.thaw();
    }
  });

  it('rejects when no Redis was ever there, and works again once one starts on that port', async () => {
    own = await startRedisServer();
    const port = own.port;
    await own.stop();
    const store = redisStore({ client: connect(own.url, { retryStrategy: () => 50 }), timeoutMs: 300 });

    await expectAllRejectPromptly(store, 1000);

    // A new server (an empty script cache: the NOSCRIPT path) on the same port: the client reconnects.
    own = await startRedisServer({ port });
    await expect
      .poll(
        () =>
          hit(store).then(
            (result) => (result.ok ? 1 : 0),
            () => 0,
          ),
        { timeout: 3000 },
      )
      .toBeGreaterThan(0);
    expect(await store.createLogin('id', 60_000)).toBe(true);
    expect(await store.loginGeneration('id')).toBe(0);
  });
});
