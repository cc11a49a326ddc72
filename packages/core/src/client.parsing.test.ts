import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { isLoginError } from './errors.js';
import { isCallerAbort, toLoginError } from './http-errors.js';
import {
  CountryCodeSchema,
  EmailSchema,
  ErrorBodySchema,
  normalizePhone,
  OtpSchema,
  PhoneLoginResponseSchema,
  PhoneNumberSchema,
  PhoneOtpRequestSchema,
  RefreshResponseSchema,
} from './schemas.js';
import { decodeJwtPayload, readTokenExpiry, SESSION_TTL_MS, toSession } from './session-token.js';
import { parseRetryAfter } from './transport.js';

const base64url = (text: string) => Buffer.from(text).toString('base64url');
const jwt = (payload: unknown) =>
  `${base64url('{"alg":"HS256","typ":"JWT"}')}.${base64url(JSON.stringify(payload))}.c2ln`;
const messages = (schema: v.GenericSchema, value: unknown) =>
  v.safeParse(schema, value).issues?.map((issue) => issue.message) ?? [];

describe('normalizePhone', () => {
  it('removes spaces, dashes, dots and parentheses', () => {
    expect(normalizePhone(' (123) 456-66.63 ')).toBe('1234566663');
  });

  it('turns any digits with separators in between back into the digits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.constantFrom('', ' ', '-', '(', ')', '.'))),
        (parts) => {
          const digits = parts.map(([digit]) => digit).join('');
          expect(normalizePhone(parts.map(([digit, sep]) => `${digit}${sep}`).join(''))).toBe(digits);
        },
      ),
    );
  });
});

describe('field schemas', () => {
  it('accepts country codes of + and 1 to 3 digits, not starting with 0, only', () => {
    for (const ok of ['+1', '+57', '+268', ' +44 ']) expect(v.is(CountryCodeSchema, ok)).toBe(true);
    for (const bad of ['1', '+', '+1268', '+12345', '+01', '+0', '+1a', '', '++1'])
      expect(v.is(CountryCodeSchema, bad)).toBe(false);
  });

  it('accepts phones of 4 to 14 digits after normalizing and outputs the digits', () => {
    expect(v.parse(PhoneNumberSchema, '(300) 123-4567')).toBe('3001234567');
    expect(v.parse(PhoneNumberSchema, '12345678901234')).toBe('12345678901234');
    for (const bad of ['123', '123456789012345', '1234567890123456', '12a4', '', '+1234'])
      expect(v.is(PhoneNumberSchema, bad)).toBe(false);
  });

  it('accepts a phone request only when the whole number has at most 15 digits', () => {
    const request = (countryCode: string, phone: string) => ({ countryCode, phone });
    expect(v.is(PhoneOtpRequestSchema, request('+1', '12345678901234'))).toBe(true);
    expect(v.is(PhoneOtpRequestSchema, request('+57', '12345678901234'))).toBe(false);
    const [issue] = v.safeParse(PhoneOtpRequestSchema, request('+131', '1234567890123')).issues ?? [];
    expect(issue?.message).toBe('invalid_phone');
    expect(v.getDotPath(issue as v.BaseIssue<unknown>)).toBe('phone');
  });

  it('accepts codes of 4 to 8 digits only', () => {
    for (const ok of ['1234', '123456', '12345678', ' 123456 ']) expect(v.is(OtpSchema, ok)).toBe(true);
    for (const bad of ['123', '123456789', '12 456', 'abcdef', '']) expect(v.is(OtpSchema, bad)).toBe(false);
  });

  it('accepts sane email addresses and trims them, keeping them as typed', () => {
    expect(v.parse(EmailSchema, ' user@example.com ')).toBe('user@example.com');
    // Any script and a trailing dot, as the shared rule accepts; what is sent stays as typed.
    expect(v.parse(EmailSchema, '  Alice@Bücher.Example. ')).toBe('Alice@Bücher.Example.');
    for (const bad of [
      'user',
      'user@',
      '@example.com',
      'user@example',
      'a b@example.com',
      `${'a'.repeat(250)}@x.co`,
    ]) {
      expect(v.is(EmailSchema, bad)).toBe(false);
    }
  });

  it('puts the LoginErrorCode in every issue message, for the machine to show as a field error', () => {
    expect(messages(CountryCodeSchema, 'x')).toStrictEqual(['invalid_phone']);
    expect(messages(PhoneNumberSchema, 42)).toStrictEqual(['invalid_phone']);
    expect(messages(EmailSchema, 'nope')).toStrictEqual(['invalid_email']);
    expect(messages(OtpSchema, '12')).toStrictEqual(['invalid_otp']);
  });
});

describe('response schemas', () => {
  it('accept phone as a string or a number and ignore unknown fields', () => {
    expect(v.parse(PhoneLoginResponseSchema, { data: { phone: '123', extra: 1 } }).data.phone).toBe('123');
    expect(v.parse(PhoneLoginResponseSchema, { data: { phone: 123 } }).data.phone).toBe(123);
  });

  it('treat a field of the wrong type as absent instead of failing', () => {
    const { data } = v.parse(PhoneLoginResponseSchema, {
      data: { phoneGateway: 7, expiresAt: {}, requires2FA: 'yes', language: null },
    });
    expect(data).toStrictEqual({
      phoneGateway: undefined,
      expiresAt: undefined,
      requires2FA: undefined,
      language: undefined,
    });
    expect(v.parse(PhoneLoginResponseSchema, { data: { requires2FA: 'true' } }).data.requires2FA).toBe(true);
  });

  it('unwrap a refresh token with or without a data wrapper', () => {
    const token = { accessToken: 'a', tokenType: 'bearer' };
    expect(v.parse(RefreshResponseSchema, token)).toStrictEqual(token);
    expect(v.parse(RefreshResponseSchema, { data: token })).toStrictEqual(token);
  });

  it('read restify error bodies leniently', () => {
    expect(v.parse(ErrorBodySchema, { code: 409, message: ['x'] })).toStrictEqual({
      code: '409',
      message: undefined,
    });
  });
});

describe('session tokens', () => {
  it('does not decode the documented example token and gives it 30 days from receipt', () => {
    const token = 'eyJhbGcpXVCJ9.eyJjbGllbnR...JZCIYiUzNjEaIWxYShWeBaRs';
    expect(decodeJwtPayload(token)).toBeUndefined();
    expect(readTokenExpiry(token)).toBeUndefined();
    expect(toSession(token, 'bearer', { receivedAt: 1_000 })).toStrictEqual({
      accessToken: token,
      tokenType: 'bearer',
      issuedAt: 1_000,
      expiresAt: 1_000 + SESSION_TTL_MS,
      expiry: { source: 'default', reason: 'the token carries no readable exp' },
    });
  });

  it('reads exp from a real JWT, including UTF-8 claims', () => {
    const token = jwt({ iat: 1_900_000_000, exp: 1_900_003_600, name: 'Añá 🙂' });
    expect(decodeJwtPayload(token)).toStrictEqual({ iat: 1_900_000_000, exp: 1_900_003_600, name: 'Añá 🙂' });
    // The lifetime on the server's clock (exp − iat), from when the token arrived on this one.
    expect(toSession(token, 'bearer', { receivedAt: 5 })).toMatchObject({
      expiresAt: 5 + 3_600_000,
      expiry: { source: 'jwt' },
    });
  });

  it('ignores an exp that is missing, not a number, not positive or beyond what a Date holds', () => {
    for (const payload of [
      {},
      { exp: '1900000000' },
      { exp: 0 },
      { exp: -5 },
      { exp: 1e20 },
      [1],
      'x',
      null,
    ]) {
      expect(readTokenExpiry(jwt(payload))).toBeUndefined();
    }
  });

  it('never throws, whatever the token', () => {
    const segment = fc.string({ unit: fc.constantFrom(...'AZaz09-_=+/.{}"e'), maxLength: 40 });
    const token = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.tuple(segment, segment, segment).map((parts) => parts.join('.')),
      fc.oneof(fc.double(), fc.integer(), fc.string(), fc.constant(null)).map((exp) => jwt({ exp })),
    );
    fc.assert(
      fc.property(token, (text) => {
        const session = toSession(text, 'bearer', { receivedAt: 0 });
        return Number.isFinite(session.expiresAt) && session.expiresAt > 0;
      }),
    );
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds onto the given clock', () => {
    expect(parseRetryAfter('30', 1_000)).toBe(31_000);
    expect(parseRetryAfter('0', 1_000)).toBe(1_000);
  });

  it('reads an HTTP date relative to the response Date header', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', 1_000, 'Wed, 21 Oct 2015 07:28:00 GMT')).toBe(
      31_000,
    );
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:27:00 GMT', 1_000, 'Wed, 21 Oct 2015 07:28:00 GMT')).toBe(
      1_000,
    );
  });

  it('ignores a missing or unreadable header', () => {
    expect(parseRetryAfter(null, 1_000)).toBeUndefined();
    expect(parseRetryAfter('soon', 1_000)).toBeUndefined();
    // Date.parse reads these as years: they are no HTTP date, and no reason to skip the backoff.
    expect(parseRetryAfter('-5', 1_000)).toBeUndefined();
    expect(parseRetryAfter('+30', 1_000)).toBeUndefined();
  });
});

describe('toLoginError', () => {
  const context = { operation: 'requestPhoneOtp' as const, now: () => 0 };

  it('maps a fetch TypeError to network and keeps it as cause', () => {
    const cause = new TypeError('fetch failed');
    expect(toLoginError(cause, context)).toMatchObject({ code: 'network', cause });
  });

  it('maps anything unexpected to unknown', () => {
    const error = toLoginError(new RangeError('bug'), context);
    expect(isLoginError(error)).toBe(true);
    expect(error.code).toBe('unknown');
  });

  it("treats the caller's aborted signal as an abort, whatever the error", () => {
    expect(isCallerAbort(new Error('x'), AbortSignal.abort())).toBe(true);
    expect(isCallerAbort(new DOMException('stop', 'AbortError'), undefined)).toBe(true);
    expect(isCallerAbort(new Error('x'), new AbortController().signal)).toBe(false);
  });
});
