import ky, { type HTTPError, isHTTPError, type KyInstance, type Options } from 'ky';
import * as v from 'valibot';
import type {
  AuthenticatorRequired,
  EmailOtpConfirmation,
  EmailOtpRequest,
  HeadersLike,
  OtpChallenge,
  OtpChannel,
  PhoneOtpConfirmation,
  PhoneOtpRequest,
  RefreshOptions,
  RequestOptions,
  Session,
  VerifikClient,
} from './client.types.js';
import { LoginError, type LoginErrorCode } from './errors.js';
import { isCallerAbort, toLoginError, type VerifikOperation } from './http-errors.js';
import { sanitizeIssues } from './redact.js';
import type {
  EmailLoginBody,
  EmailLoginConfirmBody,
  PhoneLoginBody,
  PhoneLoginConfirmBody,
} from './request-bodies.js';
import {
  ConfirmResponseSchema,
  EmailLoginResponseSchema,
  EmailOtpConfirmationSchema,
  EmailOtpRequestSchema,
  ExpiresInMonthsSchema,
  PhoneGatewaySchema,
  PhoneLoginResponseSchema,
  PhoneOtpConfirmationSchema,
  PhoneOtpRequestSchema,
  RefreshResponseSchema,
  RevokeResponseSchema,
} from './schemas.js';
import { localDeadline, type ServerClockHints } from './server-clock.js';
import { toSession } from './session-token.js';
import {
  createTransportFetch,
  DEFAULT_MAX_RESPONSE_BYTES,
  type FetchLike,
  parseRetryAfter,
  sleep,
  startDeadline,
} from './transport.js';

/** Verifik's production API. */
export const DEFAULT_BASE_URL = 'https://api.verifik.co';

/** Deadline of every call unless `timeout` says otherwise. */
export const DEFAULT_TIMEOUT_MS = 15_000;

/** How long a code lives when the server does not say (Verifik: 10 minutes). */
export const DEFAULT_OTP_TTL_MS = 10 * 60 * 1000;

/** The longest `Retry-After` the refresh call waits out by itself before giving the error to the caller. */
const MAX_REFRESH_RETRY_AFTER_MS = 5_000;

/** Plausible lifetimes of a code: a second to an hour; Verifik's is 10 minutes. */
const otpLifetime = { minMs: 1_000, maxMs: 60 * 60 * 1000, fallbackMs: DEFAULT_OTP_TTL_MS };

/**
 * The lower-cased primary subtag of a language tag (`pt-BR` → `pt`, `es_CO` → `es`): Verifik's own
 * dashboard sends only that, and Verifik falls back to the project's language for a tag it does not know.
 */
const primaryLanguage = (tag: string | undefined) => tag?.split(/[-_]/)[0]?.toLowerCase();

/** Statuses worth another try of the refresh GET; the login POSTs are never retried. */
const retryStatuses = new Set([408, 429, 500, 502, 503, 504]);

/** Tries of the refresh GET in all: one, then two retries. */
const REFRESH_ATTEMPTS = 3;

/** A response body that is not the expected shape; its content (which may hold a token) is not kept. */
class SchemaValidationError extends Error {
  override name = 'SchemaValidationError' as const;
}

/** What one call answered, with what it says about the server's clock. */
interface CallResult<T> {
  body: T;
  /** Epoch ms on the client's clock when the answer arrived. */
  receivedAt: number;
  /** The `Date` header, when the runtime lets us read it. */
  date: string | null;
}

/** Options of {@link createVerifikClient}. */
export interface VerifikClientOptions {
  /**
   * Where Verifik (or the mock server) lives. Must be `https://`, except `http://localhost` and
   * `http://127.0.0.1` on any port. Redirects from it are never followed.
   *
   * @default 'https://api.verifik.co'
   */
  baseUrl?: string;
  /**
   * Deadline of a whole call in milliseconds (headers, body and any retries); a call that takes
   * longer fails with `timeout`.
   *
   * @default 15000
   */
  timeout?: number;
  /**
   * The largest response body read, in decoded bytes (error bodies too); a larger one fails with
   * `invalid_response` without reading the rest.
   *
   * @default 1048576
   */
  maxResponseBytes?: number;
  /** A `fetch` to use instead of the global one (instrumentation, SSR frameworks, tests). */
  fetch?: FetchLike;
  /** Extra headers sent with every request. */
  headers?: HeadersLike;
  /**
   * The clock, in epoch milliseconds, used for `issuedAt`, deadlines and `retryAt`, so a simulated
   * clock sees consistent times. Server times are never compared with it directly: they become
   * lifetimes on the server's own clock, anchored at the moment the answer arrived.
   *
   * @default Date.now
   */
  now?: () => number;
}

/** The input codes a person can fix by retyping a field; other issues are programming errors. */
const fieldErrorCodes: readonly string[] = ['invalid_phone', 'invalid_email', 'invalid_otp'];

const isFieldErrorCode = (message: string): message is LoginErrorCode => fieldErrorCodes.includes(message);

/**
 * `phone: invalid_phone` per issue; written out here because `v.summarize` costs app bundles ~1 KB.
 * Only our own codes and what was expected are named, never the value received: it may be a code.
 */
const describeIssues = (issues: readonly v.BaseIssue<unknown>[]) =>
  issues
    .map((issue) => {
      const what = isFieldErrorCode(issue.message)
        ? issue.message
        : `expected ${issue.expected ?? issue.type}`;
      return `${issue.path?.map((item) => String(item.key)).join('.') ?? 'input'}: ${what}`;
    })
    .join('; ');

/**
 * Validates a call's input. A bad field a person typed becomes a `LoginError` (its code is the
 * issue message, see `schemas.ts`); anything else is a programming error and a `TypeError`. Both
 * keep valibot's issues as `cause`, without the input they were raised on (it holds the code).
 */
export function parseInput<const TSchema extends v.GenericSchema>(
  schema: TSchema,
  input: unknown,
  operation: VerifikOperation,
): v.InferOutput<TSchema> {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  const { issues } = result;
  const code = issues.map((issue) => issue.message).find(isFieldErrorCode);
  const cause = sanitizeIssues(issues);
  if (code) throw new LoginError({ code }, { cause });
  throw new TypeError(`${operation}: invalid argument: ${describeIssues(issues)}`, { cause });
}

/** The token without a `Bearer ` prefix; a blank one is refused before any request. */
function bareToken(token: string): string {
  const bare = typeof token === 'string' ? token.trim().replace(/^bearer\s+/i, '') : '';
  if (bare === '') throw new LoginError({ code: 'unauthorized' });
  return bare;
}

/** A URL as text without any `user:password@` part, for messages. */
function withoutUserinfo(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1');
}

/** Refuses a base URL that would send codes and tokens in clear text, and returns it parsed. */
function parseBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    // Not repeated: text that is no URL may be a mistyped secret, or a password with a slash in it.
    throw new TypeError('Invalid Verifik baseUrl: not an absolute URL.');
  }
  if (url.username || url.password) {
    throw new TypeError(
      `Refusing Verifik baseUrl "${withoutUserinfo(url.href)}": it holds a user name or password, ` +
        'which would be sent with every call; Verifik takes none in the URL.',
    );
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1')) return url;
  throw new TypeError(
    `Refusing Verifik baseUrl "${withoutUserinfo(String(baseUrl))}": it must use https:// because one-time codes and access ` +
      'tokens travel over it (plain http:// is allowed only for localhost and 127.0.0.1).',
  );
}

/** `{ [key]: value }` when the value is defined, else `{}`: optional wire fields stay absent. */
function optional<K extends string, T>(key: K, value: T | undefined): { [P in K]?: T } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: T };
}

/** A response body: JSON checked against `schema`, or a named error that keeps none of its content. */
export function parseBody<const TSchema extends v.GenericSchema>(
  schema: TSchema,
  text: string,
): v.InferOutput<TSchema> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new SchemaValidationError('The response body is not JSON.');
  }
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  const where = result.issues[0]?.path?.map((item) => String(item.key)).join('.') || 'the body';
  throw new SchemaValidationError(`The response does not have the expected shape (at ${where}).`);
}

/** What a response tells about the server's clock. */
const clockHints = (result: CallResult<{ signature?: { dateTime?: string } }>): ServerClockHints => ({
  date: result.date,
  ...optional('signatureDateTime', result.body.signature?.dateTime),
});

/**
 * Creates a typed client for Verifik's phone and email OTP login. Every method validates its input
 * before sending anything, and rejects with a `LoginError` (see `errors.ts`) or, when the caller's
 * `signal` aborts, with that abort error unchanged.
 *
 * @example
 * ```ts
 * import { createVerifikClient, isLoginError } from '@verifik-auth/core';
 *
 * const client = createVerifikClient({ baseUrl: 'http://127.0.0.1:4010' });
 * const challenge = await client.requestPhoneOtp({ countryCode: '+1', phone: '123 456 6663' });
 * // challenge.gateway === 'whatsapp', challenge.expiresAt ≈ now + 10 minutes
 * try {
 *   const answer = await client.confirmPhoneOtp({ countryCode: '+1', phone: '1234566663', otp: '123456' });
 *   // An account that must use an authenticator app: confirm again with its code as `authenticatorOtp`.
 *   if ('authenticatorRequired' in answer) console.log('Enter the code from your authenticator app');
 *   else console.log('Signed in until', new Date(answer.expiresAt));
 * } catch (error) {
 *   if (isLoginError(error) && error.code === 'invalid_otp') console.log('Wrong code, try again');
 * }
 * ```
 */
export function createVerifikClient(options: VerifikClientOptions = {}): VerifikClient {
  const { baseUrl = DEFAULT_BASE_URL, timeout = DEFAULT_TIMEOUT_MS, now = Date.now } = options;
  const { maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES } = options;
  const prefixUrl = parseBaseUrl(baseUrl).href;
  if (!Number.isFinite(timeout) || timeout <= 0 || timeout > 2_147_483_647) {
    throw new TypeError(`Invalid timeout ${timeout}: expected a positive number of milliseconds.`);
  }
  if (!Number.isSafeInteger(maxResponseBytes) || maxResponseBytes <= 0) {
    throw new TypeError(`Invalid maxResponseBytes ${maxResponseBytes}: expected a positive whole number.`);
  }
  const headers = new Headers(options.headers as HeadersInit | undefined);
  if (!headers.has('accept')) headers.set('accept', 'application/json');

  const fetch: FetchLike = (input, init) => (options.fetch ?? globalThis.fetch)(input, init);
  const api: KyInstance = ky.create({
    prefixUrl,
    // The transport's single deadline replaces ky's per-attempt one; retries are ours too (refresh only).
    timeout: false,
    retry: 0,
    redirect: 'manual',
    headers,
    throwHttpErrors: true,
    fetch: createTransportFetch(fetch, maxResponseBytes),
  });

  /** How long to wait before retrying a failed refresh, or `undefined` to give up now. */
  function refreshRetryDelay(error: unknown, attempt: number, remainingMs: number): number | undefined {
    if (attempt + 1 >= REFRESH_ATTEMPTS) return undefined;
    const backoff = 200 * 2 ** attempt;
    let wait: number | undefined;
    if (isHTTPError(error)) {
      const { status, headers: responseHeaders } = error.response;
      if (!retryStatuses.has(status)) return undefined;
      const at = parseRetryAfter(responseHeaders.get('retry-after'), now(), responseHeaders.get('date'));
      wait = at === undefined ? backoff : at - now();
      // A long wait is the caller's to schedule (the error carries `retryAt`), not a reason to hang here.
      if (wait > MAX_REFRESH_RETRY_AFTER_MS) return undefined;
    } else if (error instanceof TypeError) {
      wait = backoff; // refused or dropped connection
    }
    return wait !== undefined && wait < remainingMs ? Math.max(0, wait) : undefined;
  }

  /**
   * One call under one deadline: send, check the status, parse the body with `schema`, map any
   * failure. `secrets` are the values this request carries that no error may repeat.
   */
  async function call<const TSchema extends v.GenericSchema>(
    operation: VerifikOperation,
    path: string,
    init: Options,
    schema: TSchema,
    signal: AbortSignal | undefined,
    secrets: readonly string[] = [],
  ): Promise<CallResult<v.InferOutput<TSchema>>> {
    const deadline = startDeadline(timeout, signal);
    const retries = operation === 'refreshSession';
    let status: number | undefined;
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          status = undefined;
          const response = await api(path, { ...init, signal: deadline.signal });
          status = response.status;
          const receivedAt = now();
          const body = parseBody(schema, await response.text());
          return { body, receivedAt, date: response.headers.get('date') };
        } catch (error) {
          const wait =
            retries && !deadline.signal.aborted
              ? refreshRetryDelay(error, attempt, deadline.remaining())
              : undefined;
          if (wait === undefined) throw error;
          await sleep(wait, deadline.signal);
        }
      }
    } catch (error) {
      if (deadline.expired) throw toLoginError(error, { operation, now, secrets, timedOut: true });
      if (isCallerAbort(error, signal)) throw signal?.aborted ? (signal.reason ?? error) : error;
      // The transport has read every body already, so the error's is in memory.
      const errorBody = isHTTPError(error) ? await readText(error) : undefined;
      throw toLoginError(error, { operation, now, secrets, errorBody, ...optional('status', status) });
    } finally {
      deadline.done();
    }
  }

  /** A POST, never retried: a retried send is a second SMS, a retried confirm a second try of the code. */
  const post = <const TSchema extends v.GenericSchema>(
    operation: VerifikOperation,
    path: string,
    json: unknown,
    schema: TSchema,
    signal: AbortSignal | undefined,
    extra: { searchParams?: Record<string, string>; secrets?: readonly string[] } = {},
  ) =>
    call(
      operation,
      path,
      { method: 'post', json, ...optional('searchParams', extra.searchParams) },
      schema,
      signal,
      extra.secrets,
    );

  /** Both confirm endpoints answer alike: a token, or a request for the authenticator's code. */
  const confirm = async (
    operation: VerifikOperation,
    path: string,
    body: PhoneLoginConfirmBody | EmailLoginConfirmBody,
    signal: AbortSignal | undefined,
  ): Promise<Session | AuthenticatorRequired> => {
    const secrets = [body.otp, ...(body.authenticatorOTP ? [body.authenticatorOTP] : [])];
    const result = await post(operation, path, body, ConfirmResponseSchema, signal, { secrets });
    const { data } = result.body;
    if ('message' in data) {
      return {
        authenticatorRequired: true,
        ...optional('qrCode', data.QRCode),
        ...optional('secretKey', data.secretKey),
      };
    }
    return toSession(data.accessToken, data.tokenType, {
      receivedAt: result.receivedAt,
      hints: clockHints(result as CallResult<{ signature?: { dateTime?: string } }>),
    });
  };

  /** The parts of a challenge both login endpoints answer with; its expiry on this device's clock. */
  const challengeTimes = (
    result: CallResult<{
      data: {
        expiresAt?: string | number;
        createdAt?: string | number;
        requires2FA?: boolean;
        language?: string;
      };
      signature?: { dateTime?: string };
    }>,
    language?: string,
  ) => {
    const { data } = result.body;
    const served = data.language ?? language;
    const hints = { ...clockHints(result), ...optional('createdAt', data.createdAt) };
    const { at, ...expiry } = localDeadline(data.expiresAt, hints, result.receivedAt, otpLifetime);
    return {
      expiresAt: at,
      expiry,
      requires2FA: data.requires2FA ?? false,
      ...optional('language', served),
    };
  };

  return {
    async requestPhoneOtp(request: PhoneOtpRequest, callOptions: RequestOptions = {}): Promise<OtpChallenge> {
      const input = parseInput(PhoneOtpRequestSchema, request, 'requestPhoneOtp');
      const language = primaryLanguage(input.language);
      const body: PhoneLoginBody = {
        countryCode: input.countryCode,
        phone: input.phone,
        type: 'login',
        ...optional('phoneGateway', input.gateway),
        ...optional('language', language),
      };
      const result = await post(
        'requestPhoneOtp',
        'v2/projects/phone-login',
        body,
        PhoneLoginResponseSchema,
        callOptions.signal,
      );
      const served = v.safeParse(PhoneGatewaySchema, result.body.data.phoneGateway);
      const gateway: OtpChannel = served.success ? served.output : (input.gateway ?? 'whatsapp');
      return {
        method: 'phone',
        countryCode: input.countryCode,
        phone: input.phone,
        gateway,
        ...challengeTimes(result, language),
      };
    },

    async confirmPhoneOtp(request: PhoneOtpConfirmation, callOptions: RequestOptions = {}) {
      const input = parseInput(PhoneOtpConfirmationSchema, request, 'confirmPhoneOtp');
      const body: PhoneLoginConfirmBody = {
        countryCode: input.countryCode,
        phone: input.phone,
        otp: input.otp,
        ...optional('authenticatorOTP', input.authenticatorOtp),
      };
      return confirm('confirmPhoneOtp', 'v2/projects/phone-login/confirm', body, callOptions.signal);
    },

    async requestEmailOtp(request: EmailOtpRequest, callOptions: RequestOptions = {}): Promise<OtpChallenge> {
      const input = parseInput(EmailOtpRequestSchema, request, 'requestEmailOtp');
      const language = primaryLanguage(input.language);
      const body: EmailLoginBody = { email: input.email, ...optional('language', language) };
      const result = await post(
        'requestEmailOtp',
        'v2/projects/email-login',
        body,
        EmailLoginResponseSchema,
        callOptions.signal,
        // Verifik's docs pass the address as a query parameter, its own clients in the body: send both.
        { searchParams: { email: input.email } },
      );
      return {
        method: 'email',
        email: input.email,
        gateway: 'email',
        ...challengeTimes(result, language),
      };
    },

    async confirmEmailOtp(request: EmailOtpConfirmation, callOptions: RequestOptions = {}) {
      const input = parseInput(EmailOtpConfirmationSchema, request, 'confirmEmailOtp');
      const body: EmailLoginConfirmBody = {
        email: input.email,
        otp: input.otp,
        ...optional('authenticatorOTP', input.authenticatorOtp),
      };
      return confirm('confirmEmailOtp', 'v2/projects/email-login/confirm', body, callOptions.signal);
    },

    async refreshSession(token: string, callOptions: RefreshOptions = {}): Promise<Session> {
      const { expiresInMonths, signal } = callOptions;
      if (expiresInMonths !== undefined) parseInput(ExpiresInMonthsSchema, expiresInMonths, 'refreshSession');
      const bare = bareToken(token);
      const result = await call(
        'refreshSession',
        'v2/auth/session',
        {
          method: 'get',
          headers: { authorization: `Bearer ${bare}` },
          searchParams: { origin: 'refresh', ...optional('expiresIn', expiresInMonths?.toString()) },
        },
        RefreshResponseSchema,
        signal,
        [bare],
      );
      return toSession(result.body.accessToken, result.body.tokenType, {
        receivedAt: result.receivedAt,
        hints: { date: result.date },
        ...optional('expiresInMonths', expiresInMonths),
      });
    },

    async renewAndRevoke(token: string, callOptions: RequestOptions = {}): Promise<Session> {
      const bare = bareToken(token);
      const result = await call(
        'renewAndRevoke',
        'v2/auth/renew-and-revoke',
        { method: 'post', json: {}, headers: { authorization: `Bearer ${bare}` } },
        RevokeResponseSchema,
        callOptions.signal,
        [bare],
      );
      return toSession(result.body.accessToken, result.body.tokenType, {
        receivedAt: result.receivedAt,
        hints: { date: result.date },
      });
    },
  };
}

/** An HTTP error's body as text, or `undefined` when it cannot be read. */
async function readText(error: HTTPError): Promise<string | undefined> {
  try {
    return await error.response.text();
  } catch {
    return undefined;
  }
}
