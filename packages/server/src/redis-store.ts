/**
 * A {@link VerifikAuthStore} in Redis, for apps that run more than one instance of the handler: every
 * instance counts on the same counters and sees the same logouts. Imported from
 * `@verifik-auth/server/redis` (a subpath of its own: Redis clients speak TCP, which Workers lack).
 * @module @verifik-auth/server/redis
 */
import { createHash } from 'node:crypto';
import type { ConsumeResult, VerifikAuthStore } from './store.js';

/**
 * The few Redis commands {@link redisStore} sends, typed structurally so an
 * [ioredis](https://github.com/redis/ioredis) `Redis` (or `Cluster`) instance of your own fits as it is.
 * Every method resolves with Redis's reply or rejects with the client's error.
 */
export interface RedisStoreClient {
  /** `EVALSHA sha1 numkeys key… arg…`: runs a script Redis has cached. */
  evalsha(sha1: string, numkeys: number, ...keysAndArgs: (string | number)[]): Promise<unknown>;
  /** `EVAL script numkeys key… arg…`: runs (and caches) a script. */
  eval(script: string, numkeys: number, ...keysAndArgs: (string | number)[]): Promise<unknown>;
  /** `SET key value PX ms NX`. */
  set(key: string, value: string, px: 'PX', milliseconds: number, nx: 'NX'): Promise<unknown>;
  /** `GET key`. */
  get(key: string): Promise<string | null>;
  /** `DEL key`: how many keys were removed. */
  del(key: string): Promise<number>;
}

/** Options of {@link redisStore}. */
export interface RedisStoreOptions {
  /**
   * The connection, e.g. `new Redis(process.env.REDIS_URL, { maxRetriesPerRequest: 1 })` from ioredis.
   * The store never connects or closes it: it is yours to configure and to `quit()` at shutdown.
   */
  client: RedisStoreClient;
  /**
   * Put before every key, to share a Redis with other apps (or other deployments of this one).
   * Counters live under `<prefix>{limit}:` (one hash tag, so a request's counters are checked in one
   * script on a Cluster too), logins under `<prefix>login:`. Default `verifik-auth:`.
   */
  prefix?: string;
  /**
   * The longest a call waits for Redis before it rejects, ms. The handler treats a rejection as
   * "the store cannot be reached" and fails closed, so a Redis that is down, restarting or
   * unreachable turns into a prompt error rather than a request that hangs. Default 1000.
   */
  timeoutMs?: number;
}

/**
 * Thrown (as a rejection) by every method of {@link redisStore} when Redis cannot answer: not
 * connected, timed out, or replied with an error. Its message names the operation and the client's
 * own message; it never carries the key, the identifier inside it or the login id.
 */
export class RedisStoreError extends Error {
  /** The store method that failed. */
  readonly operation: keyof VerifikAuthStore;

  /**
   * @param operation - The store method that failed.
   * @param message - What went wrong, without any key.
   */
  constructor(operation: keyof VerifikAuthStore, message: string) {
    super(`Redis store: ${operation} failed: ${message}`);
    this.name = 'RedisStoreError';
    this.operation = operation;
  }
}

/**
 * One atomic consume: KEYS are the counters, ARGV their max and window in pairs. When one is full,
 * nothing is written and `{index, ttl}` names it (1-based); else every one is INCR'd, a new one (or
 * one found without an expiry) gets its window, and `{0, 0}` comes back.
 */
const consumeScript = `for i, key in ipairs(KEYS) do
  local count = tonumber(redis.call('GET', key) or '0')
  if count >= tonumber(ARGV[2 * i - 1]) then
    local ttl = redis.call('PTTL', key)
    if ttl < 0 then
      redis.call('PEXPIRE', key, ARGV[2 * i])
      ttl = tonumber(ARGV[2 * i])
    end
    return {i, ttl}
  end
end
for i, key in ipairs(KEYS) do
  if redis.call('INCR', key) == 1 or redis.call('PTTL', key) < 0 then
    redis.call('PEXPIRE', key, ARGV[2 * i])
  end
end
return {0, 0}`;

/** Compare-and-set of a login's generation: KEYS[1], ARGV expected, next, ttl ms. 1 when set. */
const setGenerationScript = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return 1
end
return 0`;

const sha1 = (script: string) => createHash('sha1').update(script).digest('hex');
const scripts = {
  consume: { source: consumeScript, sha: sha1(consumeScript) },
  setGeneration: { source: setGenerationScript, sha: sha1(setGenerationScript) },
};

/**
 * A store in Redis: shared counters and logins for every instance of the handler pointed at the same
 * Redis. `consume` and `setLoginGeneration` are Lua scripts (one round trip, atomic); `createLogin` is
 * `SET … PX … NX`, `loginGeneration` `GET`, `endLogin` `DEL`. Each call rejects with a {@link RedisStoreError} when Redis does not
 * answer within `timeoutMs`, so sends fail closed instead of hanging.
 *
 * Redis must keep what it is given: use `maxmemory-policy noeviction` (the default), since an
 * evicting policy would drop counters (limits forgotten) and logins (users signed out). See REDIS.md.
 * @param options - The ioredis client, and optionally the key prefix and timeout.
 * @returns The store, for `createVerifikAuth({ store })`.
 * @example
 * import { Redis } from 'ioredis';
 * import { createVerifikAuth } from '@verifik-auth/server';
 * import { redisStore } from '@verifik-auth/server/redis';
 *
 * const client = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: 1 });
 * const auth = createVerifikAuth({ secret: process.env.AUTH_SECRET!, store: redisStore({ client }) });
 */
export function redisStore(options: RedisStoreOptions): VerifikAuthStore {
  const { client } = options;
  const prefix = options.prefix ?? 'verifik-auth:';
  const timeoutMs = options.timeoutMs ?? 1000;
  if (!client || typeof client.evalsha !== 'function') {
    throw new TypeError('redisStore: `client` must be an ioredis client (or one with the same methods)');
  }
  if (typeof prefix !== 'string') throw new TypeError('redisStore: `prefix` must be a string');
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new TypeError('redisStore: `timeoutMs` must be a positive number of milliseconds');
  }
  const limitKey = (key: string) => `${prefix}{limit}:${key}`;
  const loginKey = (id: string) => `${prefix}login:${id}`;

  /** Runs a cached script, sending it again when Redis lost it (a restart, SCRIPT FLUSH). */
  async function run(
    script: keyof typeof scripts,
    keys: readonly string[],
    args: readonly (string | number)[],
  ) {
    const { source, sha } = scripts[script];
    try {
      return await client.evalsha(sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!messageOf(error).startsWith('NOSCRIPT')) throw error;
      return client.eval(source, keys.length, ...keys, ...args);
    }
  }

  /** Runs one call with the deadline, turning any failure into a {@link RedisStoreError}. */
  function call<T>(operation: keyof VerifikAuthStore, run: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new RedisStoreError(operation, `no answer from Redis within ${timeoutMs} ms`)),
        timeoutMs,
      );
      let pending: Promise<T>;
      try {
        pending = run();
      } catch (error) {
        pending = Promise.reject(error);
      }
      // A late answer (or a late failure) after the deadline is dropped here, never unhandled.
      pending.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(new RedisStoreError(operation, messageOf(error)));
        },
      );
    });
  }

  return {
    consume: (checks) =>
      call('consume', async (): Promise<ConsumeResult> => {
        if (checks.length === 0) return { ok: true };
        const args = checks.flatMap((check) => [check.max, positiveMs(check.windowMs, 'windowMs')]);
        const reply = await run(
          'consume',
          checks.map((check) => limitKey(check.key)),
          args,
        );
        if (!Array.isArray(reply) || typeof reply[0] !== 'number' || typeof reply[1] !== 'number') {
          throw new Error('unexpected reply to the consume script');
        }
        return reply[0] === 0 ? { ok: true } : { ok: false, index: reply[0] - 1, resetInMs: reply[1] };
      }),
    createLogin: (id, ttlMs) =>
      call('createLogin', async () => {
        // NX: a login id is random; never overwrite one (a generation going back would revive old cookies).
        const reply = await client.set(loginKey(id), '0', 'PX', positiveMs(ttlMs, 'ttlMs'), 'NX');
        return reply === 'OK';
      }),
    loginGeneration: (id) =>
      call('loginGeneration', async () => {
        const value = await client.get(loginKey(id));
        if (value === null) return undefined;
        const generation = Number(value);
        if (!Number.isSafeInteger(generation)) throw new Error('unexpected login record');
        return generation;
      }),
    setLoginGeneration: (id, expected, next, ttlMs) =>
      call('setLoginGeneration', async () => {
        const reply = await run(
          'setGeneration',
          [loginKey(id)],
          [String(expected), String(next), positiveMs(ttlMs, 'ttlMs')],
        );
        return reply === 1;
      }),
    endLogin: (id) =>
      call('endLogin', async () => {
        await client.del(loginKey(id));
      }),
  };
}

/** A duration Redis accepts for PX/PEXPIRE: a whole number of ms, at least 1. */
function positiveMs(value: number, name: string): number {
  if (!Number.isFinite(value)) throw new TypeError(`${name} must be a finite number of milliseconds`);
  return Math.max(1, Math.ceil(value));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
