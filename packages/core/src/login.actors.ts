import { fromCallback, fromPromise } from 'xstate';
import type { LoginClient, LoginSession, OtpChallenge, PhoneGateway } from './client.types.js';
import type { AuthenticatorHold, LoginEvent, LoginIdentifier } from './login.types.js';
import { defaultRefreshLock, type RefreshLock } from './refresh-lock.js';
import { Secret } from './secret.js';
import { defaultSessionKey, isSameSession, type SessionStore } from './session-store.js';

/** What the `requestOtp` actor is invoked with. */
export interface RequestOtpInput {
  /** Who to send the code to. */
  identifier: LoginIdentifier;
  /** Overrides the identifier's gateway, for a resend through another channel. */
  gateway?: PhoneGateway;
}

/** What the `confirmOtp` actor is invoked with; the codes are wrapped so they never reach logs. */
export interface ConfirmOtpInput {
  /** The phone or email the code was sent to. */
  identifier: LoginIdentifier;
  /** The code the user typed. */
  otp: Secret<string>;
  /** The authenticator app's code, for accounts that must use one. */
  authenticatorOtp?: Secret<string>;
}

/** What the `refreshSession` actor is invoked with. */
export interface RefreshSessionInput {
  /** The session to renew; its token authorizes the refresh. */
  session: LoginSession;
}

/** Options of {@link createLoginActors}. */
export interface LoginActorsOptions {
  /** Taken around each refresh so tabs take turns. Default {@link defaultRefreshLock}. */
  lock?: RefreshLock;
  /** The lock's name. Default `verifik-auth:refresh:verifik-auth.session`. */
  lockName?: string;
}

/** The invoked actors, one per endpoint; each gets an AbortSignal that fires when its state is left. */
export function createLoginActors(
  client: LoginClient,
  store: SessionStore,
  options: LoginActorsOptions = {},
) {
  const lock = options.lock ?? defaultRefreshLock();
  const lockName = options.lockName ?? `verifik-auth:refresh:${defaultSessionKey}`;
  return {
    requestOtp: fromPromise<OtpChallenge, RequestOtpInput>(({ input, signal }) => {
      const { identifier } = input;
      if (identifier.method === 'email') {
        return client.requestEmailOtp({ email: identifier.email, language: identifier.language }, { signal });
      }
      return client.requestPhoneOtp(
        {
          countryCode: identifier.countryCode,
          phone: identifier.phone,
          gateway: input.gateway ?? identifier.gateway,
          language: identifier.language,
        },
        { signal },
      );
    }),
    /**
     * A session, or, when the code was right and the account's authenticator is needed too, what the
     * authenticator step holds (the code, to send again with the app's code, and any setup), sealed.
     */
    confirmOtp: fromPromise<LoginSession | Secret<AuthenticatorHold>, ConfirmOtpInput>(
      async ({ input, signal }) => {
        const { identifier } = input;
        const otp = input.otp.reveal();
        const authenticatorOtp = input.authenticatorOtp?.reveal();
        const answer =
          identifier.method === 'email'
            ? await client.confirmEmailOtp({ email: identifier.email, otp, authenticatorOtp }, { signal })
            : await client.confirmPhoneOtp(
                { countryCode: identifier.countryCode, phone: identifier.phone, otp, authenticatorOtp },
                { signal },
              );
        return 'authenticatorRequired' in answer ? new Secret({ ...answer, otp }) : answer;
      },
    ),
    /**
     * One refresh at a time across tabs, as supabase-js does with `navigator.locks`: under the lock it
     * first reads the stored session, and when another tab has already replaced this token it takes
     * that one instead of minting another key; a new token is stored before the lock is released, so
     * the next holder finds it.
     */
    refreshSession: fromPromise<LoginSession, RefreshSessionInput>(({ input, signal }) =>
      lock(
        lockName,
        async () => {
          const stored = await store.load();
          const { session } = input;
          if (stored && !isSameSession(stored, session) && stored.expiresAt > session.expiresAt) {
            return stored;
          }
          const refreshed = await client.refreshSession(session.accessToken, { signal });
          await store.save(refreshed);
          return refreshed;
        },
        signal,
      ),
    ),
    /**
     * Sign out everywhere else: under the refresh lock, so no refresh of another tab runs meanwhile, and
     * the new session is stored before the lock is released, so the tabs waiting for it take it.
     */
    revokeOtherSessions: fromPromise<LoginSession, RefreshSessionInput>(({ input, signal }) =>
      lock(
        lockName,
        async () => {
          const session = await client.renewAndRevoke(input.session.accessToken, { signal });
          await store.save(session);
          return session;
        },
        signal,
      ),
    ),
    loadSession: fromPromise<LoginSession | null>(() => store.load()),
    /**
     * Lives as long as the machine. On start, and again when an actor is restored from a persisted
     * snapshot (XState does not persist pending `after` timers), it asks the machine to re-arm its
     * deadline timers; then it relays other tabs' logins and logouts. One actor for both, since each
     * long-lived actor costs every login.
     */
    watchSession: fromCallback<LoginEvent>(({ sendBack }) => {
      sendBack({ type: 'timers.resume' });
      return store.watch((session) => sendBack({ type: 'session.sync', session }));
    }),
  };
}

/** The actors {@link createLoginActors} makes, one per call the machine invokes; tests swap them with `machine.provide({ actors })`. */
export type LoginActors = ReturnType<typeof createLoginActors>;
