import type { ResolvedOptions } from './options.js';
import { generateCode } from './otp.js';

/** How a phone code is delivered. `none`: Verifik sends nothing and the app delivers it. */
export type PhoneGateway = 'whatsapp' | 'sms' | 'none';

/** One code the mock "sent", as listed by `GET /__dev/inbox`. */
export interface InboxMessage {
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
  code: string;
  sentAt: number;
  expiresAt: number;
  validated: boolean;
}

/** The outcome of comparing a submitted code with the one on file. */
export type CodeCheck = 'ok' | 'not_found' | 'validated' | 'expired' | 'mismatch';

const inboxLimit = 500;

type StoreSettings = Pick<
  ResolvedOptions,
  'otpTtlMs' | 'resendCooldownMs' | 'fixedOtp' | 'now' | 'onMessage'
>;

/** Codes, resend cooldowns and the inbox, all in memory. Identities are keys like `phone:+1 123…`. */
export class MockStore {
  readonly #settings: StoreSettings;
  readonly #challenges = new Map<string, Challenge>();
  readonly #lastSent = new Map<string, number>();
  readonly #inbox: InboxMessage[] = [];

  constructor(settings: StoreSettings) {
    this.#settings = settings;
  }

  /**
   * Starts a new code with a new TTL for `identity`, replacing any earlier one. Returns undefined,
   * changing nothing, while `cooldownKey` (phone + gateway, or the email) is inside its cooldown.
   */
  issue(identity: string, cooldownKey: string): Challenge | undefined {
    const now = this.#settings.now();
    const last = this.#lastSent.get(cooldownKey);
    if (last !== undefined && now - last < this.#settings.resendCooldownMs) return undefined;
    this.#lastSent.set(cooldownKey, now);
    const challenge: Challenge = {
      code: this.#settings.fixedOtp ?? generateCode(),
      sentAt: now,
      expiresAt: now + this.#settings.otpTtlMs,
      validated: false,
    };
    this.#challenges.set(identity, challenge);
    return challenge;
  }

  /** Compares a code with the one on file. A wrong code changes nothing: Verifik has no attempt limit. */
  check(identity: string, code: string): CodeCheck {
    const challenge = this.#challenges.get(identity);
    if (!challenge) return 'not_found';
    if (challenge.validated) return 'validated';
    if (this.#settings.now() >= challenge.expiresAt) return 'expired';
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
      console.error('[verifik-mock] onMessage threw:', error);
    }
  }

  /** The sent codes, oldest first. */
  get inbox(): readonly InboxMessage[] {
    return this.#inbox;
  }

  /** Forgets every code, cooldown and inbox message. */
  reset(): void {
    this.#challenges.clear();
    this.#lastSent.clear();
    this.#inbox.length = 0;
  }
}
