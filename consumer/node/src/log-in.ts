/**
 * A core-only script, type-checked with a Node-only tsconfig (lib es2023, types node, no DOM,
 * skipLibCheck false): logs in by phone with the app's own xstate and resolves with the token.
 */
import { connect, createLoginMachine } from '@verifik-auth/core';
import { createActor } from 'xstate';

export interface LoggedIn {
  /** The top-level steps the login went through, in order. */
  steps: string[];
  accessToken: string;
}

/** Logs in at `baseUrl` with the phone +1 1234566663 and the code `otp`; rejects on any error. */
export function logInByPhone(baseUrl: string, otp: string): Promise<LoggedIn> {
  const actor = createActor(createLoginMachine({ baseUrl }));
  const steps: string[] = [];
  let sent = false;
  let submitted = false;
  return new Promise<LoggedIn>((resolve, reject) => {
    actor.subscribe({
      next(snapshot) {
        const view = connect(snapshot, actor.send, { locale: 'en' });
        if (steps.at(-1) !== view.step) steps.push(view.step);
        if (view.error) reject(new Error(`${view.step}: ${view.error.code}: ${view.error.message}`));
        else if (view.step === 'idle' && !sent) {
          sent = true;
          view.sendPhone({ countryCode: '+1', phone: '1234566663' });
        } else if (view.step === 'awaitingOtp' && !submitted) {
          submitted = true;
          view.submitOtp(otp);
        } else if (view.step === 'authenticated') {
          const accessToken = view.session?.accessToken;
          if (accessToken) resolve({ steps, accessToken });
          else reject(new Error('authenticated without an access token'));
        } else if (view.step === 'expired') reject(new Error(`expired (${view.expiredReason})`));
      },
      error: reject,
    });
    actor.start();
  }).finally(() => actor.stop());
}
