import { createHash } from 'node:crypto';
import {
  normalizeEmail,
  parseCountryCode,
  parseNationalNumber,
  parsePhoneNumber,
} from '@verifik-auth/identifiers';

/**
 * Where an account's authenticator (an app such as Google Authenticator) stands:
 * - `"needs-setup"`: the right code without `authenticatorOTP` is answered 200 with the setup
 *   message, a QR code and the key (no token, the code not used up); once confirmed with the right
 *   authenticator code the account is `"set-up"`.
 * - `"set-up"`: the same 200 with the message alone (later logins).
 */
export type MockAuthenticatorState = 'needs-setup' | 'set-up';

/** What phone and email entries share about the authenticator. */
export interface MockAuthenticatorFields {
  /**
   * The account must confirm with an authenticator code too, from this state, with Verifik's
   * answers. Default: none, or `"set-up"` when `authenticatorSecret` is given.
   */
  authenticator?: MockAuthenticatorState;
  /**
   * The account's authenticator key, base32 (16 characters or more): codes are then checked as a
   * real authenticator's (TOTP, RFC 6238: SHA-1, 30 s, 6 digits, one step of drift either way).
   * Without it the mock makes up a key to show, and accepts the fixed `authenticatorOtp`.
   */
  authenticatorSecret?: string;
}

/**
 * A registered phone: `"+1 1234566663"` (country code, one space, digits) or an object.
 * @example
 * { countryCode: '+57', phone: 3001234567, authenticator: 'needs-setup', name: 'Ana' }
 */
export type MockPhoneClient =
  | string
  | (MockAuthenticatorFields & {
      /** `"+"` and 1 to 3 digits, not starting with 0, e.g. `"+1"`. */
      countryCode: string;
      /** Digits, as a number or a string. */
      phone: number | string;
      /**
       * `requires2FA` in the phone-login answer, a hint that the authenticator will be asked for.
       * Default: whether the account has an authenticator. `true` alone keeps the mock's older
       * answers: 409 `missing authenticatorOTP` and 403 `invalid_authenticator_otp`.
       */
      requires2FA?: boolean;
      /** Shown as `phoneData.title` in the phone-login answer. Default `"Verifik Client"`. */
      name?: string;
    });

/**
 * A registered email: the address, or an object. Matched in any spelling (case, IDNA, trailing dot).
 * `requires2FA` has no answer field to show in for email: alone, it asks for the authenticator
 * with the mock's older answers, as for phones.
 */
export type MockEmailClient =
  | string
  | (MockAuthenticatorFields & { email: string; name?: string; requires2FA?: boolean });

/**
 * Restricts who counts as a registered Verifik client. Without it, every well-formed phone and email
 * does. With it, only the listed ones do (an omitted list registers none): an unknown phone gets
 * 404 `client_not_found`, an unknown email 404 `invalid_email`.
 *
 * The `--clients FILE` option of `verifik-mock` reads this same shape as JSON.
 * @example
 * {
 *   "phones": ["+1 1234566663", { "countryCode": "+57", "phone": 3001234567, "authenticator": "needs-setup" }],
 *   "emails": ["user@example.com", { "email": "ana@example.com", "name": "Ana", "authenticator": "set-up" }]
 * }
 */
export interface MockClients {
  /** The registered phones; omitted, no phone is registered. */
  phones?: readonly MockPhoneClient[];
  /** The registered emails; omitted, no email is registered. */
  emails?: readonly MockEmailClient[];
}

/** An account's authenticator as configured. */
export interface AuthenticatorConfig {
  /** The account it belongs to, e.g. `"phone:+1 1234566663"` or `"email:ana@example.com"`. */
  account: string;
  /** Its state when the mock starts, and again after `/__dev/reset`. */
  state: MockAuthenticatorState;
  /** The given base32 key (upper-cased, spaces removed): codes are checked as TOTP. */
  secret?: string;
  /**
   * `requires2FA: true` alone: the mock's answers from before it followed Verifik's code (409
   * `missing authenticatorOTP`, 403 `invalid_authenticator_otp`), kept so that tests written
   * against them hold. Drop it once none does.
   */
  legacyAnswers?: true;
}

/** What the mock knows about a registered client. */
export interface ClientRecord {
  /** A stable, Mongo-style 24-hex id derived from the identity: the JWT `client` claim. */
  id: string;
  /** Shown as `phoneData.title`. */
  title: string;
  /** `requires2FA` in the phone-login answer. */
  requires2FA: boolean;
  /** Confirming a code also needs the authenticator code; absent for an account without one. */
  authenticator?: AuthenticatorConfig;
}

/*
 * Phones and emails are checked by the rule the client and the server handler share
 * (`@verifik-auth/identifiers`), so the mock accepts exactly the forms they send: a country code of
 * `+` and 1 to 3 digits not starting with 0, a national number of at least 4 digits (separators
 * allowed) not starting with 0, at most 15 digits in all; an email in any script, held in its one
 * form (trimmed, lower-cased, NFC, its domain in ASCII, no trailing dot).
 */

/** The key a phone's code, and its client, are stored under. */
export function phoneKey(countryCode: string, phone: string): string {
  return `${countryCode} ${phone}`;
}

function clientId(identity: string): string {
  return createHash('sha256').update(identity).digest('hex').slice(0, 24);
}

const defaultTitle = 'Verifik Client';
const authenticatorStates: readonly MockAuthenticatorState[] = ['needs-setup', 'set-up'];

/** The entry's authenticator fields checked: its config, or undefined for an account without one. */
function authenticatorOf(
  entry: MockAuthenticatorFields & { requires2FA?: unknown },
  account: string,
  where: string,
): AuthenticatorConfig | undefined {
  const { authenticator, authenticatorSecret, requires2FA } = entry;
  if (requires2FA !== undefined && typeof requires2FA !== 'boolean')
    throw new TypeError(`${where}.requires2FA: expected a boolean`);
  if (authenticator !== undefined && !authenticatorStates.includes(authenticator)) {
    throw new TypeError(`${where}.authenticator: expected "needs-setup" or "set-up"`);
  }
  let secret: string | undefined;
  if (authenticatorSecret !== undefined) {
    secret =
      typeof authenticatorSecret === 'string' ? authenticatorSecret.replace(/\s+/g, '').toUpperCase() : '';
    if (!/^[A-Z2-7]{16,}=*$/.test(secret))
      throw new TypeError(`${where}.authenticatorSecret: expected base32 (A-Z, 2-7), 16 characters or more`);
  }
  if (authenticator === undefined && secret === undefined) {
    return requires2FA === true ? { account, state: 'set-up', legacyAnswers: true } : undefined;
  }
  return { account, state: authenticator ?? 'set-up', ...(secret !== undefined && { secret }) };
}

function phoneEntry(entry: MockPhoneClient, index: number): [string, ClientRecord] {
  const where = `clients.phones[${index}]`;
  if (typeof entry === 'string') {
    const match = /^(\S+) (\d+)$/.exec(entry.trim());
    const phone = parsePhoneNumber(match?.[1], match?.[2]);
    if (!phone) {
      throw new TypeError(
        `${where}: expected "+<country code, 1 to 3 digits> <digits, 15 in all>", got "${entry}"`,
      );
    }
    const key = phoneKey(phone.countryCode, phone.phone);
    return [key, { id: clientId(`phone:${key}`), title: defaultTitle, requires2FA: false }];
  }
  if (typeof entry !== 'object' || entry === null)
    throw new TypeError(`${where}: expected a string or an object`);
  const countryCode = parseCountryCode(entry.countryCode);
  const phone = parseNationalNumber(entry.phone);
  if (!countryCode)
    throw new TypeError(`${where}.countryCode: expected "+" and 1 to 3 digits, not starting with 0`);
  if (!phone || !parsePhoneNumber(countryCode, phone)) {
    throw new TypeError(`${where}.phone: expected 4 or more digits, not starting with 0, 15 in all`);
  }
  if (entry.name !== undefined && typeof entry.name !== 'string')
    throw new TypeError(`${where}.name: expected a string`);
  const key = phoneKey(countryCode, phone);
  const authenticator = authenticatorOf(entry, `phone:${key}`, where);
  return [
    key,
    {
      id: clientId(`phone:${key}`),
      title: entry.name ?? defaultTitle,
      requires2FA: entry.requires2FA ?? authenticator !== undefined,
      ...(authenticator && { authenticator }),
    },
  ];
}

function emailEntry(entry: MockEmailClient, index: number): [string, ClientRecord] {
  const where = `clients.emails[${index}]`;
  const raw = typeof entry === 'object' && entry !== null ? entry.email : entry;
  const email = normalizeEmail(raw);
  if (!email) throw new TypeError(`${where}: expected an email address, got ${JSON.stringify(raw)}`);
  const fields = typeof entry === 'object' && entry !== null ? entry : {};
  const { name } = fields as { name?: unknown };
  if (name !== undefined && typeof name !== 'string') throw new TypeError(`${where}.name: expected a string`);
  const authenticator = authenticatorOf(fields, `email:${email}`, where);
  return [
    email,
    {
      id: clientId(`email:${email}`),
      title: name ?? defaultTitle,
      requires2FA: authenticator !== undefined,
      ...(authenticator && { authenticator }),
    },
  ];
}

function asList(value: unknown, where: string): readonly unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new TypeError(`${where}: expected an array`);
  return value;
}

/** Who is registered: everyone by default, or exactly the entries of a {@link MockClients}. */
export class ClientDirectory {
  readonly #phones: Map<string, ClientRecord> | undefined;
  readonly #emails: Map<string, ClientRecord> | undefined;

  /** Throws a `TypeError` naming the entry when `clients` is malformed (it may come from a JSON file). */
  constructor(clients?: MockClients) {
    if (clients === undefined) return;
    if (typeof clients !== 'object' || clients === null) throw new TypeError('clients: expected an object');
    const phones = asList(clients.phones, 'clients.phones') as MockPhoneClient[];
    const emails = asList(clients.emails, 'clients.emails') as MockEmailClient[];
    this.#phones = new Map(phones.map(phoneEntry));
    this.#emails = new Map(emails.map(emailEntry));
  }

  /** Every configured authenticator, phones first, in the order of the list. */
  authenticators(): AuthenticatorConfig[] {
    return [...(this.#phones?.values() ?? []), ...(this.#emails?.values() ?? [])].flatMap((client) =>
      client.authenticator ? [client.authenticator] : [],
    );
  }

  /** The client behind a parsed phone, or undefined when it is not registered. */
  findPhone(countryCode: string, phone: string): ClientRecord | undefined {
    const key = phoneKey(countryCode, phone);
    if (!this.#phones) return { id: clientId(`phone:${key}`), title: defaultTitle, requires2FA: false };
    return this.#phones.get(key);
  }

  /** The client behind a parsed email (its one form), or undefined when it is not registered. */
  findEmail(email: string): ClientRecord | undefined {
    if (!this.#emails) return { id: clientId(`email:${email}`), title: defaultTitle, requires2FA: false };
    return this.#emails.get(email);
  }
}
