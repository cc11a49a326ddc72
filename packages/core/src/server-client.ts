import * as v from 'valibot';
import { DEFAULT_TIMEOUT_MS, parseBody, parseInput } from './client.js';
import type {
  AuthenticatorRequired,
  LoginClient,
  OtpChallenge,
  RequestOptions,
  ServerHeldSession,
} from './client.types.js';
import { LoginError, type LoginErrorCode, loginErrorCodes } from './errors.js';
import { isCallerAbort, toLoginError, type VerifikOperation } from './http-errors.js';
import {
  EmailOtpConfirmationSchema,
  EmailOtpRequestSchema,
  PhoneOtpConfirmationSchema,
  PhoneOtpRequestSchema,
  QrCodeSchema,
  SecretKeySchema,
} from './schemas.js';
import type { ServerSessionView } from './server-wire.js';
import {
  createTransportFetch,
  DEFAULT_MAX_RESPONSE_BYTES,
  type FetchLike,
  parseRetryAfter,
  sleep,
  startDeadline,
} from './transport.js';

/** Options of {@link createServerClient}. */
export interface ServerClientOptions {
  /**
   * Where the app mounted `@verifik-auth/server`'s handler, e.g. `/auth/verifik` (resolved against the
   * page) or an absolute URL. The browser sends the session cookie with every call to it.
   */
  baseUrl: string;
  /** A custom `fetch`. Default the global one. */
  fetch?: FetchLike;
  /** Deadline of every call, ms. Default 15 000. */
  timeout?: number;
  /** The clock, for the session's and the code's deadlines. Default `Date.now`. */
  now?: () => number;
}

/** The client the server session store needs too: the session's own routes. */
export interface ServerClient extends LoginClient {
  /** The signed-in session, or `null` (`GET {baseUrl}/session`). */
  loadSession(options?: RequestOptions): Promise<ServerHeldSession | null>;
  /** Logs out on the server: the cookie is deleted and its id refused from now on (`DELETE {baseUrl}/session`). */
  logout(options?: RequestOptions): Promise<void>;
}

/**
 * Waits before each new read of a session another request is refreshing (the handler's 409), ms: the
 * winner's cookie lands within its call to Verifik, so about 7.5 s in all before giving up.
 */
const settleDelaysMs = [50, 150, 300, 1_000, 2_000, 4_000];

const Duration = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(8.64e15));

const SessionViewSchema = v.object({
  tokenType: v.string(),
  ageMs: Duration,
  expiresInMs: Duration,
  maskedIdentifier: v.string(),
});

const ChallengeResponseSchema = v.object({
  challenge: v.object({
    method: v.picklist(['phone', 'email']),
    countryCode: v.optional(v.string()),
    phone: v.optional(v.string()),
    email: v.optional(v.string()),
    gateway: v.picklist(['whatsapp', 'sms', 'none', 'email']),
    requires2FA: v.boolean(),
    language: v.optional(v.string()),
    expiresInMs: Duration,
  }),
});

const SessionResponseSchema = v.object({ session: v.nullable(SessionViewSchema) });

/** A confirm's answer: the session, or the authenticator step with Verifik's setup checked again here. */
const ConfirmResponseSchema = v.union([
  SessionResponseSchema,
  v.object({ authenticator: v.object({ qrCode: QrCodeSchema, secretKey: SecretKeySchema }) }),
]);

const ErrorResponseSchema = v.object({ code: v.picklist(loginErrorCodes) });

/**
 * Server mode's client: the same calls as {@link createVerifikClient}, made to the app's own
 * `@verifik-auth/server` handler, which talks to Verifik and keeps the token in a sealed HttpOnly
 * cookie. Sessions come back without a token ({@link ServerHeldSession}). Input is validated here as
 * the Verifik client does, and the transport's rules hold: no redirect followed, bodies capped, one
 * deadline per call.
 * @example
 * const client = createServerClient({ baseUrl: '/auth/verifik' });
 * await client.requestPhoneOtp({ countryCode: '+1', phone: '123 456 6663' });
 */
export function createServerClient(options: ServerClientOptions): ServerClient {
  const { timeout = DEFAULT_TIMEOUT_MS, now = Date.now } = options;
  const base = options.baseUrl.replace(/\/+$/, '');
  const fetch = createTransportFetch(
    (input, init) => (options.fetch ?? globalThis.fetch)(input, init),
    DEFAULT_MAX_RESPONSE_BYTES,
  );

  /** One call to the handler under one deadline; failures become `LoginError`s with the handler's code. */
  async function call<const TSchema extends v.GenericSchema>(
    operation: VerifikOperation,
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    json: unknown,
    schema: TSchema,
    signal: AbortSignal | undefined,
  ): Promise<v.InferOutput<TSchema>> {
    const deadline = startDeadline(timeout, signal);
    let status: number | undefined;
    try {
      const response = await fetch(`${base}${path}`, {
        method,
        headers:
          json === undefined
            ? { accept: 'application/json' }
            : { accept: 'application/json', 'content-type': 'application/json' },
        ...(json === undefined ? {} : { body: JSON.stringify(json) }),
        // The cookie goes only to the app's own origin (a cross-origin baseUrl needs CORS with credentials).
        credentials: 'same-origin',
        signal: deadline.signal,
      });
      status = response.status;
      const text = await response.text();
      if (response.ok) return parseBody(schema, text);
      throw refusal(response, text);
    } catch (error) {
      if (error instanceof LoginError) throw error;
      if (deadline.expired) throw toLoginError(error, { operation, now, timedOut: true });
      if (isCallerAbort(error, signal)) throw signal?.aborted ? (signal.reason ?? error) : error;
      throw toLoginError(error, { operation, now, ...(status === undefined ? {} : { status }) });
    } finally {
      deadline.done();
    }
  }

  /** The handler's `{ code, message }` refusal, with `Retry-After` as `retryAt`; its own message is not kept. */
  function refusal(response: Response, text: string): LoginError {
    const { status } = response;
    let code: LoginErrorCode =
      status === 401
        ? 'unauthorized'
        : status === 429
          ? 'rate_limited'
          : status >= 500
            ? 'server'
            : 'unknown';
    try {
      const parsed = v.safeParse(ErrorResponseSchema, JSON.parse(text));
      if (parsed.success) code = parsed.output.code;
    } catch {
      // Not JSON: the status decides.
    }
    const retryAt = parseRetryAfter(response.headers.get('retry-after'), now(), response.headers.get('date'));
    return new LoginError({
      code,
      status: response.status,
      ...(retryAt === undefined ? {} : { retryAt }),
    });
  }

  const toChallenge = (body: v.InferOutput<typeof ChallengeResponseSchema>): OtpChallenge => {
    const { expiresInMs, ...challenge } = body.challenge;
    return { ...challenge, expiresAt: now() + expiresInMs };
  };

  const toSession = (view: ServerSessionView | null): ServerHeldSession | null => {
    if (view === null) return null;
    const at = now();
    return {
      heldBy: 'server',
      tokenType: view.tokenType,
      issuedAt: at - view.ageMs,
      expiresAt: at + view.expiresInMs,
      maskedIdentifier: view.maskedIdentifier,
    };
  };

  /** A confirm or refresh: the handler must answer with a session. */
  const signedIn = (session: ServerHeldSession | null, operation: VerifikOperation): ServerHeldSession => {
    if (session) return session;
    throw new LoginError(
      { code: 'invalid_response', retryable: false },
      { cause: `${operation}: no session in the answer` },
    );
  };

  /** A confirm's answer as the machine takes it: the session, or the authenticator step. */
  const confirmed = (
    body: v.InferOutput<typeof ConfirmResponseSchema>,
    operation: VerifikOperation,
  ): ServerHeldSession | AuthenticatorRequired =>
    'authenticator' in body
      ? {
          authenticatorRequired: true,
          ...(body.authenticator.qrCode ? { qrCode: body.authenticator.qrCode } : {}),
          ...(body.authenticator.secretKey ? { secretKey: body.authenticator.secretKey } : {}),
        }
      : signedIn(toSession(body.session), operation);

  /** `GET /session`; a 409 (a refresh of this cookie is landing) is read again after a short wait. */
  async function readSession(signal: AbortSignal | undefined): Promise<ServerHeldSession | null> {
    for (let attempt = 0; ; attempt++) {
      try {
        const body = await call(
          'refreshSession',
          'GET',
          '/session',
          undefined,
          SessionResponseSchema,
          signal,
        );
        return toSession(body.session);
      } catch (error) {
        const delay = settleDelaysMs[attempt];
        if (!(error instanceof LoginError && error.status === 409) || delay === undefined) throw error;
        await sleep(delay, signal ?? new AbortController().signal);
      }
    }
  }

  return {
    async requestPhoneOtp(request, callOptions = {}) {
      const input = parseInput(PhoneOtpRequestSchema, request, 'requestPhoneOtp');
      const body = await call(
        'requestPhoneOtp',
        'POST',
        '/phone-login',
        {
          countryCode: input.countryCode,
          phone: input.phone,
          gateway: input.gateway,
          language: input.language,
        },
        ChallengeResponseSchema,
        callOptions.signal,
      );
      return toChallenge(body);
    },
    async confirmPhoneOtp(request, callOptions = {}) {
      const input = parseInput(PhoneOtpConfirmationSchema, request, 'confirmPhoneOtp');
      const body = await call(
        'confirmPhoneOtp',
        'POST',
        '/phone-login/confirm',
        {
          countryCode: input.countryCode,
          phone: input.phone,
          otp: input.otp,
          authenticatorOTP: input.authenticatorOtp,
        },
        ConfirmResponseSchema,
        callOptions.signal,
      );
      return confirmed(body, 'confirmPhoneOtp');
    },
    async requestEmailOtp(request, callOptions = {}) {
      const input = parseInput(EmailOtpRequestSchema, request, 'requestEmailOtp');
      const body = await call(
        'requestEmailOtp',
        'POST',
        '/email-login',
        { email: input.email, language: input.language },
        ChallengeResponseSchema,
        callOptions.signal,
      );
      return toChallenge(body);
    },
    async confirmEmailOtp(request, callOptions = {}) {
      const input = parseInput(EmailOtpConfirmationSchema, request, 'confirmEmailOtp');
      const body = await call(
        'confirmEmailOtp',
        'POST',
        '/email-login/confirm',
        { email: input.email, otp: input.otp, authenticatorOTP: input.authenticatorOtp },
        ConfirmResponseSchema,
        callOptions.signal,
      );
      return confirmed(body, 'confirmEmailOtp');
    },
    async refreshSession(_token, callOptions = {}) {
      try {
        const body = await call(
          'refreshSession',
          'POST',
          '/session/refresh',
          {},
          SessionResponseSchema,
          callOptions.signal,
        );
        return signedIn(toSession(body.session), 'refreshSession');
      } catch (error) {
        // Another tab's refresh of the same cookie won: its new cookie is the session now.
        if (!(error instanceof LoginError && error.status === 409)) throw error;
        const session = await readSession(callOptions.signal);
        if (session) return session;
        throw new LoginError({ code: 'unauthorized', status: 401 });
      }
    },
    async renewAndRevoke(_token, callOptions = {}) {
      // A 409 (a refresh of this cookie won the race) is not retried: nothing was revoked, ask again.
      const body = await call(
        'renewAndRevoke',
        'POST',
        '/session/revoke-others',
        {},
        SessionResponseSchema,
        callOptions.signal,
      );
      return signedIn(toSession(body.session), 'renewAndRevoke');
    },
    async loadSession(callOptions = {}) {
      return readSession(callOptions.signal);
    },
    async logout(callOptions = {}) {
      await call(
        'refreshSession',
        'DELETE',
        '/session',
        undefined,
        SessionResponseSchema,
        callOptions.signal,
      );
    },
  };
}
