import { createHash } from 'node:crypto';
import {
  normalizeEmail,
  parseCountryCode,
  parseNationalNumber,
  parsePhoneNumber,
} from '@verifik-auth/identifiers';

/**
 * A registered phone: `"+1 1234566663"` (country code, one space, digits) or an object.
 * @example
 * { countryCode: '+57', phone: 3001234567, requires2FA: true, name: 'Ana' }
 */
export type MockPhoneClient =
  | string
  | {
      /** `"+"` and 1 to 3 digits, not starting with 0, e.g. `"+1"`. */
      countryCode: string;
      /** Digits, as a number or a string. */
      phone: number | string;
      /** Confirming also needs `authenticatorOTP` (see `authenticatorOtp`). Default false. */
      requires2FA?: boolean;
      /** Shown as `phoneData.title` in the phone-login answer. Default `"Verifik Client"`. */
      name?: string;
    };

/** A registered email: the address, or `{ email, name? }`. Matched in any spelling (case, IDNA, trailing dot). */
export type MockEmailClient = string | { email: string; name?: string };

/**
 * Restricts who counts as a registered Verifik client. Without it, every well-formed phone and email
 * does. With it, only the listed ones do (an omitted list registers none): an unknown phone gets
 * 404 `client_not_found`, an unknown email 404 `invalid_email`.
 *
 * The `--clients FILE` option of `verifik-mock` reads this same shape as JSON.
 * @example
 * {
 *   "phones": ["+1 1234566663", { "countryCode": "+57", "phone": 3001234567, "requires2FA": true }],
 *   "emails": ["user@example.com", { "email": "ana@example.com", "name": "Ana" }]
 * }
 */
export interface MockClients {
  /** The registered phones; omitted, no phone is registered. */
  phones?: readonly MockPhoneClient[];
  /** The registered emails; omitted, no email is registered. */
  emails?: readonly MockEmailClient[];
}

/** What the mock knows about a registered client. */
export interface ClientRecord {
  /** A stable, Mongo-style 24-hex id derived from the identity: the JWT `client` claim. */
  id: string;
  /** Shown as `phoneData.title`. */
  title: string;
  /** Confirming a code also needs the authenticator code, as for a Verifik client with 2FA on. */
  requires2FA: boolean;
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
  if (entry.requires2FA !== undefined && typeof entry.requires2FA !== 'boolean') {
    throw new TypeError(`${where}.requires2FA: expected a boolean`);
  }
  if (entry.name !== undefined && typeof entry.name !== 'string')
    throw new TypeError(`${where}.name: expected a string`);
  const key = phoneKey(countryCode, phone);
  return [
    key,
    {
      id: clientId(`phone:${key}`),
      title: entry.name ?? defaultTitle,
      requires2FA: entry.requires2FA ?? false,
    },
  ];
}

function emailEntry(entry: MockEmailClient, index: number): [string, ClientRecord] {
  const where = `clients.emails[${index}]`;
  const raw = typeof entry === 'object' && entry !== null ? entry.email : entry;
  const email = normalizeEmail(raw);
  if (!email) throw new TypeError(`${where}: expected an email address, got ${JSON.stringify(raw)}`);
  const name = typeof entry === 'object' ? entry.name : undefined;
  if (name !== undefined && typeof name !== 'string') throw new TypeError(`${where}.name: expected a string`);
  return [email, { id: clientId(`email:${email}`), title: name ?? defaultTitle, requires2FA: false }];
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
