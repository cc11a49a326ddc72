import { and, assertEvent, assign, setup } from 'xstate';
import { defaultRefreshLeadMs, nextRefreshRetry, refreshDueAt } from './auto-refresh.js';
import { createVerifikClient } from './client.js';
import type { LoginClient, LoginSession } from './client.types.js';
import { type LoginErrorData, toLoginErrorData } from './errors.js';
import { createLoginActors } from './login.actors.js';
import type {
  AuthenticatorHold,
  FieldErrors,
  LoginContext,
  LoginEvent,
  LoginMachineOptions,
  SendOrigin,
} from './login.types.js';
import { maskIdentifier } from './mask.js';
import { defaultRefreshLock, type RefreshLock } from './refresh-lock.js';
import { refuseUnsafeSnapshots } from './restore-snapshot.js';
import { Secret } from './secret.js';
import {
  createSessionStore,
  defaultSessionKey,
  defaultStorageTimeoutMs,
  isSameSession,
  type SessionStore,
} from './session-store.js';
import { memoryStorage } from './storage.js';
import {
  checkAuthenticatorSubmission,
  checkEmailLogin,
  checkOtpSubmission,
  checkPhoneLogin,
  checkResend,
  resendGateway,
  syncedSession,
  validateAuthenticatorSubmission,
  validateEmailLogin,
  validateOtpSubmission,
  validatePhoneLogin,
} from './validation.js';

/** setTimeout cannot wait longer than this; longer deadlines wait in steps and check again. */
const maxTimerDelay = 2 ** 31 - 1;

const timerDelay = (deadline: number, now: number) => Math.min(Math.max(0, deadline - now), maxTimerDelay);

const initialContext: LoginContext = {
  identifier: null,
  challenge: null,
  resendAvailableAt: null,
  attempts: 0,
  session: null,
  error: null,
  fieldErrors: {},
  expiredReason: null,
  sendOrigin: 'idle',
  refreshRetry: null,
  authenticator: null,
};

interface LoginMachineDeps {
  client: LoginClient;
  store: SessionStore;
  now: () => number;
  otpLength: number;
  resendCooldownMs: number;
  /** `null` when auto refresh is off. */
  autoRefreshLeadMs: number | null;
  /** How long `restoring` waits for the storage. */
  storageTimeoutMs: number;
  /** Taken around every refresh, so tabs take turns. */
  refreshLock: RefreshLock;
  refreshLockName: string;
  language: string | undefined;
}

const errorOf = (event: { error?: unknown }): LoginErrorData => toLoginErrorData(event.error);

function buildLoginMachine(deps: LoginMachineDeps) {
  const { now, store } = deps;
  const isSessionLive = (session: LoginSession | null) => session !== null && now() < session.expiresAt;
  /** When the next automatic refresh is due: the pending retry after a failure, else the token's turn. */
  const autoRefreshAt = (context: LoginContext) => {
    if (deps.autoRefreshLeadMs === null || context.session === null) return Number.POSITIVE_INFINITY;
    return context.refreshRetry?.at ?? refreshDueAt(context.session, deps.autoRefreshLeadMs);
  };
  /**
   * A new session (a login's, or a refresh's) with who signed in, masked, so that a reload or another
   * tab can still show it: the server's mask in server mode, else the login's identifier, or on a
   * refresh the mask the session had.
   */
  const withMaskedIdentifier = (session: LoginSession, context: LoginContext): LoginSession => {
    if (session.maskedIdentifier !== undefined) return session;
    const { identifier } = context;
    const masked = context.session
      ? context.session.maskedIdentifier
      : identifier && maskIdentifier(identifier);
    return masked ? { ...session, maskedIdentifier: masked } : session;
  };
  /** What a code submission is checked against. */
  const otpRules = { otpLength: deps.otpLength };

  /**
   * `login.phone` and `login.email` from a state that takes them: valid → sending (a new login drops any
   * earlier challenge), invalid → field errors.
   */
  const startLogin = (origin: SendOrigin) =>
    ({
      'login.phone': [
        {
          guard: 'isPhoneLoginValid',
          target: '#login.sending',
          actions: [
            'assignPhoneIdentifier',
            'clearErrors',
            'dropChallenge',
            { type: 'markSendOrigin', params: origin },
          ],
        },
        { actions: 'assignPhoneFieldErrors' },
      ],
      'login.email': [
        {
          guard: 'isEmailLoginValid',
          target: '#login.sending',
          actions: [
            'assignEmailIdentifier',
            'clearErrors',
            'dropChallenge',
            { type: 'markSendOrigin', params: origin },
          ],
        },
        { actions: 'assignEmailFieldErrors' },
      ],
    }) as const;

  /** Back to idle with the identifier kept; leaving the state aborts its request. */
  const cancelToIdle = { target: '#login.idle', actions: 'abandonChallenge' } as const;

  return setup({
    types: {
      context: {} as LoginContext,
      events: {} as LoginEvent,
      tags: {} as 'busy',
    },
    actors: createLoginActors(deps.client, store, { lock: deps.refreshLock, lockName: deps.refreshLockName }),
    guards: {
      // Payloads come from UI code and may hold anything: they are read only through validation.ts,
      // which never throws, so a bad one becomes field errors instead of killing the actor.
      isPhoneLoginValid: ({ event }) => {
        assertEvent(event, 'login.phone');
        return checkPhoneLogin(event).ok;
      },
      isEmailLoginValid: ({ event }) => {
        assertEvent(event, 'login.email');
        return checkEmailLogin(event).ok;
      },
      isOtpSubmissionValid: ({ event }) => {
        assertEvent(event, 'otp.submit');
        return checkOtpSubmission(event, otpRules).ok;
      },
      isAuthenticatorSubmissionValid: ({ event }) => checkAuthenticatorSubmission(event).ok,
      /** The code was right and the account's authenticator is needed: the actor sealed what to hold. */
      isAuthenticatorAnswer: ({ event }) => (event as { output?: unknown }).output instanceof Secret,
      /**
       * A resend's gateway, when given, is one Verifik knows. A bad one is ignored rather than turned into
       * field errors: that would be a transition no UI can take (none offers a gateway on resend), so the
       * QA catalogue could not reach it; nothing is sent and nothing throws.
       */
      isResendValid: ({ event }) => {
        assertEvent(event, 'otp.resend');
        return checkResend(event).ok;
      },
      isResendAvailable: ({ context }) =>
        context.resendAvailableAt === null || now() >= context.resendAvailableAt,
      canResendExpiredOtp: ({ context }) => context.expiredReason === 'otp' && context.identifier !== null,
      isOtpExpired: ({ context }) => context.challenge === null || now() >= context.challenge.expiresAt,
      isSessionExpired: ({ context }) => !isSessionLive(context.session),
      isAutoRefreshOn: () => deps.autoRefreshLeadMs !== null,
      isAutoRefreshDue: ({ context }) => now() >= autoRefreshAt(context),
      isLogoutElsewhere: ({ event }) => {
        assertEvent(event, 'session.sync');
        return syncedSession(event) === null;
      },
      isOtherTabLogout: ({ context, event }) => {
        assertEvent(event, 'session.sync');
        return syncedSession(event) === null && context.session !== null;
      },
      isOtherTabLogin: ({ context, event }) => {
        assertEvent(event, 'session.sync');
        const session = syncedSession(event);
        return (
          session !== null &&
          session !== undefined &&
          isSessionLive(session) &&
          (context.session === null || !isSameSession(session, context.session))
        );
      },
    },
    delays: {
      storageTimeout: () => deps.storageTimeoutMs,
      otpExpiry: ({ context }) => timerDelay(context.challenge?.expiresAt ?? 0, now()),
      resendCooldown: ({ context }) => timerDelay(context.resendAvailableAt ?? 0, now()),
      sessionExpiry: ({ context }) => timerDelay(context.session?.expiresAt ?? 0, now()),
      autoRefresh: ({ context }) => timerDelay(autoRefreshAt(context), now()),
    },
    actions: {
      assignPhoneIdentifier: assign(({ event }) => {
        assertEvent(event, 'login.phone');
        const checked = checkPhoneLogin(event);
        // Only reached past isPhoneLoginValid; a refused payload changes nothing.
        if (!checked.ok) return {};
        const { countryCode, phone, gateway } = checked.value;
        const language = checked.value.language ?? deps.language;
        return {
          identifier: {
            method: 'phone' as const,
            countryCode,
            phone,
            ...(gateway ? { gateway } : {}),
            ...(language ? { language } : {}),
          },
        };
      }),
      assignEmailIdentifier: assign(({ event }) => {
        assertEvent(event, 'login.email');
        const checked = checkEmailLogin(event);
        if (!checked.ok) return {};
        const language = checked.value.language ?? deps.language;
        return {
          identifier: {
            method: 'email' as const,
            email: checked.value.email,
            ...(language ? { language } : {}),
          },
        };
      }),
      assignPhoneFieldErrors: assign(({ event }) => {
        assertEvent(event, 'login.phone');
        return { fieldErrors: validatePhoneLogin(event) };
      }),
      assignEmailFieldErrors: assign(({ event }) => {
        assertEvent(event, 'login.email');
        return { fieldErrors: validateEmailLogin(event) };
      }),
      assignOtpFieldErrors: assign(({ event }) => {
        assertEvent(event, 'otp.submit');
        return { fieldErrors: validateOtpSubmission(event, otpRules) };
      }),
      assignAuthenticatorFieldErrors: assign(({ event }) => ({
        fieldErrors: validateAuthenticatorSubmission(event),
      })),
      holdAuthenticator: assign(({ event }) => ({
        authenticator: (event as unknown as { output: Secret<AuthenticatorHold> }).output,
      })),
      dropAuthenticator: assign({ authenticator: null }),
      prepareResend: assign(({ context, event }) => {
        assertEvent(event, 'otp.resend');
        const checked = checkResend(event);
        const gateway = checked.ok ? checked.value.gateway : undefined;
        const { identifier } = context;
        if (gateway && identifier?.method === 'phone') {
          return { identifier: { ...identifier, gateway }, error: null, fieldErrors: {} };
        }
        return { error: null, fieldErrors: {} };
      }),
      refuseEarlyResend: assign(({ context }) => ({
        error: {
          code: 'resend_too_soon' as const,
          retryable: true,
          ...(context.resendAvailableAt !== null ? { retryAt: context.resendAvailableAt } : {}),
        },
      })),
      clearErrors: assign({ error: null, fieldErrors: {} }),
      markSendOrigin: assign((_, origin: SendOrigin) => ({ sendOrigin: origin })),
      assignChallenge: assign(({ event }) => {
        const challenge = (event as unknown as { output: LoginContext['challenge'] }).output;
        return {
          challenge,
          resendAvailableAt: now() + deps.resendCooldownMs,
          attempts: 0,
          error: null,
          fieldErrors: {} as FieldErrors,
          expiredReason: null,
        };
      }),
      assignError: assign(({ event }) => ({ error: errorOf(event as { error?: unknown }) })),
      /** A server that says "too soon" moves the cooldown to when it says. */
      assignSendError: assign(({ context, event }) => {
        const error = errorOf(event as { error?: unknown });
        const throttled = error.code === 'resend_too_soon' || error.code === 'rate_limited';
        const resendAvailableAt =
          throttled && error.retryAt !== undefined
            ? Math.max(context.resendAvailableAt ?? 0, error.retryAt)
            : context.resendAvailableAt;
        return { error, resendAvailableAt };
      }),
      countAttempt: assign(({ context }) => ({ attempts: context.attempts + 1 })),
      expireOtp: assign({ expiredReason: 'otp' }),
      expireSession: assign(({ context }) => ({
        // Refused before its own expiry: ended elsewhere (revoked), not by the clock.
        expiredReason: isSessionLive(context.session) ? ('revoked' as const) : ('session' as const),
        session: null,
        refreshRetry: null,
      })),
      dropChallenge: assign({ challenge: null, resendAvailableAt: null, attempts: 0 }),
      abandonChallenge: assign({
        challenge: null,
        resendAvailableAt: null,
        attempts: 0,
        error: null,
        fieldErrors: {},
        expiredReason: null,
      }),
      assignSession: assign(({ context, event }) => ({
        session: withMaskedIdentifier((event as unknown as { output: LoginSession }).output, context),
        challenge: null,
        resendAvailableAt: null,
        attempts: 0,
        error: null,
        fieldErrors: {},
        expiredReason: null,
        refreshRetry: null,
      })),
      assignSyncedSession: assign(({ event }) => {
        assertEvent(event, 'session.sync');
        return {
          // The checked copy, so the context never holds what the sender handed over.
          session: syncedSession(event) ?? null,
          challenge: null,
          error: null,
          fieldErrors: {},
          expiredReason: null,
          refreshRetry: null,
        };
      }),
      /** A refresh failed without ending the session: try again later, a little later each time. */
      scheduleRefreshRetry: assign(({ context }) => ({
        refreshRetry: nextRefreshRetry(context.refreshRetry, now(), context.error?.retryAt),
      })),
      clearSession: assign({ session: null, error: null, expiredReason: null, refreshRetry: null }),
      storeSession: ({ context }) => {
        if (context.session) void store.save(context.session);
      },
      forgetSession: () => {
        void store.clear();
      },
    },
  }).createMachine({
    id: 'login',
    context: initialContext,
    initial: 'restoring',
    invoke: { src: 'watchSession' },
    on: {
      'session.sync': [
        // A tab that hears of a logout clears its own storage too: with sessionStorage each tab has its
        // own copy of the token, and a reload would otherwise bring the session back.
        { guard: 'isOtherTabLogout', target: '.idle', actions: ['clearSession', 'forgetSession'] },
        { guard: 'isOtherTabLogin', target: '.authenticated', actions: 'assignSyncedSession' },
      ],
    },
    states: {
      restoring: {
        tags: 'busy',
        invoke: {
          src: 'loadSession',
          onDone: [
            { guard: ({ event }) => event.output === null, target: 'idle' },
            {
              guard: ({ event }) => !isSessionLive(event.output),
              target: 'expired',
              actions: [assign({ expiredReason: 'session' }), 'forgetSession'],
            },
            { target: 'authenticated', actions: assign({ session: ({ event }) => event.output }) },
          ],
          onError: 'idle',
        },
        // A storage that never answers must not keep the app busy for ever: count it as "nothing stored".
        after: { storageTimeout: 'idle' },
        on: {
          // A login sent before the stored session was read is not lost: it wins over the stored one.
          ...startLogin('idle'),
          // A logout elsewhere while this tab reads its own copy of the token: drop the copy.
          'session.sync': { guard: 'isLogoutElsewhere', target: 'idle', actions: 'forgetSession' },
        },
      },
      idle: {
        on: startLogin('idle'),
      },
      sending: {
        tags: 'busy',
        invoke: {
          src: 'requestOtp',
          input: ({ context, event }) => ({
            // biome-ignore lint/style/noNonNullAssertion: sending is only entered with an identifier
            identifier: context.identifier!,
            ...(event.type === 'otp.resend' ? resendGateway(event) : {}),
          }),
          onDone: { target: 'awaitingOtp', actions: 'assignChallenge' },
          onError: [
            {
              guard: ({ context }) => context.sendOrigin === 'awaitingOtp',
              target: 'awaitingOtp',
              actions: 'assignSendError',
            },
            {
              guard: ({ context }) => context.sendOrigin === 'expired',
              target: 'expired',
              actions: 'assignSendError',
            },
            { target: 'idle', actions: 'assignSendError' },
          ],
        },
        on: { 'login.cancel': cancelToIdle },
      },
      awaitingOtp: {
        initial: 'cooldown',
        after: {
          otpExpiry: [
            { guard: 'isOtpExpired', target: 'expired', actions: 'expireOtp' },
            // The timer woke early (or was capped): wait again.
            { target: 'awaitingOtp', reenter: true },
          ],
        },
        on: {
          'otp.submit': [
            { guard: 'isOtpSubmissionValid', target: 'confirming', actions: 'clearErrors' },
            { actions: 'assignOtpFieldErrors' },
          ],
          'login.cancel': cancelToIdle,
          'timers.resume': { target: 'awaitingOtp', reenter: true },
        },
        states: {
          cooldown: {
            always: { guard: 'isResendAvailable', target: 'ready' },
            after: {
              resendCooldown: [
                { guard: 'isResendAvailable', target: 'ready' },
                { target: 'cooldown', reenter: true },
              ],
            },
            on: { 'otp.resend': { actions: 'refuseEarlyResend' } },
          },
          ready: {
            on: {
              // A resend through an unknown gateway is ignored rather than sent: see isResendValid.
              'otp.resend': {
                guard: 'isResendValid',
                target: '#login.sending',
                actions: ['prepareResend', { type: 'markSendOrigin', params: 'awaitingOtp' }],
              },
            },
          },
        },
      },
      confirming: {
        tags: 'busy',
        invoke: {
          src: 'confirmOtp',
          input: ({ context, event }) => {
            assertEvent(event, 'otp.submit');
            // Entered only past isOtpSubmissionValid, so the check holds the trimmed codes.
            const checked = checkOtpSubmission(event, otpRules);
            const { otp = '', authenticatorOtp } = checked.ok ? checked.value : {};
            return {
              // biome-ignore lint/style/noNonNullAssertion: confirming is only entered with an identifier
              identifier: context.identifier!,
              otp: new Secret(otp),
              ...(authenticatorOtp ? { authenticatorOtp: new Secret(authenticatorOtp) } : {}),
            };
          },
          onDone: [
            { guard: 'isAuthenticatorAnswer', target: 'awaitingAuthenticator', actions: 'holdAuthenticator' },
            { target: 'authenticated', actions: ['assignSession', 'storeSession'] },
          ],
          onError: [
            {
              // A wrong authenticator code is a wrong attempt too: the same code may be tried again with it.
              guard: ({ event }) => /^invalid_(authenticator_)?otp$/.test(errorOf(event).code),
              target: 'awaitingOtp',
              actions: ['assignError', 'countAttempt'],
            },
            {
              // Expired, used, or never delivered: this code can never succeed, only a new one can.
              guard: ({ event }) => /^otp_(expired|send_failed)$/.test(errorOf(event).code),
              target: 'expired',
              actions: ['assignError', 'expireOtp'],
            },
            { target: 'awaitingOtp', actions: 'assignError' },
          ],
        },
        on: { 'login.cancel': cancelToIdle },
      },
      /**
       * The code was right, and the account must also use its authenticator app (set up now, with the QR
       * code and key held, or earlier). The same code is confirmed again with the app's code, so it still
       * expires when it would have. Leaving the step in any way drops what it holds.
       */
      awaitingAuthenticator: {
        initial: 'typing',
        exit: 'dropAuthenticator',
        on: { 'login.cancel': cancelToIdle },
        states: {
          typing: {
            after: {
              otpExpiry: [
                { guard: 'isOtpExpired', target: '#login.expired', actions: 'expireOtp' },
                { target: 'typing', reenter: true },
              ],
            },
            on: {
              'authenticator.submit': [
                { guard: 'isAuthenticatorSubmissionValid', target: 'confirming', actions: 'clearErrors' },
                { actions: 'assignAuthenticatorFieldErrors' },
              ],
              // No `timers.resume`: a restored snapshot never resumes on this step (see restore-snapshot.ts).
            },
          },
          confirming: {
            tags: 'busy',
            invoke: {
              src: 'confirmOtp',
              input: ({ context, event }) => {
                const checked = checkAuthenticatorSubmission(event);
                return {
                  // biome-ignore lint/style/noNonNullAssertion: the step is only entered with an identifier
                  identifier: context.identifier!,
                  otp: new Secret(context.authenticator?.reveal().otp ?? ''),
                  authenticatorOtp: new Secret(checked.ok ? checked.value.authenticatorOtp : ''),
                };
              },
              onDone: [
                // Asked again despite the app's code: not a code it took.
                {
                  guard: 'isAuthenticatorAnswer',
                  target: 'typing',
                  actions: [
                    assign({ error: { code: 'invalid_authenticator_otp', retryable: false } }),
                    'countAttempt',
                  ],
                },
                { target: '#login.authenticated', actions: ['assignSession', 'storeSession'] },
              ],
              onError: [
                {
                  guard: ({ event }) => errorOf(event).code === 'invalid_authenticator_otp',
                  target: 'typing',
                  actions: ['assignError', 'countAttempt'],
                },
                {
                  // Refused now, after all: only typing the code again can tell.
                  guard: ({ event }) => errorOf(event).code === 'invalid_otp',
                  target: '#login.awaitingOtp',
                  actions: ['assignError', 'countAttempt'],
                },
                {
                  guard: ({ event }) => /^otp_(expired|send_failed)$/.test(errorOf(event).code),
                  target: '#login.expired',
                  actions: ['assignError', 'expireOtp'],
                },
                { target: 'typing', actions: 'assignError' },
              ],
            },
          },
        },
      },
      authenticated: {
        initial: 'active',
        after: {
          sessionExpiry: [
            { guard: 'isSessionExpired', target: 'expired', actions: ['expireSession', 'forgetSession'] },
            { target: 'authenticated', reenter: true },
          ],
        },
        on: {
          'session.logout': { target: 'idle', actions: ['clearSession', 'forgetSession'] },
        },
        states: {
          active: {
            after: {
              autoRefresh: [
                { guard: 'isAutoRefreshDue', target: 'refreshing' },
                { guard: 'isAutoRefreshOn', target: 'active', reenter: true },
              ],
            },
            on: {
              'session.refresh': 'refreshing',
              'timers.resume': { target: '#login.authenticated', reenter: true },
              'session.revokeOthers': 'revoking',
            },
          },
          refreshing: {
            tags: 'busy',
            invoke: {
              src: 'refreshSession',
              // biome-ignore lint/style/noNonNullAssertion: authenticated always holds a session
              input: ({ context }) => ({ session: context.session! }),
              onDone: {
                // Re-entering restarts the expiry timer from the new token's deadline.
                target: '#login.authenticated',
                reenter: true,
                actions: ['assignSession', 'storeSession'],
              },
              onError: [
                {
                  guard: ({ event }) => errorOf(event).code === 'unauthorized',
                  target: '#login.expired',
                  actions: ['assignError', 'expireSession', 'forgetSession'],
                },
                { target: 'active', actions: ['assignError', 'scheduleRefreshRetry'] },
              ],
            },
          },
          revoking: {
            tags: 'busy',
            invoke: {
              src: 'revokeOtherSessions',
              // biome-ignore lint/style/noNonNullAssertion: authenticated always holds a session
              input: ({ context }) => ({ session: context.session! }),
              onDone: {
                target: '#login.authenticated',
                reenter: true,
                actions: ['assignSession', 'storeSession'],
              },
              onError: [
                {
                  guard: ({ event }) => errorOf(event).code === 'unauthorized',
                  target: '#login.expired',
                  actions: ['assignError', 'expireSession', 'forgetSession'],
                },
                { target: 'active', actions: 'assignError' },
              ],
            },
          },
        },
      },
      expired: {
        on: {
          ...startLogin('expired'),
          'otp.resend': {
            guard: and(['canResendExpiredOtp', 'isResendValid']),
            target: 'sending',
            actions: ['prepareResend', { type: 'markSendOrigin', params: 'expired' }],
          },
          'login.cancel': cancelToIdle,
        },
      },
    },
  });
}

/**
 * Creates the login machine with its actors bound to a Verifik client and a session storage.
 * @example
 * const actor = createActor(createLoginMachine({ baseUrl: 'http://127.0.0.1:4010' })).start();
 * actor.send({ type: 'login.phone', countryCode: '+1', phone: '1234566663' });
 */
export function createLoginMachine(options: LoginMachineOptions = {}) {
  const now = options.now ?? Date.now;
  const client = options.client ?? createVerifikClient({ baseUrl: options.baseUrl, now });
  const autoRefresh = options.autoRefresh;
  const storageTimeoutMs = options.storageTimeoutMs ?? defaultStorageTimeoutMs;
  const refreshOptions = typeof autoRefresh === 'object' ? autoRefresh : {};
  const machine = buildLoginMachine({
    client,
    store:
      options.sessionStore ??
      createSessionStore(options.storage ?? memoryStorage(), options.storageKey, {
        timeoutMs: storageTimeoutMs,
      }),
    storageTimeoutMs,
    now,
    otpLength: options.otpLength ?? 6,
    resendCooldownMs: options.resendCooldownMs ?? 120_000,
    autoRefreshLeadMs: autoRefresh ? (refreshOptions.beforeExpiryMs ?? defaultRefreshLeadMs) : null,
    refreshLock: refreshOptions.lock ?? defaultRefreshLock(),
    refreshLockName: `verifik-auth:refresh:${options.storageKey ?? defaultSessionKey}`,
    language: options.language,
  });
  // A persisted snapshot is untrusted input: validate it before XState restores it.
  return refuseUnsafeSnapshots(machine);
}

/** The login machine against Verifik's production API with in-memory sessions. */
export const loginMachine = /* #__PURE__ */ createLoginMachine();

/** The type of a login machine, for typing actors, snapshots and adapters' props. */
export type LoginMachine = ReturnType<typeof createLoginMachine>;
