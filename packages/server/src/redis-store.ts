/**
 * A {@link VerifikAuthStore} in Redis, for apps that run more than one instance of the handler: every
 * instance counts on the same counters and sees the same logouts. Imported from
 * `@verifik-auth/server/redis` (a subpath of its own: Redis clients speak TCP, which Workers lack).
 * @module @verifik-auth/server/redis
 */
import { createHash } from 'node:crypto';
import type { LimitHit, VerifikAuthStore } from './store.js';

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
  /** `SET key value PX ms`. */
  set(key: string, value: string, px: 'PX', milliseconds: number): Promise<unknown>;
  /** `EXISTS key`: how many of the keys exist. */
  exists(key: string): Promise<number>;
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
   * Counters live under `<prefix>limit:`, logged-out cookies under `<prefix>revoked:`.
   * Default `verifik-auth:`.
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
 * own message; it never carries the key, the identifier inside it or the cookie id.
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
 * One atomic hit: INCR, PEXPIRE when the key is new, then PTTL, in one round trip. A counter left
 * without an expiry (set by something else) gets the window too, so it can never count for ever.
 */
const hitScript = `local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;
const hitScriptSha = createHash('sha1').update(hitScript).digest('hex');

/**
 * A store in Redis: shared counters and logouts for every instance of the handler pointed at the
 * same Redis. `hit` is one Lua script (one round trip, atomic); `revoke` is `SET … PX`, `isRevoked`
 * `EXISTS`, `reset` `DEL`. Each call rejects with a {@link RedisStoreError} when Redis does not
 * answer within `timeoutMs`, so sends fail closed instead of hanging.
 *
 * Redis must keep what it is given: use `maxmemory-policy noeviction` (the default), since an
 * evicting policy could drop a logout and bring a copied cookie back to life. See REDIS.md.
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
  const limitKey = (key: string) => `${prefix}limit:${key}`;
  const revokedKey = (id: string) => `${prefix}revoked:${id}`;

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
    hit: (key, windowMs) =>
      call('hit', async (): Promise<LimitHit> => {
        const window = positiveMs(windowMs, 'windowMs');
        const keys = [limitKey(key), window] as const;
        let reply: unknown;
        try {
          reply = await client.evalsha(hitScriptSha, 1, ...keys);
        } catch (error) {
          // Not cached yet (a new or restarted Redis, SCRIPT FLUSH): EVAL sends and caches it.
          if (!messageOf(error).startsWith('NOSCRIPT')) throw error;
          reply = await client.eval(hitScript, 1, ...keys);
        }
        if (
          !Array.isArray(reply) ||
          typeof reply[0] !== 'number' ||
          typeof reply[1] !== 'number' ||
          reply[0] < 1
        ) {
          throw new Error('unexpected reply to the hit script');
        }
        return { count: reply[0], resetInMs: reply[1] };
      }),
    reset: (key) =>
      call('reset', async () => {
        await client.del(limitKey(key));
      }),
    revoke: (id, ttlMs) =>
      call('revoke', async () => {
        await client.set(revokedKey(id), '1', 'PX', positiveMs(ttlMs, 'ttlMs'));
      }),
    isRevoked: (id) => call('isRevoked', async () => (await client.exists(revokedKey(id))) > 0),
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
