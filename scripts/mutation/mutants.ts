/**
 * Realistic bugs ("mutants") in the login machine and its view, for `pnpm mutants` (see README.md
 * beside this file). Each one is a single edit: `find` must occur exactly once in `file`, and is
 * replaced by `replace` in a copy of `packages/core/src`. Every mutant changes something a user or
 * another tab could observe in some scenario (state, view, requests sent, storage or timing); `why`
 * says what.
 */

export const mutantCategories = [
  'wrong target',
  'inverted guard',
  'missing guard',
  'missing assign',
  'storage not written',
  'storage not cleared',
  'wrong timer',
  'tag dropped',
  'other tab',
  'otp kept',
  'client layer',
  'authenticator step',
] as const;

export type MutantCategory = (typeof mutantCategories)[number];

/** The core's files a mutant may edit, relative to the repository root. */
export type MutantFile =
  | 'packages/core/src/login.machine.ts'
  | 'packages/core/src/connect.ts'
  | 'packages/core/src/session-store.ts'
  | 'packages/core/src/login.actors.ts'
  | 'packages/core/src/server-clock.ts'
  | 'packages/core/src/transport.ts'
  | 'packages/core/src/http-errors.ts'
  | 'packages/core/src/client.ts'
  | 'packages/core/src/storage.ts';

export interface Mutant {
  /** kebab-case, unique. */
  id: string;
  category: MutantCategory;
  file: MutantFile;
  /** Occurs exactly once in `file`. */
  find: string;
  replace: string;
  /** What a user (or another tab) would see. */
  why: string;
}

const machine = 'packages/core/src/login.machine.ts';
const connect = 'packages/core/src/connect.ts';
const sessionStore = 'packages/core/src/session-store.ts';
const serverClock = 'packages/core/src/server-clock.ts';
const transport = 'packages/core/src/transport.ts';
const httpErrors = 'packages/core/src/http-errors.ts';
const client = 'packages/core/src/client.ts';
const storage = 'packages/core/src/storage.ts';

/** The revoking state's answer with `actions` (the refreshing state's reads the same but for its `src`). */
const revokeDone = (actions: string) => `src: 'revokeOtherSessions',
              // biome-ignore lint/style/noNonNullAssertion: authenticated always holds a session
              input: ({ context }) => ({ session: context.session! }),
              onDone: {
                target: '#login.authenticated',
                reenter: true,
                actions: ${actions},`;

export const mutants: readonly Mutant[] = [
  // ---------------------------------------------------------------------------------- wrong target
  {
    id: 'resend-failure-to-idle',
    category: 'wrong target',
    file: machine,
    find: `guard: ({ context }) => context.sendOrigin === 'awaitingOtp',
              target: 'awaitingOtp',`,
    replace: `guard: ({ context }) => context.sendOrigin === 'awaitingOtp',
              target: 'idle',`,
    why: 'A resend that fails (e.g. rate_limited) throws the user back to the phone form instead of the code step.',
  },
  {
    id: 'confirm-failure-to-idle',
    category: 'wrong target',
    file: machine,
    find: `{ target: 'awaitingOtp', actions: 'assignError' },`,
    replace: `{ target: 'idle', actions: 'assignError' },`,
    why: 'A network or server error while confirming drops the user on the form; the code they hold is useless.',
  },
  {
    id: 'revoked-refresh-to-idle',
    category: 'wrong target',
    file: machine,
    find: `target: '#login.expired',
                  actions: ['assignError', 'expireSession', 'forgetSession'],
                },
                { target: 'active', actions: ['assignError', 'scheduleRefreshRetry'] },`,
    replace: `target: '#login.idle',
                  actions: ['assignError', 'expireSession', 'forgetSession'],
                },
                { target: 'active', actions: ['assignError', 'scheduleRefreshRetry'] },`,
    why: 'A refresh refused as unauthorized shows the empty form instead of "your session expired".',
  },

  // -------------------------------------------------------------------------------- inverted guard
  {
    id: 'resend-available-inverted',
    category: 'inverted guard',
    file: machine,
    find: 'context.resendAvailableAt === null || now() >= context.resendAvailableAt,',
    replace: 'context.resendAvailableAt === null || now() < context.resendAvailableAt,',
    why: 'The resend button is enabled right after a code is sent, so the cooldown does not hold.',
  },
  {
    id: 'expired-resend-reason-inverted',
    category: 'inverted guard',
    file: machine,
    find: `canResendExpiredOtp: ({ context }) => context.expiredReason === 'otp' && context.identifier !== null,`,
    replace: `canResendExpiredOtp: ({ context }) => context.expiredReason !== 'otp' && context.identifier !== null,`,
    why: '"Send a new code" after the code expired does nothing; after a session expiry it sends one.',
  },
  {
    id: 'restore-liveness-inverted',
    category: 'inverted guard',
    file: machine,
    find: 'guard: ({ event }) => !isSessionLive(event.output),',
    replace: 'guard: ({ event }) => isSessionLive(event.output),',
    why: 'On reload a valid stored session is shown as expired and erased; an expired one is let in.',
  },

  // --------------------------------------------------------------------------------- missing guard
  {
    id: 'otp-format-unchecked',
    category: 'missing guard',
    file: machine,
    find: `{ guard: 'isOtpSubmissionValid', target: 'confirming', actions: 'clearErrors' },`,
    replace: `{ target: 'confirming', actions: 'clearErrors' },`,
    why: 'A malformed code ("12") is sent to the API instead of getting a field error.',
  },
  {
    id: 'expired-resend-any-reason',
    category: 'missing guard',
    file: machine,
    find: `guard: and(['canResendExpiredOtp', 'isResendValid']),`,
    replace: `guard: 'isResendValid',`,
    why: 'A resend on the "session expired" screen sends a code request (with no identifier after a reload).',
  },
  {
    id: 'otp-expiry-not-rechecked',
    category: 'missing guard',
    file: machine,
    find: `{ guard: 'isOtpExpired', target: 'expired', actions: 'expireOtp' },`,
    replace: `{ target: 'expired', actions: 'expireOtp' },`,
    why: 'After the device clock goes back (or a capped timer wakes early) the code is shown expired too soon.',
  },
  {
    id: 'view-resend-ignores-cooldown',
    category: 'missing guard',
    file: connect,
    find: `(step === 'awaitingOtp' && has('matches', { awaitingOtp: 'ready' })) ||`,
    replace: `step === 'awaitingOtp' ||`,
    why: 'The resend button is enabled during the cooldown; clicking it only shows resend_too_soon.',
  },
  {
    id: 'view-resend-any-expiry',
    category: 'missing guard',
    file: connect,
    find: `(step === 'expired' && expiredReason === 'otp');`,
    replace: `step === 'expired';`,
    why: 'The "session expired" screen offers "send a new code", which does nothing.',
  },
  {
    id: 'view-resending-first-send',
    category: 'missing guard',
    file: connect,
    find: `resending: step === 'sending' && challenge !== null,`,
    replace: `resending: step === 'sending',`,
    why: 'Sending the first code shows the code step ("sending a new code…") instead of the form with a spinner.',
  },

  // -------------------------------------------------------------------------------- missing assign
  {
    id: 'attempt-not-counted',
    category: 'missing assign',
    file: machine,
    find: `target: 'awaitingOtp',
              actions: ['assignError', 'countAttempt'],`,
    replace: `target: 'awaitingOtp',
              actions: 'assignError',`,
    why: '"Wrong code, attempt N" never counts up: attempts stays 0 after wrong codes.',
  },
  {
    id: 'cancel-keeps-error',
    category: 'missing assign',
    file: machine,
    find: `abandonChallenge: assign({
        challenge: null,
        resendAvailableAt: null,
        attempts: 0,
        error: null,`,
    replace: `abandonChallenge: assign({
        challenge: null,
        resendAvailableAt: null,
        attempts: 0,`,
    why: 'After "Change number" the form still shows the last error (e.g. invalid_otp) from the code step.',
  },
  {
    id: 'new-code-keeps-attempts',
    category: 'missing assign',
    file: machine,
    find: `resendAvailableAt: now() + deps.resendCooldownMs,
          attempts: 0,`,
    replace: 'resendAvailableAt: now() + deps.resendCooldownMs,',
    why: 'A resent code starts with the wrong-code count of the previous one.',
  },
  {
    id: 'logout-keeps-session',
    category: 'missing assign',
    file: machine,
    find: 'clearSession: assign({ session: null, error: null, expiredReason: null, refreshRetry: null }),',
    replace: 'clearSession: assign({ error: null, expiredReason: null, refreshRetry: null }),',
    why: 'After logout the form shows, but view.session still holds the token (and the snapshot persists it).',
  },

  // --------------------------------------------------------------------------- storage not written
  {
    id: 'login-not-stored',
    category: 'storage not written',
    file: machine,
    find: `{ target: 'authenticated', actions: ['assignSession', 'storeSession'] },`,
    replace: `{ target: 'authenticated', actions: 'assignSession' },`,
    why: 'A reload right after logging in shows the login form again.',
  },
  {
    id: 'store-before-assign',
    category: 'storage not written',
    file: machine,
    find: `{ target: 'authenticated', actions: ['assignSession', 'storeSession'] },`,
    replace: `{ target: 'authenticated', actions: ['storeSession', 'assignSession'] },`,
    why: 'The session is stored before it is assigned, so nothing is stored: a reload logs the user out.',
  },
  {
    id: 'save-ignores-storage-key',
    category: 'storage not written',
    file: sessionStore,
    find: 'return write(session, () => storage.setItem(key, encoded));',
    replace: 'return write(session, () => storage.setItem(defaultSessionKey, encoded));',
    why: 'With a custom storageKey the session lands under the default key: a reload logs the user out.',
  },

  // --------------------------------------------------------------------------- storage not cleared
  {
    id: 'logout-not-forgotten',
    category: 'storage not cleared',
    file: machine,
    find: `'session.logout': { target: 'idle', actions: ['clearSession', 'forgetSession'] },`,
    replace: `'session.logout': { target: 'idle', actions: 'clearSession' },`,
    why: 'After logout a reload logs the user back in; other tabs never hear of the logout.',
  },
  {
    id: 'revoked-token-not-forgotten',
    category: 'storage not cleared',
    file: machine,
    find: `actions: ['assignError', 'expireSession', 'forgetSession'],
                },
                { target: 'active', actions: ['assignError', 'scheduleRefreshRetry'] },`,
    replace: `actions: ['assignError', 'expireSession'],
                },
                { target: 'active', actions: ['assignError', 'scheduleRefreshRetry'] },`,
    why: 'A token the API refused stays stored: a reload shows the user logged in with a dead token.',
  },
  {
    id: 'expired-session-not-forgotten',
    category: 'storage not cleared',
    file: machine,
    find: `{ guard: 'isSessionExpired', target: 'expired', actions: ['expireSession', 'forgetSession'] },`,
    replace: `{ guard: 'isSessionExpired', target: 'expired', actions: 'expireSession' },`,
    why: 'The expired token stays in storage (readable by anything on the page) until the next reload.',
  },

  // ----------------------------------------------------------------------------------- wrong timer
  {
    id: 'cooldown-waits-for-otp-expiry',
    category: 'wrong timer',
    file: machine,
    find: 'resendCooldown: ({ context }) => timerDelay(context.resendAvailableAt ?? 0, now()),',
    replace: 'resendCooldown: ({ context }) => timerDelay(context.challenge?.expiresAt ?? 0, now()),',
    why: 'The resend button stays disabled for the code lifetime (10 min) instead of the 2-minute cooldown.',
  },
  {
    id: 'timer-delay-uncapped',
    category: 'wrong timer',
    file: machine,
    find: 'Math.min(Math.max(0, deadline - now), maxTimerDelay);',
    replace: 'Math.max(0, deadline - now);',
    why: 'A 30-day session timer overflows setTimeout (fires after 1 ms) and re-arms in a tight loop in browsers.',
  },
  {
    id: 'refresh-retry-ignored',
    category: 'wrong timer',
    file: machine,
    find: 'return context.refreshRetry?.at ?? refreshDueAt(context.session, deps.autoRefreshLeadMs);',
    replace: 'return refreshDueAt(context.session, deps.autoRefreshLeadMs);',
    why: 'After a failed automatic refresh the next one starts at once, hammering the API instead of backing off.',
  },
  {
    id: 'otp-expiry-only-in-cooldown',
    category: 'wrong timer',
    file: machine,
    find: `        after: {
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
`,
    replace: `        on: {
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
              otpExpiry: [
                { guard: 'isOtpExpired', target: '#login.expired', actions: 'expireOtp' },
                { target: '#login.awaitingOtp', reenter: true },
              ],
`,
    why: 'The expiry timer lives in the cooldown substate only: once resend is possible the code never expires on screen.',
  },
  {
    id: 'otp-timers-not-resumed',
    category: 'wrong timer',
    file: machine,
    find: `          'login.cancel': cancelToIdle,
          'timers.resume': { target: 'awaitingOtp', reenter: true },
`,
    replace: `          'login.cancel': cancelToIdle,
`,
    why: 'After a reload on the code step the code never expires and the resend button never enables.',
  },

  // ----------------------------------------------------------------------------------- tag dropped
  {
    id: 'sending-not-busy',
    category: 'tag dropped',
    file: machine,
    find: `      sending: {
        tags: 'busy',
`,
    replace: `      sending: {
`,
    why: 'While the code is being sent the button is not disabled: a double click sends two codes.',
  },
  {
    id: 'confirming-not-busy',
    category: 'tag dropped',
    file: machine,
    find: `      confirming: {
        tags: 'busy',
`,
    replace: `      confirming: {
`,
    why: 'While the code is checked no spinner shows and the submit button stays enabled.',
  },
  {
    id: 'refreshing-not-busy',
    category: 'tag dropped',
    file: machine,
    find: `          refreshing: {
            tags: 'busy',
`,
    replace: `          refreshing: {
`,
    why: 'A refresh in flight shows no spinner; "refresh" and "logout" stay clickable meanwhile.',
  },
  {
    id: 'view-busy-by-step',
    category: 'tag dropped',
    file: connect,
    find: `busy: has('hasTag', 'busy'),`,
    replace: `busy: step === 'sending' || step === 'confirming',`,
    why: 'view.busy is false while the stored session is read and while a refresh runs: the form flashes.',
  },

  // ------------------------------------------------------------------------------------- other tab
  {
    id: 'other-tab-logout-while-logging-in',
    category: 'other tab',
    file: machine,
    find: `{ guard: 'isOtherTabLogout', target: '.idle', actions: ['clearSession', 'forgetSession'] },`,
    replace: `{ guard: 'isLogoutElsewhere', target: '.idle', actions: ['clearSession', 'forgetSession'] },`,
    why: 'A logout in another tab aborts this tab mid-login (code step) and drops the user on the form.',
  },
  {
    id: 'other-tab-logout-ignored-while-restoring',
    category: 'other tab',
    file: machine,
    find: `          // A logout elsewhere while this tab reads its own copy of the token: drop the copy.
          'session.sync': { guard: 'isLogoutElsewhere', target: 'idle', actions: 'forgetSession' },
`,
    replace: '',
    why: 'A logout in another tab while this tab is loading is missed: the stale copy logs this tab in.',
  },
  {
    id: 'other-tab-expired-login-accepted',
    category: 'other tab',
    file: machine,
    // The same mutant since server mode (sessions compared with isSameSession) and since the synced
    // session is a checked copy (syncedSession): the liveness check dropped.
    find: 'session !== undefined &&\n          isSessionLive(session) &&\n',
    replace: 'session !== undefined &&\n',
    why: 'An expired token written by another tab yanks this tab out of its login into "session expired".',
  },

  // -------------------------------------------------------------------------------------- otp kept
  {
    id: 'otp-kept-in-context',
    category: 'otp kept',
    file: machine,
    find: `{ guard: 'isOtpSubmissionValid', target: 'confirming', actions: 'clearErrors' },`,
    replace: `{
              guard: 'isOtpSubmissionValid',
              target: 'confirming',
              actions: ['clearErrors', assign({ lastOtp: ({ event }: { event: { otp: string } }) => event.otp } as never)],
            },`,
    why: 'The submitted code is kept in context, so it ends up in persisted snapshots and devtools.',
  },
  {
    id: 'otp-echoed-in-error',
    category: 'otp kept',
    file: machine,
    find: 'return { fieldErrors: validateOtpSubmission(event, otpRules) };',
    replace: `return {
          fieldErrors: validateOtpSubmission(event, otpRules),
          error: { code: 'invalid_otp' as const, retryable: true, serverMessage: \`Not a valid code: \${event.otp}\` },
        };`,
    why: 'A refused code is echoed into view.error (shown, logged and persisted) next to the field error.',
  },

  // ------------------------------------------------------------------------------ client layer
  // Below the machine: only a replay through the real client over HTTP can see these.
  {
    id: 'clock-offset-sign-flipped',
    category: 'client layer',
    file: serverClock,
    find: 'return { at: receivedAt + lifetime, source: reference.source };',
    replace: 'return { at: deadline + (reference.at - receivedAt), source: reference.source };',
    why: "The device's offset from the server's clock is applied the wrong way: on a device 3 minutes ahead a 10-minute code shows 4 minutes and expires early.",
  },
  {
    id: 'logout-message-carries-token',
    category: 'client layer',
    file: storage,
    find: `      store.removeItem(effectiveKey(requested));
      channelFor(effectiveKey(requested))?.postMessage(null);`,
    replace: `      const removed = store.getItem(effectiveKey(requested));
      store.removeItem(effectiveKey(requested));
      channelFor(effectiveKey(requested))?.postMessage(removed);`,
    why: 'A logout tells the other tabs the token it removed instead of "logged out": the token goes out once more and the other tabs stay signed in.',
  },
  {
    id: 'redirect-300-read-as-answer',
    category: 'client layer',
    file: transport,
    find: '(response.status >= 300 && response.status < 400)',
    replace: '(response.status > 300 && response.status < 400)',
    why: 'A 300 is read as an error answer, not as a redirect the client refuses: the user sees "Something went wrong" instead of "unexpected answer", and it counts as worth retrying.',
  },
  {
    id: 'server-error-boundary',
    category: 'client layer',
    file: httpErrors,
    find: "if (status >= 500) return 'server';",
    replace: "if (status > 500) return 'server';",
    why: 'A 500 is taken for an unknown error: no "try again", and a refresh is not retried.',
  },
  {
    id: 'refresh-retry-inverted',
    category: 'client layer',
    file: client,
    find: 'if (!retryStatuses.has(status)) return undefined;',
    replace: 'if (retryStatuses.has(status)) return undefined;',
    why: 'A refresh answered 500 or 503 is not retried (the session is dropped after one blip), while a 4xx refusal is sent again.',
  },

  // ------------------------------------------------------------------ authenticator step (issue 18)
  {
    id: 'authenticator-answer-signs-in',
    category: 'authenticator step',
    file: machine,
    find: `{ guard: 'isAuthenticatorAnswer', target: 'awaitingAuthenticator', actions: 'holdAuthenticator' },`,
    replace: '',
    why: 'The answer that asks for the authenticator is taken as a session: the user is "signed in" with no token.',
  },
  {
    id: 'authenticator-wrong-code-to-code-step',
    category: 'authenticator step',
    file: machine,
    find: `guard: ({ event }) => errorOf(event).code === 'invalid_authenticator_otp',
                  target: 'typing',`,
    replace: `guard: ({ event }) => errorOf(event).code === 'invalid_authenticator_otp',
                  target: '#login.awaitingOtp',`,
    why: "A wrong app code sends the user back to typing the code they already got right, with the step's QR code and key gone.",
  },
  {
    id: 'authenticator-attempt-not-counted',
    category: 'authenticator step',
    file: machine,
    find: `target: 'typing',
                  actions: ['assignError', 'countAttempt'],`,
    replace: `target: 'typing',
                  actions: 'assignError',`,
    why: 'Wrong app codes are not counted: the step shows no wrong attempts after them.',
  },
  {
    id: 'authenticator-asked-again-taken',
    category: 'authenticator step',
    file: machine,
    find: `{
                  guard: 'isAuthenticatorAnswer',
                  target: 'typing',`,
    replace: `{
                  guard: () => false,
                  target: 'typing',`,
    why: 'Asked for the authenticator again after sending its code, the login takes the answer as a session.',
  },
  {
    id: 'authenticator-refused-code-stays',
    category: 'authenticator step',
    file: machine,
    find: `guard: ({ event }) => errorOf(event).code === 'invalid_otp',
                  target: '#login.awaitingOtp',`,
    replace: `guard: ({ event }) => errorOf(event).code === 'invalid_otp',
                  target: 'typing',`,
    why: 'The code refused after all keeps the user on the step, sending the same dead code with every app code.',
  },
  {
    id: 'authenticator-expiry-without-reason',
    category: 'authenticator step',
    file: machine,
    find: `{ guard: 'isOtpExpired', target: '#login.expired', actions: 'expireOtp' },`,
    replace: `{ guard: 'isOtpExpired', target: '#login.expired' },`,
    why: 'The code expiring on the step ends in "expired" without saying the code ran out, and no new code can be asked for.',
  },
  {
    id: 'authenticator-expiry-ignored',
    category: 'authenticator step',
    file: machine,
    find: `{ guard: 'isOtpExpired', target: '#login.expired', actions: 'expireOtp' },
                { target: 'typing', reenter: true },`,
    replace: `{ target: 'typing', reenter: true },`,
    why: 'The step waits for ever after the code died: every app code then fails with otp_expired.',
  },
  {
    id: 'authenticator-hold-kept-on-leaving',
    category: 'authenticator step',
    file: machine,
    find: `exit: 'dropAuthenticator',`,
    replace: '',
    why: 'Cancelled, expired or signed in, the login keeps the code, QR code and key in memory (devtools, crash reports).',
  },
  {
    id: 'authenticator-cancel-keeps-challenge',
    category: 'authenticator step',
    file: machine,
    find: `exit: 'dropAuthenticator',
        on: { 'login.cancel': cancelToIdle },`,
    replace: `exit: 'dropAuthenticator',
        on: { 'login.cancel': '#login.idle' },`,
    why: "Cancelling the step keeps the old code's error, attempts and cooldown into the next login.",
  },
  {
    id: 'authenticator-sends-no-code',
    category: 'authenticator step',
    file: machine,
    find: `otp: new Secret(context.authenticator?.reveal().otp ?? ''),`,
    replace: `otp: new Secret(''),`,
    why: 'The step sends the app code without the code it confirms: Verifik refuses every app code.',
  },
  {
    id: 'authenticator-confirming-not-busy',
    category: 'authenticator step',
    file: machine,
    find: `tags: 'busy',
            invoke: {
              src: 'confirmOtp',`,
    replace: `invoke: {
              src: 'confirmOtp',`,
    why: 'While the app code is checked, the page stays enabled: a second submit or cancel races the first.',
  },
  {
    id: 'authenticator-empty-code-sent',
    category: 'authenticator step',
    file: machine,
    find: `{ guard: 'isAuthenticatorSubmissionValid', target: 'confirming', actions: 'clearErrors' },`,
    replace: `{ target: 'confirming', actions: 'clearErrors' },`,
    why: 'An empty or malformed app code is sent to Verifik instead of being marked on its field.',
  },
  {
    id: 'view-authenticator-setup-hidden',
    category: 'authenticator step',
    file: connect,
    find: `qrCode: typeof qrCode === 'string' ? qrCode : null,`,
    replace: `qrCode: null,`,
    why: 'A first login never shows the QR code to scan: the user has to type the key by hand.',
  },
  {
    id: 'revoke-session-not-assigned',
    category: 'missing assign',
    file: machine,
    find: revokeDone(`['assignSession', 'storeSession']`),
    replace: revokeDone(`['storeSession']`),
    why: 'After "sign out everywhere" the page keeps the old token, which Verifik has just revoked: the next refresh fails.',
  },
  {
    id: 'revoke-session-not-stored',
    category: 'storage not written',
    file: machine,
    find: revokeDone(`['assignSession', 'storeSession']`),
    replace: revokeDone(`['assignSession']`),
    why: 'The new token after "sign out everywhere" is not stored: a reload finds the revoked one and is signed out.',
  },
  {
    id: 'revoke-unauthorized-as-session-expiry',
    category: 'missing assign',
    file: machine,
    find: `actions: ['assignError', 'expireSession', 'forgetSession'],
                },
                { target: 'active', actions: 'assignError' },`,
    replace: `actions: ['assignError', 'expireSession', 'forgetSession', assign({ expiredReason: 'session' })],
                },
                { target: 'active', actions: 'assignError' },`,
    why: 'A token refused on "sign out everywhere" reads "your session expired" instead of "ended elsewhere".',
  },
  {
    id: 'revoke-error-not-shown',
    category: 'missing assign',
    file: machine,
    find: `{ target: 'active', actions: 'assignError' },`,
    replace: `{ target: 'active' },`,
    why: '"Sign out everywhere" failing (server, network) says nothing: the user thinks the other sessions ended.',
  },
  {
    id: 'revoking-not-busy',
    category: 'tag dropped',
    file: machine,
    find: `revoking: {
            tags: 'busy',
`,
    replace: `revoking: {
`,
    why: 'While signing out everywhere no spinner shows; "refresh" and "log out" stay clickable and race it.',
  },
];
