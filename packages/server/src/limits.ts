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
   * Codes sent for one client address (see `getClientAddress`). Default 20 per hour. A send with no
   * known address is refused (503), never counted in a shared bucket.
   */
  sendsPerAddress: RateLimit;
  /** Codes sent through this handler (all instances sharing the store). Default 1000 per hour. */
  sendsTotal: RateLimit;
  /**
   * Confirm attempts per sent code (per challenge cookie: a stranger without it cannot use them up).
   * Default 5 per 15 minutes (a code lives 10).
   */
  confirmsPerCode: RateLimit;
  /** Confirm attempts from one client address. Default 50 per hour. No address: refused (503). */
  confirmsPerAddress: RateLimit;
  /**
   * Confirm attempts for one phone number or email address, whoever makes them: the ceiling on
   * guesses through this server. Default 30 per 24 hours: odds of 30 / 10⁶ per day for a 6-digit code.
   */
  confirmsPerIdentifier: RateLimit;
  /**
   * Refreshes of one login (its cookie and every cookie refreshed from it). Default 10 per hour: the
   * machine refreshes once per token; each refresh is a call to Verifik.
   */
  refreshesPerLogin: RateLimit;
  /**
   * Sign-outs everywhere else (`POST /session/revoke-others`) of one login. Default 3 per hour: each
   * ends every token of the account at Verifik, a person needs one.
   */
  revokesPerLogin: RateLimit;
}

/** Changes to some of the {@link RateLimits}; what is left out keeps its default. */
export type RateLimitOptions = { [K in keyof RateLimits]?: Partial<RateLimit> };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The default abuse limits. Every code sent costs money, and SMS pumping spreads over many numbers and
 * addresses, hence a limit per identifier, per address and in total. A request over a limit gets
 * `429 rate_limited` with `Retry-After` (seconds until its window ends).
 */
export const DEFAULT_RATE_LIMITS: Readonly<RateLimits> = Object.freeze({
  sendsPerIdentifier: { max: 5, windowMs: 15 * MINUTE },
  sendsPerAddress: { max: 20, windowMs: HOUR },
  sendsTotal: { max: 1000, windowMs: HOUR },
  confirmsPerCode: { max: 5, windowMs: 15 * MINUTE },
  confirmsPerAddress: { max: 50, windowMs: HOUR },
  confirmsPerIdentifier: { max: 30, windowMs: 24 * HOUR },
  refreshesPerLogin: { max: 10, windowMs: HOUR },
  revokesPerLogin: { max: 3, windowMs: HOUR },
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

/** The store is down or full: sends and confirms fail closed. */
const unavailable = () =>
  new Refusal(503, 'server', 'The login service cannot check its limits right now. Please try again.');

/** Logged once per limiter: a mount that passes no address refuses every send and confirm. */
const noAddressLog =
  "[verifik-auth] A send or confirm was refused: no client address. Pass it as the handler's " +
  "`context.clientAddress` or through the `getClientAddress` option (see the README's mount recipes).";

/** Applies {@link RateLimits} through a {@link VerifikAuthStore}. */
export interface Limiter {
  /** Counts a send; throws a 429 over a limit, a 503 with no address or when the store fails. */
  send(identifierKey: string, address: string | undefined): Promise<void>;
  /** Counts a confirm attempt of the challenge `challengeId`; same refusals as {@link Limiter.send}. */
  confirm(identifierKey: string, challengeId: string, address: string | undefined): Promise<void>;
  /** Counts a refresh of one login (its id, random: not pseudonymized); throws a 429 over the limit, a 503 when the store fails. */
  refresh(loginId: string): Promise<void>;
  /** Counts a sign-out everywhere else of one login; the refusals of {@link Limiter.refresh}. */
  revoke(loginId: string): Promise<void>;
}

interface Check {
  key: string;
  limit: RateLimit;
  /** The 429's message when this check is the full one. */
  message: string;
}

/**
 * Applies `limits` through `store`. Keys are `send:identifier:…`, `send:address:…`, `total:send`,
 * `confirm:code:…`, `confirm:address:…`, `confirm:identifier:…`, `refresh:…`, `revoke:…`, where `…` is `pseudonym`
 * of the phone, email or address (by default the value itself); challenge and login ids are random.
 * Each request's checks are consumed together: all count, or (one being full) none does.
 */
export function createLimiter(
  store: VerifikAuthStore,
  limits: RateLimits,
  pseudonym: (value: string) => Promise<string> = async (value) => value,
  log: (line: string) => void = (line) => console.warn(line),
): Limiter {
  let warned = false;
  /** The address's key, or a 503 when there is none: one shared bucket would let one client lock out everyone. */
  async function addressOf(kind: 'send' | 'confirm', address: string | undefined) {
    if (!address) {
      if (!warned) log(noAddressLog);
      warned = true;
      throw new Refusal(
        503,
        'server',
        'The login service cannot tell where this request comes from, so it cannot send or check codes.',
      );
    }
    return `${kind}:address:${await pseudonym(addressKey(address))}`;
  }
  async function consume(checks: readonly Check[]): Promise<void> {
    const counted = checks.filter((check) => check.limit.max !== Number.POSITIVE_INFINITY);
    let result: Awaited<ReturnType<VerifikAuthStore['consume']>>;
    try {
      result = await store.consume(
        counted.map(({ key, limit }) => ({ key, max: limit.max, windowMs: limit.windowMs })),
      );
    } catch {
      throw unavailable();
    }
    if (result.ok) return;
    const full = counted[result.index];
    throw new Refusal(429, 'rate_limited', full?.message, Math.max(1, Math.ceil(result.resetInMs / 1000)));
  }
  return {
    async send(identifierKey, address) {
      // In this order, the first full one named: the address first (a sender over its own limit is
      // told so), the global ceiling last (a number over its own limit does not use up everyone's).
      await consume([
        {
          key: await addressOf('send', address),
          limit: limits.sendsPerAddress,
          message: 'Too many codes were requested from this address. Wait before asking again.',
        },
        {
          key: `send:identifier:${await pseudonym(identifierKey)}`,
          limit: limits.sendsPerIdentifier,
          message:
            'Too many codes were sent to this phone number or email address. Wait before asking again.',
        },
        {
          key: 'total:send',
          limit: limits.sendsTotal,
          message: 'Too many codes were sent in the last hour. Try again later.',
        },
      ]);
    },
    async confirm(identifierKey, challengeId, address) {
      await consume([
        {
          key: await addressOf('confirm', address),
          limit: limits.confirmsPerAddress,
          message: 'Too many codes were tried from this address. Wait before trying again.',
        },
        {
          key: `confirm:code:${challengeId}`,
          limit: limits.confirmsPerCode,
          message: 'Too many wrong codes. Ask for a new code.',
        },
        {
          key: `confirm:identifier:${await pseudonym(identifierKey)}`,
          limit: limits.confirmsPerIdentifier,
          message: 'Too many codes were tried for this phone number or email address today. Try again later.',
        },
      ]);
    },
    async refresh(loginId) {
      await consume([
        {
          key: `refresh:${loginId}`,
          limit: limits.refreshesPerLogin,
          message: 'Too many refreshes of this session. Try again later.',
        },
      ]);
    },
    async revoke(loginId) {
      await consume([
        {
          key: `revoke:${loginId}`,
          limit: limits.revokesPerLogin,
          message: 'Too many sign-outs everywhere of this session. Try again later.',
        },
      ]);
    },
  };
}
