import ky, { isHTTPError, type KyInstance, type Options, type RetryOptions } from 'ky';
import * as v from 'valibot';
import type {
  EmailOtpConfirmation,
  EmailOtpRequest,
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
import { isCallerAbort, parseRetryAfter, toLoginError, type VerifikOperation } from './http-errors.js';
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
} from './schemas.js';
import { toSession } from './session-token.js';

/** Verifik's production API. */
export const DEFAULT_BASE_URL = 'https://api.verifik.co';

/** Per-attempt timeout of every call unless `timeout` says otherwise. */
export const DEFAULT_TIMEOUT_MS = 15_000;

/** How long a code lives when the server does not say (Verifik: 10 minutes). */
export const DEFAULT_OTP_TTL_MS = 10 * 60 * 1000;

/** The longest `Retry-After` the refresh call waits out by itself before giving the error to the caller. */
const MAX_REFRESH_RETRY_AFTER_MS = 5_000;

/**
 * Retries for the refresh GET only. The login POSTs are never retried: a repeated send is a second
 * SMS or WhatsApp message, and a repeated confirm may hit an already-used code.
 */
const refreshRetry: RetryOptions = {
  limit: 2,
  methods: ['get'],
  statusCodes: [408, 429, 500, 502, 503, 504],
  afterStatusCodes: [429, 503],
  maxRetryAfter: MAX_REFRESH_RETRY_AFTER_MS,
  delay: (attempt) => 200 * 2 ** (attempt - 1),
  backoffLimit: 2_000,
  shouldRetry: ({ error }) => {
    if (!isHTTPError(error)) return undefined;
    // A long Retry-After is the caller's to schedule (it gets `retryAt`), not a reason to hang here.
    const now = Date.now();
    const retryAt = parseRetryAfter(
      error.response.headers.get('retry-after'),
      now,
      error.response.headers.get('date'),
    );
    return retryAt !== undefined && retryAt - now > MAX_REFRESH_RETRY_AFTER_MS ? false : undefined;
  },
};

/** Options of {@link createVerifikClient}. */
export interface VerifikClientOptions {
  /**
   * Where Verifik (or the mock server) lives. Must be `https://`, except `http://localhost` and
   * `http://127.0.0.1` on any port.
   *
   * @default 'https://api.verifik.co'
   */
  baseUrl?: string;
  /**
   * Per-attempt timeout in milliseconds; a call that takes longer fails with `timeout`.
   *
   * @default 15000
   */
  timeout?: number;
  /** A `fetch` to use instead of the global one (instrumentation, SSR frameworks, tests). */
  fetch?: typeof globalThis.fetch;
  /** Extra headers sent with every request. */
  headers?: HeadersInit;
  /**
   * The clock, in epoch milliseconds, used for `issuedAt`, fallback expiries and `retryAt`, so a
   * simulated clock sees consistent times.
   *
   * @default Date.now
   */
  now?: () => number;
}

/** The input codes a person can fix by retyping a field; other issues are programming errors. */
const fieldErrorCodes: readonly string[] = ['invalid_phone', 'invalid_email', 'invalid_otp'];

const isFieldErrorCode = (message: string): message is LoginErrorCode => fieldErrorCodes.includes(message);

/** `phone: Invalid length` per issue; written out here because `v.summarize` costs app bundles ~1 KB. */
const describeIssues = (issues: readonly v.BaseIssue<unknown>[]) =>
  issues
    .map((issue) => `${issue.path?.map((item) => String(item.key)).join('.') ?? 'input'}: ${issue.message}`)
    .join('; ');

/**
 * Validates a call's input. A bad field a person typed becomes a `LoginError` (its code is the
 * issue message, see `schemas.ts`); anything else is a programming error and a `TypeError`. Both
 * keep valibot's issues as `cause`.
 */
function parseInput<const TSchema extends v.GenericSchema>(
  schema: TSchema,
  input: unknown,
  operation: VerifikOperation,
): v.InferOutput<TSchema> {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  const { issues } = result;
  const code = issues.map((issue) => issue.message).find(isFieldErrorCode);
  if (code) throw new LoginError({ code }, { cause: issues });
  throw new TypeError(`${operation}: invalid argument: ${describeIssues(issues)}`, { cause: issues });
}

/** Refuses a base URL that would send codes and tokens in clear text, and returns it parsed. */
function parseBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch (cause) {
    throw new TypeError(`Invalid Verifik baseUrl "${baseUrl}": not an absolute URL.`, { cause });
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1')) return url;
  throw new TypeError(
    `Refusing Verifik baseUrl "${baseUrl}": it must use https:// because one-time codes and access ` +
      'tokens travel over it (plain http:// is allowed only for localhost and 127.0.0.1).',
  );
}

/** Epoch ms from a server timestamp (ISO string or epoch ms), or `fallback` when unreadable. */
function toEpochMs(value: string | number | undefined, fallback: number): number {
  const ms = typeof value === 'string' ? Date.parse(value) : value;
  return ms !== undefined && Number.isFinite(ms) && ms > 0 ? ms : fallback;
}

/** `{ [key]: value }` when the value is defined, else `{}`: optional wire fields stay absent. */
function optional<K extends string, T>(key: K, value: T | undefined): { [P in K]?: T } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: T };
}

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
 *   const session = await client.confirmPhoneOtp({ countryCode: '+1', phone: '1234566663', otp: '123456' });
 *   console.log(session.accessToken, new Date(session.expiresAt));
 * } catch (error) {
 *   if (isLoginError(error) && error.code === 'invalid_otp') console.log('Wrong code, try again');
 * }
 * ```
 */
export function createVerifikClient(options: VerifikClientOptions = {}): VerifikClient {
  const { baseUrl = DEFAULT_BASE_URL, timeout = DEFAULT_TIMEOUT_MS, now = Date.now } = options;
  const prefix = parseBaseUrl(baseUrl).href;
  if (!Number.isFinite(timeout) || timeout <= 0 || timeout > 2_147_483_647) {
    throw new TypeError(`Invalid timeout ${timeout}: expected a positive number of milliseconds.`);
  }
  const headers = new Headers(options.headers);
  if (!headers.has('accept')) headers.set('accept', 'application/json');

  const api: KyInstance = ky.create({
    prefix,
    timeout,
    headers,
    throwHttpErrors: true,
    retry: 0,
    ...optional('fetch', options.fetch),
  });

  /** One call: send, check the status, parse the body with `schema`, map any failure. */
  async function call<const TSchema extends v.GenericSchema>(
    operation: VerifikOperation,
    path: string,
    init: Options,
    schema: TSchema,
    signal: AbortSignal | undefined,
  ): Promise<v.InferOutput<TSchema>> {
    let status: number | undefined;
    try {
      const pending = api(path, { ...init, ...optional('signal', signal) });
      status = (await pending).status;
      return await pending.json(schema);
    } catch (error) {
      if (isCallerAbort(error, signal)) throw signal?.aborted ? (signal.reason ?? error) : error;
      throw toLoginError(error, { operation, now, ...optional('status', status) });
    }
  }

  /** A POST, never retried: a retried send is a second SMS, a retried confirm a second try of the code. */
  const post = <const TSchema extends v.GenericSchema>(
    operation: VerifikOperation,
    path: string,
    json: unknown,
    schema: TSchema,
    signal: AbortSignal | undefined,
    searchParams?: Record<string, string>,
  ) =>
    call(
      operation,
      path,
      { method: 'post', json, retry: 0, ...optional('searchParams', searchParams) },
      schema,
      signal,
    );

  /** Both confirm endpoints answer with the same token wrapper. */
  const confirm = async (
    operation: VerifikOperation,
    path: string,
    body: PhoneLoginConfirmBody | EmailLoginConfirmBody,
    signal: AbortSignal | undefined,
  ): Promise<Session> => {
    const { data } = await post(operation, path, body, ConfirmResponseSchema, signal);
    return toSession(data.accessToken, data.tokenType, now());
  };

  /** The parts of a challenge both login endpoints answer with; a missing expiry means Verifik's 10 minutes. */
  const challengeTimes = (
    data: { expiresAt?: string | number; requires2FA?: boolean; language?: string },
    language?: string,
  ) => {
    const served = data.language ?? language;
    return {
      expiresAt: toEpochMs(data.expiresAt, now() + DEFAULT_OTP_TTL_MS),
      requires2FA: data.requires2FA ?? false,
      ...optional('language', served),
    };
  };

  return {
    async requestPhoneOtp(request: PhoneOtpRequest, callOptions: RequestOptions = {}): Promise<OtpChallenge> {
      const input = parseInput(PhoneOtpRequestSchema, request, 'requestPhoneOtp');
      const body: PhoneLoginBody = {
        countryCode: input.countryCode,
        phone: Number(input.phone),
        type: 'login',
        ...optional('phoneGateway', input.gateway),
        ...optional('language', input.language),
      };
      const { data } = await post(
        'requestPhoneOtp',
        'v2/projects/phone-login',
        body,
        PhoneLoginResponseSchema,
        callOptions.signal,
      );
      const served = v.safeParse(PhoneGatewaySchema, data.phoneGateway);
      const gateway: OtpChannel = served.success ? served.output : (input.gateway ?? 'whatsapp');
      return {
        method: 'phone',
        countryCode: input.countryCode,
        phone: input.phone,
        gateway,
        ...challengeTimes(data, input.language),
      };
    },

    async confirmPhoneOtp(request: PhoneOtpConfirmation, callOptions: RequestOptions = {}): Promise<Session> {
      const input = parseInput(PhoneOtpConfirmationSchema, request, 'confirmPhoneOtp');
      const body: PhoneLoginConfirmBody = {
        countryCode: input.countryCode,
        phone: Number(input.phone),
        otp: input.otp,
        ...optional('authenticatorOTP', input.authenticatorOtp),
      };
      return confirm('confirmPhoneOtp', 'v2/projects/phone-login/confirm', body, callOptions.signal);
    },

    async requestEmailOtp(request: EmailOtpRequest, callOptions: RequestOptions = {}): Promise<OtpChallenge> {
      const input = parseInput(EmailOtpRequestSchema, request, 'requestEmailOtp');
      const body: EmailLoginBody = { email: input.email, ...optional('language', input.language) };
      const { data } = await post(
        'requestEmailOtp',
        'v2/projects/email-login',
        body,
        EmailLoginResponseSchema,
        callOptions.signal,
        // Verifik's docs pass the address as a query parameter, its own clients in the body: send both.
        { email: input.email },
      );
      return {
        method: 'email',
        email: input.email,
        gateway: 'email',
        ...challengeTimes(data, input.language),
      };
    },

    async confirmEmailOtp(request: EmailOtpConfirmation, callOptions: RequestOptions = {}): Promise<Session> {
      const input = parseInput(EmailOtpConfirmationSchema, request, 'confirmEmailOtp');
      const body: EmailLoginConfirmBody = { email: input.email, otp: input.otp };
      return confirm('confirmEmailOtp', 'v2/projects/email-login/confirm', body, callOptions.signal);
    },

    async refreshSession(token: string, callOptions: RefreshOptions = {}): Promise<Session> {
      const { expiresInMonths, signal } = callOptions;
      if (expiresInMonths !== undefined) parseInput(ExpiresInMonthsSchema, expiresInMonths, 'refreshSession');
      const bare = typeof token === 'string' ? token.trim().replace(/^bearer\s+/i, '') : '';
      if (bare === '') throw new LoginError({ code: 'unauthorized' });
      const token_ = await call(
        'refreshSession',
        'v2/auth/session',
        {
          method: 'get',
          headers: { authorization: `Bearer ${bare}` },
          searchParams: { origin: 'refresh', ...optional('expiresIn', expiresInMonths?.toString()) },
          retry: refreshRetry,
        },
        RefreshResponseSchema,
        signal,
      );
      return toSession(token_.accessToken, token_.tokenType, now());
    },
  };
}
