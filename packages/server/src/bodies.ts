import type {
  EmailOtpConfirmation,
  EmailOtpRequest,
  PhoneGateway,
  PhoneOtpConfirmation,
  PhoneOtpRequest,
} from '@verifik-auth/core/client';
import { normalizeEmail, parsePhoneNumber } from '@verifik-auth/identifiers';
import { concatBytes } from './bytes.js';
import { Refusal } from './errors.js';

/** The largest request body read, bytes: the login bodies are a few dozen. */
export const MAX_BODY_BYTES = 8 * 1024;

type Body = Record<string, unknown>;

/**
 * How long the whole body may take to arrive, ms: a few dozen bytes need well under a second, and a
 * client that trickles them holds a request open. The handler's own, so it holds on every host (Node's
 * `requestTimeout` is 300 s; Workers and Deno have their own, or none).
 */
export const BODY_READ_TIMEOUT_MS = 10_000;

const tooLarge = () => new Refusal(413, 'missing_parameter', 'The request body is too large.');
/** The refusal of a body that did not arrive within {@link BODY_READ_TIMEOUT_MS}. */
export const tooSlow = () =>
  new Refusal(
    408,
    'timeout',
    `The request body did not arrive within ${BODY_READ_TIMEOUT_MS / 1000} seconds.`,
  );

/** Every chunk of `body`, refused when over {@link MAX_BODY_BYTES} or not all there in time. */
async function readBody(body: ReadableStream<Uint8Array>): Promise<{ chunks: Uint8Array[]; size: number }> {
  const reader = body.getReader();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(tooSlow()), BODY_READ_TIMEOUT_MS);
  });
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), deadline]);
      if (done) return { chunks, size };
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) throw tooLarge();
      chunks.push(value);
    }
  } catch (error) {
    // Too large, too slow or broken: stop reading. Not awaited: a stalled source must not hold the answer.
    reader.cancel().catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** The request's JSON object, read up to {@link MAX_BODY_BYTES} within {@link BODY_READ_TIMEOUT_MS}. */
export async function readJsonObject(request: Request): Promise<Body> {
  const declared = Number(request.headers.get('content-length'));
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const { chunks, size } = request.body ? await readBody(request.body) : { chunks: [], size: 0 };
  const bytes = concatBytes(chunks, size);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new Refusal(400, 'missing_parameter', 'The request body is not JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Refusal(400, 'missing_parameter', 'The request body must be a JSON object.');
  }
  return value as Body;
}

const missing = (field: string) => new Refusal(400, 'missing_parameter', `missing ${field}`);
const isAbsent = (value: unknown) => value === undefined || value === null || value === '';

// Made only when thrown: an Error captures a stack trace, a cost every valid request would pay.
const invalidPhone = () => new Refusal(400, 'invalid_phone', 'That phone number is not valid.');
const invalidEmail = () => new Refusal(400, 'invalid_email', 'That email address is not valid.');

/**
 * The phone by the rule the core client and the mock Verifik share (`@verifik-auth/identifiers`),
 * checked first so that malformed input is refused before it counts against anyone's limits (the
 * client checks again before sending).
 */
function phoneOf(body: Body): { countryCode: string; phone: string } {
  if (isAbsent(body.countryCode)) throw missing('countryCode');
  if (isAbsent(body.phone)) throw missing('phone');
  // Verifik's own body sends the phone as a number; the browser may send digits as text.
  const parsed = parsePhoneNumber(body.countryCode, body.phone);
  if (!parsed) throw invalidPhone();
  return { countryCode: parsed.countryCode, phone: parsed.phone };
}

/** The address as typed, trimmed (what Verifik receives), once the shared rule accepts it. */
function emailOf(body: Body): string {
  if (isAbsent(body.email)) throw missing('email');
  const email = typeof body.email === 'string' ? body.email.trim() : '';
  if (normalizeEmail(email) === undefined) throw invalidEmail();
  return email;
}

function otpOf(value: unknown, field: string): string {
  if (isAbsent(value)) throw missing(field);
  const otp = typeof value === 'string' ? value.trim() : '';
  if (!/^\d{4,8}$/.test(otp)) throw new Refusal(400, 'invalid_otp', 'The code must be 4 to 8 digits.');
  return otp;
}

const gateways: readonly string[] = ['whatsapp', 'sms', 'none'];

function optionalText(body: Body, field: string, pattern: RegExp): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !pattern.test(value.trim())) {
    throw new Refusal(400, 'missing_parameter', `${field} is not valid.`);
  }
  return value.trim();
}

/** `{ [key]: value }` when defined, else `{}`. */
const optional = <K extends string, T>(key: K, value: T | undefined) =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: T };

/**
 * A phone destination as the limits count it: its E.164 number, so `+1 3115550601`, `+13 115550601`
 * and `+1 (311) 555-0601` are one key. Refuses what the rule refuses, as the body parsers do.
 */
export function phoneKey(request: { countryCode: string; phone: string }): string {
  const parsed = parsePhoneNumber(request.countryCode, request.phone);
  if (!parsed) throw invalidPhone();
  return `phone:${parsed.e164}`;
}

/**
 * An email destination as the limits count it: trimmed, lower-cased, NFC, its domain in ASCII, no
 * trailing dot, so `Alice@Bücher.Example.` and `alice@xn--bcher-kva.example` are one key.
 *
 * Gmail dots and `+tags` are NOT folded: only some providers deliver them to one mailbox, so folding
 * would put other people's distinct addresses under one key (a stranger could use up someone's limit
 * and lock them out), and we cannot know each provider's rules. The limits per client address and in
 * total bound a rotation through such spellings.
 */
export function emailKey(email: string): string {
  const normalized = normalizeEmail(email);
  if (normalized === undefined) throw invalidEmail();
  return `email:${normalized}`;
}

/** `POST /phone-login`: `{ countryCode, phone, gateway? (or Verifik's phoneGateway), language? }`. */
export function parsePhoneLogin(body: Body): PhoneOtpRequest {
  const gateway = optionalText(body, body.gateway === undefined ? 'phoneGateway' : 'gateway', /^\w+$/);
  if (gateway !== undefined && !gateways.includes(gateway)) {
    throw new Refusal(400, 'missing_parameter', 'gateway must be whatsapp, sms or none.');
  }
  return {
    ...phoneOf(body),
    ...optional('gateway', gateway as PhoneGateway | undefined),
    ...optional('language', optionalText(body, 'language', /^[a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{2,8})*$/)),
  };
}

/** The code, and the authenticator app's when given (`authenticatorOTP`, or `authenticatorOtp`). */
function codesOf(body: Body): { otp: string; authenticatorOtp?: string } {
  const second = body.authenticatorOTP ?? body.authenticatorOtp;
  return {
    otp: otpOf(body.otp, 'otp'),
    ...optional('authenticatorOtp', isAbsent(second) ? undefined : otpOf(second, 'authenticatorOTP')),
  };
}

/** `POST /phone-login/confirm`: `{ countryCode, phone, otp, authenticatorOTP? }`. */
export function parsePhoneConfirm(body: Body): PhoneOtpConfirmation {
  return { ...phoneOf(body), ...codesOf(body) };
}

/** `POST /email-login`: `{ email, language? }`. */
export function parseEmailLogin(body: Body): EmailOtpRequest {
  return {
    email: emailOf(body),
    ...optional('language', optionalText(body, 'language', /^[a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{2,8})*$/)),
  };
}

/** `POST /email-login/confirm`: `{ email, otp, authenticatorOTP? }`. */
export function parseEmailConfirm(body: Body): EmailOtpConfirmation {
  return { email: emailOf(body), ...codesOf(body) };
}
