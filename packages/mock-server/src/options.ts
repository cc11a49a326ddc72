import { randomBytes } from 'node:crypto';
import { ClientDirectory, type MockClients } from './clients.js';
import { parseAllowedHosts, parseAllowedOrigins } from './origin-guard.js';
import type { InboxMessage } from './store.js';

/** How the mock behaves. Every option is optional; the defaults imitate Verifik. */
export interface MockAppOptions {
  /** How long a sent code stays valid, in ms. Default 600 000 (10 minutes, as Verifik). */
  otpTtlMs?: number;
  /** How long before the same phone and gateway (or the same email) may get another code, in ms. Default 120 000. */
  resendCooldownMs?: number;
  /** Send this code (6 digits) every time instead of a random one: handy for demos and scripted tests. */
  fixedOtp?: string;
  /** Restricts who is a registered client; without it everyone well-formed is. See {@link MockClients}. */
  clients?: MockClients;
  /** The authenticator code accepted from `requires2FA` clients (6 digits). Default `"000000"`. */
  authenticatorOtp?: string;
  /** Called with each code the mock "sends", right after it lands in the inbox. */
  onMessage?: (message: InboxMessage) => void;
  /**
   * The clock, in epoch ms, for code expiry, the resend cooldown and token times. Default `Date.now`.
   * Tests pass a movable clock instead of sleeping.
   */
  now?: () => number;
  /** The HS256 secret for access tokens. Default: random per app, so tokens die with the server. */
  tokenSecret?: string;
  /**
   * Browser origins, besides this machine's (`http://localhost:*`, `http://127.0.0.1:*`,
   * `http://[::1]:*`, always allowed), whose pages may call the Verifik routes, e.g.
   * `["https://app.example"]`. Never the `/__dev/` routes: those answer loopback origins only.
   */
  allowedOrigins?: readonly string[];
  /**
   * `Host` names, besides `localhost`, `127.0.0.1` and `[::1]`, under which the Verifik routes
   * answer (without port, e.g. `["mock.internal"]`), for a mock reached under another name. Every
   * other `Host` gets a 403, so DNS rebinding cannot reach the mock. Never the `/__dev/` routes.
   */
  allowedHosts?: readonly string[];
  /**
   * The most codes, and the most resend cooldowns, held at once; past it the oldest is forgotten
   * first (its phone or email gets `not found` on confirm, and may have a new code at once).
   * Default 10 000. Cooldowns are also forgotten once they pass, codes one TTL after they expire.
   */
  maxEntries?: number;
}

/** {@link MockAppOptions} plus where to listen. */
export interface MockServerOptions extends MockAppOptions {
  /** Port to listen on; 0 picks a free one. Default 4010. */
  port?: number;
  /** Interface to bind. Default `"127.0.0.1"`: the mock is for this machine only unless told otherwise. */
  host?: string;
}

/** {@link MockAppOptions} checked and with defaults filled in. */
export interface ResolvedOptions {
  /** {@link MockAppOptions.otpTtlMs}, in ms. */
  otpTtlMs: number;
  /** {@link MockAppOptions.resendCooldownMs}, in ms. */
  resendCooldownMs: number;
  /** {@link MockAppOptions.fixedOtp}; undefined sends random codes. */
  fixedOtp: string | undefined;
  /** {@link MockAppOptions.clients}, parsed into a lookup. */
  clients: ClientDirectory;
  /** {@link MockAppOptions.authenticatorOtp}. */
  authenticatorOtp: string;
  /** {@link MockAppOptions.onMessage}, if given. */
  onMessage: ((message: InboxMessage) => void) | undefined;
  /** {@link MockAppOptions.now}, or `Date.now`. */
  now: () => number;
  /** {@link MockAppOptions.tokenSecret} as bytes, or a random one. */
  tokenSecret: Uint8Array;
  /** {@link MockAppOptions.allowedOrigins}, normalized. */
  allowedOrigins: readonly string[];
  /** {@link MockAppOptions.allowedHosts}, lowercased. */
  allowedHosts: readonly string[];
  /** {@link MockAppOptions.maxEntries}. */
  maxEntries: number;
}

const sixDigits = /^\d{6}$/;

function duration(value: number | undefined, fallback: number, name: string, minimum: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < minimum)
    throw new RangeError(`${name}: expected a number >= ${minimum}`);
  return value;
}

function count(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1)
    throw new RangeError(`${name}: expected a whole number >= 1`);
  return value;
}

function code(value: string | undefined, name: string): string | undefined {
  if (value !== undefined && !sixDigits.test(value)) throw new TypeError(`${name}: expected 6 digits`);
  return value;
}

/** Checks the options and fills in defaults; throws a `TypeError`/`RangeError` naming a bad option. */
export function resolveOptions(options: MockAppOptions = {}): ResolvedOptions {
  if (options.tokenSecret !== undefined && options.tokenSecret.length === 0) {
    throw new TypeError('tokenSecret: expected a non-empty string');
  }
  return {
    otpTtlMs: duration(options.otpTtlMs, 10 * 60_000, 'otpTtlMs', 1),
    resendCooldownMs: duration(options.resendCooldownMs, 120_000, 'resendCooldownMs', 0),
    fixedOtp: code(options.fixedOtp, 'fixedOtp'),
    clients: new ClientDirectory(options.clients),
    authenticatorOtp: code(options.authenticatorOtp, 'authenticatorOtp') ?? '000000',
    onMessage: options.onMessage,
    now: options.now ?? Date.now,
    tokenSecret:
      options.tokenSecret !== undefined ? new TextEncoder().encode(options.tokenSecret) : randomBytes(32),
    allowedOrigins: parseAllowedOrigins(options.allowedOrigins),
    allowedHosts: parseAllowedHosts(options.allowedHosts),
    maxEntries: count(options.maxEntries, 10_000, 'maxEntries'),
  };
}
