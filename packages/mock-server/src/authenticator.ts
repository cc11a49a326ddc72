import { Secret, TOTP } from 'otpauth';
import type { AuthenticatorConfig, MockAuthenticatorState } from './clients.js';
import { authenticatorOtpDoesNotMatch, legacyInvalidAuthenticatorOtp, missingParameter } from './errors.js';
import { qrPngDataUrl } from './qr-png.js';
import { isMissing, otpString } from './request-body.js';

/** Verifik's `data.message` when the confirm answer asks for the authenticator code. */
export const authenticatorMessage = 'You are required to setup the Google Authenticator first.';

/** Shown in authenticator apps above the code, and in the `otpauth://` line. */
const issuer = 'Verifik';

/** An account's authenticator as `GET /__dev/authenticators` lists it: enough for a test to log in. */
export interface DevAuthenticator {
  /** E.g. `"phone:+1 1234566663"` or `"email:ana@example.com"`. */
  account: string;
  /** Where it stands now. */
  state: MockAuthenticatorState;
  /** `"totp"` when the account was given a key, else `"fixed"` (the `authenticatorOtp` option). */
  check: 'totp' | 'fixed';
  /** The base32 key the setup answer shows (made up at start when none was given). */
  secretKey: string;
  /** The same key as the line an authenticator app reads from the QR code. */
  otpauthUrl: string;
  /** The authenticator code the mock accepts now (on the mock's clock). */
  code: string;
}

interface Entry {
  config: AuthenticatorConfig;
  state: MockAuthenticatorState;
  totp: TOTP;
  /** Made once, on the first setup answer that needs it. */
  qrCode?: string;
}

interface RegistrySettings {
  /** The fixed code, for accounts without a key. */
  authenticatorOtp: string;
  /** The mock's clock, epoch ms: TOTP steps follow it. */
  now: () => number;
}

/**
 * The accounts' authenticators: their keys, and whether each is set up yet. Keys are made up once
 * per mock (16 base32 characters, as Verifik's) unless the account gives one.
 */
export class AuthenticatorRegistry {
  readonly #entries = new Map<string, Entry>();
  readonly #settings: RegistrySettings;

  constructor(configs: readonly AuthenticatorConfig[], settings: RegistrySettings) {
    this.#settings = settings;
    for (const config of configs) {
      const secret =
        config.secret !== undefined ? Secret.fromBase32(config.secret) : new Secret({ size: 10 });
      const label = config.account.replace(/^(phone|email):/, '');
      this.#entries.set(config.account, {
        config,
        state: config.state,
        totp: new TOTP({ issuer, label, secret }),
      });
    }
  }

  /**
   * The authenticator step of a confirm whose code is right. Returns the 200 body that asks for the
   * authenticator code (with the QR code and key while it is not set up), or undefined when the
   * confirm goes on to the token. Throws 403 `authenticator_otp_does_not_match` for a wrong code.
   * Changes nothing: the caller marks the step done with {@link confirmed} once it answers the token.
   */
  check(
    config: AuthenticatorConfig | undefined,
    authenticatorOtp: unknown,
  ): Record<string, unknown> | undefined {
    const entry = config && this.#entries.get(config.account);
    if (!entry) return undefined;
    if (entry.config.legacyAnswers) {
      if (isMissing(authenticatorOtp)) throw missingParameter(['authenticatorOTP']);
      if (!this.#accepts(entry, otpString(authenticatorOtp))) throw legacyInvalidAuthenticatorOtp();
      return undefined;
    }
    if (isMissing(authenticatorOtp)) {
      if (entry.state === 'set-up') return { data: { message: authenticatorMessage } };
      entry.qrCode ??= qrPngDataUrl(entry.totp.toString());
      return {
        data: { message: authenticatorMessage, QRCode: entry.qrCode, secretKey: entry.totp.secret.base32 },
      };
    }
    if (!this.#accepts(entry, otpString(authenticatorOtp))) throw authenticatorOtpDoesNotMatch();
    return undefined;
  }

  /** The account confirmed with its authenticator: from now on it is set up. */
  confirmed(config: AuthenticatorConfig | undefined): void {
    const entry = config && this.#entries.get(config.account);
    if (entry) entry.state = 'set-up';
  }

  /** Every account back to its configured state (`/__dev/reset`); the keys stay. */
  reset(): void {
    for (const entry of this.#entries.values()) entry.state = entry.config.state;
  }

  /** The accounts with their keys and the code accepted now, for `GET /__dev/authenticators`. */
  list(): DevAuthenticator[] {
    return [...this.#entries.values()].map((entry) => ({
      account: entry.config.account,
      state: entry.state,
      check: entry.config.secret !== undefined ? 'totp' : 'fixed',
      secretKey: entry.totp.secret.base32,
      otpauthUrl: entry.totp.toString(),
      code:
        entry.config.secret !== undefined
          ? entry.totp.generate({ timestamp: this.#settings.now() })
          : this.#settings.authenticatorOtp,
    }));
  }

  #accepts(entry: Entry, code: string): boolean {
    if (entry.config.secret === undefined) return code === this.#settings.authenticatorOtp;
    // One step either way, as authenticator servers commonly allow for a phone's clock drift.
    return entry.totp.validate({ token: code, timestamp: this.#settings.now(), window: 1 }) !== null;
  }
}
