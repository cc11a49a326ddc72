/** A `VerifikClient` that answers at once, in-process: the flow benchmarks measure the machine, not I/O. */
import type {
  OtpChallenge,
  PhoneOtpRequest,
  Session,
  StorageLike,
  VerifikClient,
} from '../../packages/core/src/index.js';

const otpTtlMs = 10 * 60 * 1000;
const sessionTtlMs = 30 * 24 * 60 * 60 * 1000;

const challengeFor = (request: PhoneOtpRequest): OtpChallenge => ({
  method: 'phone',
  countryCode: request.countryCode,
  phone: request.phone,
  gateway: request.gateway ?? 'whatsapp',
  expiresAt: Date.now() + otpTtlMs,
  requires2FA: false,
});

const newSession = (): Session => {
  const issuedAt = Date.now();
  return {
    accessToken: 'stub.access.token',
    tokenType: 'Bearer',
    issuedAt,
    expiresAt: issuedAt + sessionTtlMs,
  };
};

export const stubClient: VerifikClient = {
  requestPhoneOtp: async (request) => challengeFor(request),
  confirmPhoneOtp: async () => newSession(),
  requestEmailOtp: async (request) => ({
    method: 'email',
    email: request.email,
    gateway: 'email',
    expiresAt: Date.now() + otpTtlMs,
    requires2FA: false,
  }),
  confirmEmailOtp: async () => newSession(),
  refreshSession: async () => newSession(),
  renewAndRevoke: async () => newSession(),
};

/**
 * Reads like an empty memory store and forgets every write. One machine serves every flow, so a real
 * memory store would hand flow 2 the session flow 1 saved and skip the login; the core still pays for
 * its asynchronous load and its queued save.
 */
export const emptyStorage: StorageLike = {
  getItem: () => null,
  setItem: () => undefined,
  removeItem: () => undefined,
};
