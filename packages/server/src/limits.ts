import { Refusal } from './errors.js';
import { addressKey } from './limit-keys.js';
import type { VerifikAuthStore } from './store.js';

/** At most `max` hits per window of `windowMs`. */
export interface RateLimit {
  /** Hits allowed per window. */
  max: number;
  /** The window's length, ms. It starts with its first hit. */
  windowMs: number;
}

/** Every abuse limit the handler applies. */
export interface RateLimits {
  /** Codes sent to one phone number or email address. Default 5 per 15 minutes. */
  sendsPerIdentifier: RateLimit;
  /**
   * Codes sent for one client address (see `getClientAddress`). Default 20 per hour. Skipped when
   * the address is unknown.
   */
  sendsPerAddress: RateLimit;
  /** Codes sent through this handler (all instances sharing the store). Default 1000 per hour. */
  sendsTotal: RateLimit;
  /**
   * Confirm attempts per code, counted per phone number or email address; a new code starts from
   * zero. Default 5 per 15 minutes (a code lives 10).
   */
  confirmsPerCode: RateLimit;
  /**
   * Refreshes of one login (its cookie and every cookie refreshed from it). Default 10 per hour: the
   * machine refreshes once per token, and each refresh records the old cookie as logged out, so an
   * unbounded refresh could push older logouts out of a bounded store.
   */
  refreshesPerLogin: RateLimit;
}

/** Changes to some of the {@link RateLimits}; what is left out keeps its default. */
export type RateLimitOptions = { [K in keyof RateLimits]?: Partial<RateLimit> };

const MINUTE = 60_000;

/**
 * The default abuse limits. Every code sent costs the account money, and SMS pumping spreads over
 * many numbers and addresses, hence a limit per identifier, per address and in total. A request over
 * a limit gets `429 rate_limited` with `Retry-After` (seconds until its window ends).
 */
export const DEFAULT_RATE_LIMITS: Readonly<RateLimits> = Object.freeze({
  sendsPerIdentifier: { max: 5, windowMs: 15 * MINUTE },
  sendsPerAddress: { max: 20, windowMs: 60 * MINUTE },
  sendsTotal: { max: 1000, windowMs: 60 * MINUTE },
  confirmsPerCode: { max: 5, windowMs: 15 * MINUTE },
  refreshesPerLogin: { max: 10, windowMs: 60 * MINUTE },
});

/** The defaults with `overrides` applied, checked. */
export function resolveRateLimits(overrides: RateLimitOptions = {}): RateLimits {
  const limits = {} as RateLimits;
  for (const name of Object.keys(DEFAULT_RATE_LIMITS) as Array<keyof RateLimits>) {
    const limit = { ...DEFAULT_RATE_LIMITS[name], ...overrides[name] };
    const maxOk =
      limit.max === Number.POSITIVE_INFINITY || (Number.isSafeInteger(limit.max) && limit.max > 0);
    if (!maxOk || !Number.isSafeInteger(limit.windowMs) || limit.windowMs <= 0) {
      throw new TypeError(
        `createVerifikAuth: \`rateLimit.${name}\` needs a positive whole \`max\` (or Infinity) and \`windowMs\`.`,
      );
    }
    limits[name] = limit;
  }
  return limits;
}

/** The store is down: sends and confirms fail closed. */
const unavailable = () =>
  new Refusal(503, 'server', 'The login service cannot check its limits right now. Please try again.');

/** Applies {@link RateLimits} through a {@link VerifikAuthStore}. */
export interface Limiter {
  /** Counts a send; throws a 429 over a limit, a 503 when the store fails. */
  send(identifierKey: string, address: string | undefined): Promise<void>;
  /** Counts a confirm attempt; throws a 429 over the limit, a 503 when the store fails. */
  confirm(identifierKey: string): Promise<void>;
  /** Counts a refresh of one login (its id, random: not pseudonymized); throws a 429 over the limit, a 503 when the store fails. */
  refresh(loginId: string): Promise<void>;
  /** A new code was sent: its confirm attempts start from zero. */
  resetConfirms(identifierKey: string): Promise<void>;
}

/**
 * Applies `limits` through `store`. Keys are `send:identifier:…`, `send:address:…`, `send:total`,
 * `confirm:…`, where `…` is `pseudonym` of the phone, email or address (by default the value itself).
 */
export function createLimiter(
  store: VerifikAuthStore,
  limits: RateLimits,
  pseudonym: (value: string) => Promise<string> = async (value) => value,
): Limiter {
  /** Counts one hit on `key`; throws once the count passes `limit.max`. */
  async function count(key: string, limit: RateLimit, message: string): Promise<void> {
    if (limit.max === Number.POSITIVE_INFINITY) return;
    let hit: Awaited<ReturnType<VerifikAuthStore['hit']>>;
    try {
      hit = await store.hit(key, limit.windowMs);
    } catch {
      throw unavailable();
    }
    if (hit.count > limit.max) {
      throw new Refusal(429, 'rate_limited', message, Math.max(1, Math.ceil(hit.resetInMs / 1000)));
    }
  }
  return {
    async send(identifierKey, address) {
      // One after the other, stopping at the first refusal. The address first: a sender over its own
      // limit must not go on counting against the numbers it names (locking other people out for
      // free); and a number over its own limit does not use up everyone's.
      if (address) {
        await count(
          `send:address:${await pseudonym(addressKey(address))}`,
          limits.sendsPerAddress,
          'Too many codes were requested from this address. Wait before asking again.',
        );
      }
      await count(
        `send:identifier:${await pseudonym(identifierKey)}`,
        limits.sendsPerIdentifier,
        'Too many codes were sent to this phone number or email address. Wait before asking again.',
      );
      await count(
        'send:total',
        limits.sendsTotal,
        'Too many codes were sent in the last hour. Try again later.',
      );
    },
    async refresh(loginId) {
      await count(
        `refresh:${loginId}`,
        limits.refreshesPerLogin,
        'Too many refreshes of this session. Try again later.',
      );
    },
    async confirm(identifierKey) {
      await count(
        `confirm:${await pseudonym(identifierKey)}`,
        limits.confirmsPerCode,
        'Too many wrong codes. Ask for a new code.',
      );
    },
    async resetConfirms(identifierKey) {
      try {
        await store.reset(`confirm:${await pseudonym(identifierKey)}`);
      } catch {
        throw unavailable();
      }
    },
  };
}
