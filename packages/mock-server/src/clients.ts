import { createHash } from 'node:crypto';

/**
 * A registered phone: `"+1 1234566663"` (country code, one space, digits) or an object.
 * @example
 * { countryCode: '+57', phone: 3001234567, requires2FA: true, name: 'Ana' }
 */
export type MockPhoneClient =
  | string
  | {
      /** `"+"` and 1–4 digits, e.g. `"+1"`. */
      countryCode: string;
      /** Digits, as a number or a string. */
      phone: number | string;
      /** Confirming also needs `authenticatorOTP` (see `authenticatorOtp`). Default false. */
      requires2FA?: boolean;
      /** Shown as `phoneData.title` in the phone-login answer. Default `"Verifik Client"`. */
      name?: string;
    };

/** A registered email: the address, or `{ email, name? }`. Matched without regard to case. */
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

const countryCodePattern = /^\+\d{1,4}$/;
const phoneDigitsPattern = /^\d{4,15}$/;
// Deliberately loose, like most servers: one @, no spaces, a dot in the domain. No control
// characters either: the address ends up in the inbox and in terminals.
const emailPattern = /^[^\s@\p{Cc}]+@[^\s@\p{Cc}]+\.[^\s@\p{Cc}]+$/u;

/** The country code if it is `"+"` and 1–4 digits, else undefined. */
export function parseCountryCode(value: unknown): string | undefined {
  return typeof value === 'string' && countryCodePattern.test(value) ? value : undefined;
}

/** The phone as a digit string, from a number (as Verifik's docs send it) or a digit string. */
export function parsePhone(value: unknown): string | undefined {
  const digits = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  return typeof digits === 'string' && phoneDigitsPattern.test(digits) ? digits : undefined;
}

/** The address trimmed and lowercased when it looks like an email, else undefined. */
export function parseEmail(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const email = value.trim().toLowerCase();
  return email.length <= 254 && emailPattern.test(email) ? email : undefined;
}

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
    const match = /^(\+\d{1,4}) (\d+)$/.exec(entry.trim());
    const countryCode = parseCountryCode(match?.[1]);
    const phone = parsePhone(match?.[2]);
    if (!countryCode || !phone)
      throw new TypeError(`${where}: expected "+<country code> <digits>", got "${entry}"`);
    const key = phoneKey(countryCode, phone);
    return [key, { id: clientId(`phone:${key}`), title: defaultTitle, requires2FA: false }];
  }
  if (typeof entry !== 'object' || entry === null)
    throw new TypeError(`${where}: expected a string or an object`);
  const countryCode = parseCountryCode(entry.countryCode);
  const phone = parsePhone(entry.phone);
  if (!countryCode) throw new TypeError(`${where}.countryCode: expected "+" and 1-4 digits`);
  if (!phone) throw new TypeError(`${where}.phone: expected 4-15 digits`);
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
  const email = parseEmail(raw);
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

  /** The client behind a parsed (lowercased) email, or undefined when it is not registered. */
  findEmail(email: string): ClientRecord | undefined {
    if (!this.#emails) return { id: clientId(`email:${email}`), title: defaultTitle, requires2FA: false };
    return this.#emails.get(email);
  }
}
