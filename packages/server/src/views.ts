import type { OtpChallenge, ServerChallengeView, ServerSessionView } from '@verifik-auth/core/client';
import type { SealedSession } from './seal.js';

/** A sent code as the browser sees it: durations from `at`, never a deadline on this server's clock. */
export function challengeView(challenge: OtpChallenge, at: number): ServerChallengeView {
  return {
    method: challenge.method,
    ...(challenge.countryCode !== undefined && { countryCode: challenge.countryCode }),
    ...(challenge.phone !== undefined && { phone: challenge.phone }),
    ...(challenge.email !== undefined && { email: challenge.email }),
    gateway: challenge.gateway,
    requires2FA: challenge.requires2FA,
    ...(challenge.language !== undefined && { language: challenge.language }),
    expiresInMs: Math.max(0, challenge.expiresAt - at),
  };
}

/** A session as the browser sees it, **without the token**; `fresh` on the answer that issued it. */
export function sessionView(session: SealedSession, at: number, fresh = false): ServerSessionView {
  return {
    tokenType: session.tokenType,
    ageMs: fresh ? 0 : Math.max(0, at - session.issuedAt),
    expiresInMs: Math.max(0, session.expiresAt - at),
    maskedIdentifier: session.maskedIdentifier,
  };
}
