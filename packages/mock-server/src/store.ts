import type { ResolvedOptions } from './options.js';
import { generateCode } from './otp.js';
import { logError } from './terminal-text.js';

/** How a phone code is delivered. `none`: Verifik sends nothing and the app delivers it. */
export type PhoneGateway = 'whatsapp' | 'sms' | 'none';

/** One code the mock "sent", as listed by `GET /__dev/inbox`. */
export interface InboxMessage {
  /** Whether it went to a phone or an email address. */
  method: 'phone' | 'email';
  /** Phone messages only, e.g. `"+1"`. */
  countryCode?: string;
  /** Phone messages only: the digits. */
  phone?: string;
  /** Email messages only: the address, lowercased. */
  email?: string;
  /** Phone messages only. */
  gateway?: PhoneGateway;
  /** The code in clear: what the user would read in their messages. */
  otp: string;
  /** ISO time it was sent. */
  sentAt: string;
  /** ISO time it stops being accepted. */
  expiresAt: string;
}

/** A code waiting to be confirmed. */
export interface Challenge {
  /** The code in clear, 6 digits. */
  code: string;
  /** When it was sent, epoch ms (the mock's clock). */
  sentAt: number;
  /** When it stops being accepted, epoch ms. */
  expiresAt: number;
  /** It was confirmed once; confirming it again is refused, as Verifik does. */
  validated: boolean;
  /** Its sending failed (an injected `sendFails` fault): confirming it answers `otp_send_failed`. */
  sendFailed: boolean;
}

/** The outcome of comparing a submitted code with the one on file (`send_failed`: whatever the code). */
export type CodeCheck = 'ok' | 'not_found' | 'validated' | 'send_failed' | 'expired' | 'mismatch';

/** How many entries each part of a {@link MockStore} holds. */
export interface StoreSizes {
  /** Codes on file (live, or expired less than one TTL ago). */
  codes: number;
  /** Phones+gateways and emails still inside their resend cooldown. */
  cooldowns: number;
  /** Messages in the inbox (at most 500). */
  inbox: number;
}

const inboxLimit = 500;

type StoreSettings = Pick<
  ResolvedOptions,
  'otpTtlMs' | 'resendCooldownMs' | 'fixedOtp' | 'now' | 'onMessage' | 'maxEntries'
>;

/** Sets `key` last in `map`'s order, so that the order stays the order of sending. */
function setLast<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
}

/** Drops the first (oldest) entries of `map` past `max`. */
function trim(map: Map<string, unknown>, max: number): void {
  for (const key of map.keys()) {
    if (map.size <= max) return;
    map.delete(key);
  }
}

/**
 * Codes, resend cooldowns and the inbox, all in memory. Identities are keys like `phone:+1 123…`.
 * Bounded, since anyone who can reach the mock picks how many distinct phones it sees: cooldowns go
 * once they pass, codes one TTL after they expire (until then a late confirm still gets Verifik's
 * "expired"), both are swept on each use, and each map keeps at most `maxEntries`, oldest dropped first.
 */
export class MockStore {
  readonly #settings: StoreSettings;
  // Both maps are kept in sending order (see setLast), and every entry lives equally long, so the
  // ones due to go are always at the front.
  readonly #challenges = new Map<string, Challenge>();
  readonly #lastSent = new Map<string, number>();
  readonly #inbox: InboxMessage[] = [];

  constructor(settings: StoreSettings) {
    this.#settings = settings;
  }

  /**
   * Starts a new code with a new TTL for `identity`, replacing any earlier one. Returns undefined,
   * changing nothing, while `cooldownKey` (phone + gateway, or the email) is inside its cooldown.
   * With `sendFails`, the code is on file but marked as never sent.
   */
  issue(identity: string, cooldownKey: string, options: { sendFails?: boolean } = {}): Challenge | undefined {
    const now = this.#settings.now();
    this.#sweep(now);
    const last = this.#lastSent.get(cooldownKey);
    if (last !== undefined && now - last < this.#settings.resendCooldownMs) return undefined;
    setLast(this.#lastSent, cooldownKey, now);
    const challenge: Challenge = {
      code: this.#settings.fixedOtp ?? generateCode(),
      sentAt: now,
      expiresAt: now + this.#settings.otpTtlMs,
      validated: false,
      sendFailed: options.sendFails ?? false,
    };
    setLast(this.#challenges, identity, challenge);
    trim(this.#lastSent, this.#settings.maxEntries);
    trim(this.#challenges, this.#settings.maxEntries);
    return challenge;
  }

  /** Compares a code with the one on file. A wrong code changes nothing: Verifik has no attempt limit. */
  check(identity: string, code: string): CodeCheck {
    const now = this.#settings.now();
    this.#sweep(now);
    const challenge = this.#challenges.get(identity);
    if (!challenge) return 'not_found';
    if (challenge.validated) return 'validated';
    if (challenge.sendFailed) return 'send_failed';
    if (now >= challenge.expiresAt) return 'expired';
    return challenge.code === code ? 'ok' : 'mismatch';
  }

  /** Marks the code on file as used, so confirming it again is refused. */
  consume(identity: string): void {
    const challenge = this.#challenges.get(identity);
    if (challenge) challenge.validated = true;
  }

  /** Adds a sent code to the inbox (oldest dropped past 500) and passes it to `onMessage`. */
  deliver(message: InboxMessage): void {
    this.#inbox.push(message);
    if (this.#inbox.length > inboxLimit) this.#inbox.splice(0, this.#inbox.length - inboxLimit);
    try {
      this.#settings.onMessage?.(message);
    } catch (error) {
      // A broken listener must not turn a good request into a 500.
      logError('onMessage threw', error);
    }
  }

  /** The sent codes, oldest first. */
  get inbox(): readonly InboxMessage[] {
    return this.#inbox;
  }

  /** How many entries it holds now, after forgetting those past their time. */
  sizes(): StoreSizes {
    this.#sweep(this.#settings.now());
    return { codes: this.#challenges.size, cooldowns: this.#lastSent.size, inbox: this.#inbox.length };
  }

  /** Forgets every code, cooldown and inbox message. */
  reset(): void {
    this.#challenges.clear();
    this.#lastSent.clear();
    this.#inbox.length = 0;
  }

  /** Forgets passed cooldowns, and codes expired for one TTL or more, from the front of each map. */
  #sweep(now: number): void {
    const { otpTtlMs, resendCooldownMs } = this.#settings;
    for (const [key, challenge] of this.#challenges) {
      if (now < challenge.expiresAt + otpTtlMs) break;
      this.#challenges.delete(key);
    }
    for (const [key, sentAt] of this.#lastSent) {
      if (now - sentAt < resendCooldownMs) break;
      this.#lastSent.delete(key);
    }
  }
}
