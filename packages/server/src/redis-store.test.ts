import { once } from 'node:events';
import { type Cluster, Redis, type RedisOptions } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RedisStoreClient, RedisStoreError, redisStore } from './redis-store.js';
import type { VerifikAuthStore } from './store.js';
import { type RedisServer, startRedisServer } from './test-helpers/redis.js';

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

describe('redisStore: counters', () => {
  it('counts hits in a window that starts with the first hit and ends windowMs later', async () => {
    const store = redisStore({ client: connect() });
    const key = fresh();

    const first = await store.hit(key, 60_000);
    const second = await store.hit(key, 60_000);
    const third = await store.hit(key, 60_000);

    expect([first.count, second.count, third.count]).toEqual([1, 2, 3]);
    expect(first.resetInMs).toBeGreaterThan(59_000);
    expect(first.resetInMs).toBeLessThanOrEqual(60_000);
    // The window does not move with later hits.
    expect(third.resetInMs).toBeLessThanOrEqual(first.resetInMs);
    expect(await admin.pttl(`verifik-auth:limit:${key}`)).toBeGreaterThan(59_000);
    // Another key counts on its own.
    expect((await store.hit(fresh(), 60_000)).count).toBe(1);
  });

  it('starts again from one once the window has passed, and Redis forgets the counter', async () => {
    const store = redisStore({ client: connect() });
    const key = fresh();

    await store.hit(key, 150);
    const second = await store.hit(key, 150);
    expect(second.count).toBe(2);
    expect(second.resetInMs).toBeGreaterThan(0);
    expect(second.resetInMs).toBeLessThanOrEqual(150);

    await sleep(200);
    expect(await admin.exists(`verifik-auth:limit:${key}`)).toBe(0);
    const after = await store.hit(key, 150);
    expect(after).toMatchObject({ count: 1 });
    expect(after.resetInMs).toBeGreaterThan(100);
  });

  it('gives a counter found without an expiry the window, so it can never count for ever', async () => {
    const store = redisStore({ client: connect() });
    const key = fresh();
    await admin.set(`verifik-auth:limit:${key}`, '7');

    const hit = await store.hit(key, 5000);

    expect(hit).toEqual({ count: 8, resetInMs: 5000 });
    expect(await admin.pttl(`verifik-auth:limit:${key}`)).toBeGreaterThan(4000);
  });

  it('reset forgets the counter; resetting a key never hit resolves too', async () => {
    const store = redisStore({ client: connect() });
    const key = fresh();
    await store.hit(key, 60_000);
    await store.hit(key, 60_000);

    await store.reset(key);
    await store.reset(fresh('never-hit'));

    expect(await admin.exists(`verifik-auth:limit:${key}`)).toBe(0);
    expect((await store.hit(key, 60_000)).count).toBe(1);
  });

  it('counts 500 concurrent hits from two clients exactly once each: 1..500', async () => {
    const stores = [redisStore({ client: connect() }), redisStore({ client: connect() })];
    const key = fresh('concurrent');

    const hits = await Promise.all(
      Array.from({ length: 500 }, (_, index) => stores[index % 2]?.hit(key, 60_000)),
    );

    const counts = hits.map((hit) => hit?.count ?? 0).sort((a, b) => a - b);
    expect(counts).toEqual(Array.from({ length: 500 }, (_, index) => index + 1));
    for (const hit of hits) expect(hit?.resetInMs).toBeGreaterThan(0);
    expect(await admin.get(`verifik-auth:limit:${key}`)).toBe('500');
  });

  it('hits in one round trip (EVALSHA), sending the script again only when Redis lost it', async () => {
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
      exists: (...args) => {
        sent.push('exists');
        return client.exists(...args);
      },
      del: (...args) => {
        sent.push('del');
        return client.del(...args);
      },
    };
    const store = redisStore({ client: counting });
    const key = fresh();
    await store.hit(key, 60_000); // caches the script, whatever the state before
    sent.length = 0;

    await store.hit(key, 60_000);
    expect(sent).toEqual(['evalsha']);

    await admin.script('FLUSH');
    sent.length = 0;
    expect((await store.hit(key, 60_000)).count).toBe(3);
    expect(sent).toEqual(['evalsha', 'eval']);

    sent.length = 0;
    expect((await store.hit(key, 60_000)).count).toBe(4);
    expect(sent).toEqual(['evalsha']);
  });
});

describe('redisStore: logouts', () => {
  it('revoke records the id with the TTL (SET PX); isRevoked sees it until it expires', async () => {
    const store = redisStore({ client: connect() });
    const id = fresh('cookie-id');

    expect(await store.isRevoked(id)).toBe(false);
    await store.revoke(id, 200);

    expect(await store.isRevoked(id)).toBe(true);
    expect(await store.isRevoked(fresh('other-id'))).toBe(false);
    const ttl = await admin.pttl(`verifik-auth:revoked:${id}`);
    expect(ttl).toBeGreaterThan(100);
    expect(ttl).toBeLessThanOrEqual(200);

    await sleep(250);
    expect(await store.isRevoked(id)).toBe(false);
  });

  it('a long TTL (a 30-day cookie) is kept as given', async () => {
    const store = redisStore({ client: connect() });
    const id = fresh('cookie-id');
    const thirtyDays = 30 * 24 * 3600 * 1000;

    await store.revoke(id, thirtyDays);

    expect(await admin.pttl(`verifik-auth:revoked:${id}`)).toBeGreaterThan(thirtyDays - 5000);
  });

  it('a logout seen through one client is seen through another (another instance)', async () => {
    const a = redisStore({ client: connect() });
    const b = redisStore({ client: connect() });
    const id = fresh('cookie-id');

    await a.revoke(id, 60_000);

    expect(await b.isRevoked(id)).toBe(true);
  });
});

describe('redisStore: prefix', () => {
  it('keeps stores with different prefixes apart, and counters apart from logouts', async () => {
    const client = connect();
    const one = redisStore({ client, prefix: 'app-one:' });
    const two = redisStore({ client, prefix: 'app-two:' });
    const plain = redisStore({ client });
    const key = fresh();

    await one.hit(key, 60_000);
    await one.hit(key, 60_000);
    expect((await two.hit(key, 60_000)).count).toBe(1);
    expect((await plain.hit(key, 60_000)).count).toBe(1);
    expect(await admin.get(`app-one:limit:${key}`)).toBe('2');
    expect(await admin.get(`app-two:limit:${key}`)).toBe('1');
    expect(await admin.get(`verifik-auth:limit:${key}`)).toBe('1');

    await one.revoke(key, 60_000);
    expect(await one.isRevoked(key)).toBe(true);
    expect(await two.isRevoked(key)).toBe(false);
    expect(await plain.isRevoked(key)).toBe(false);
    // A counter under the same name is not a logout, and a reset does not undo one.
    await one.reset(key);
    expect(await one.isRevoked(key)).toBe(true);
    expect((await one.hit(key, 60_000)).count).toBe(1);
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

/** Calls every method; each must reject with a RedisStoreError within `withinMs`. */
async function expectAllRejectPromptly(store: VerifikAuthStore, withinMs: number) {
  const secretKey = 'phone:+15550001234';
  const calls: [keyof VerifikAuthStore, () => Promise<unknown>][] = [
    ['hit', () => store.hit(secretKey, 60_000)],
    ['reset', () => store.reset(secretKey)],
    ['revoke', () => store.revoke('cookie-id-secret', 60_000)],
    ['isRevoked', () => store.isRevoked('cookie-id-secret')],
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
    expect((await store.hit('key', 60_000)).count).toBe(1);

    await own.stop();

    await expectAllRejectPromptly(store, 1000);
  });

  it('rejects when the client would queue for ever (maxRetriesPerRequest: null)', async () => {
    own = await startRedisServer();
    const store = redisStore({
      client: connect(own.url, { maxRetriesPerRequest: null }),
      timeoutMs: 300,
    });
    await store.hit('key', 60_000);

    await own.stop();

    await expectAllRejectPromptly(store, 1000);
  });

  it('rejects at once with enableOfflineQueue: false, with the client’s own message', async () => {
    own = await startRedisServer();
    const client = connect(own.url, { enableOfflineQueue: false });
    // Without the queue, even the calls made before the first connection is ready fail.
    await once(client, 'ready');
    const store = redisStore({ client, timeoutMs: 5000 });
    await store.hit('key', 60_000);

    await own.stop();
    await sleep(50); // ioredis notices the closed connection

    await expectAllRejectPromptly(store, 500);
    await expect(store.hit('key', 60_000)).rejects.toThrow(/Redis store: hit failed: .*enableOfflineQueue/);
  });

  it('rejects when Redis is connected but does not answer (a frozen process)', async () => {
    own = await startRedisServer();
    const store = redisStore({ client: connect(own.url), timeoutMs: 300 });
    await store.hit('key', 60_000);

    own.freeze();
    try {
      await expectAllRejectPromptly(store, 1000);
      await expect(store.hit('key', 60_000)).rejects.toThrow(
        'Redis store: hit failed: no answer from Redis within 300 ms',
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
          store.hit('key', 60_000).then(
            (hit) => hit.count,
            () => 0,
          ),
        { timeout: 3000 },
      )
      .toBeGreaterThan(0);
    await store.revoke('id', 60_000);
    expect(await store.isRevoked('id')).toBe(true);
  });
});
