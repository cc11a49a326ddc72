import type { InboxMessage, MockServer } from '@verifik-auth/mock-server';

/** Settings of the mock server started inside the CLI when no `--api` is given. */
export interface EmbeddedMockOptions {
  otpTtlMs?: number;
  fixedOtp?: string;
  /** Called with every code the mock "sends", so the CLI can show it. */
  onMessage: (message: InboxMessage) => void;
}

/** Verifik's resend cooldown, which the mock imitates. */
const verifikResendCooldownMs = 120_000;

/**
 * The wait before a new code, for the mock and the machine alike. Verifik's codes outlive its cooldown
 * (10 minutes against 2); with a shorter `--otp-ttl` the cooldown shrinks with it, so an expired code
 * can always be replaced, as with Verifik.
 */
export function embeddedResendCooldownMs(otpTtlMs: number | undefined): number {
  return Math.min(verifikResendCooldownMs, otpTtlMs ?? Number.POSITIVE_INFINITY);
}

/** Starts the mock server on a free port of 127.0.0.1; loaded only when needed, so `--api` stays light. */
export async function startEmbeddedMock(options: EmbeddedMockOptions): Promise<MockServer> {
  const { startMockServer } = await import('@verifik-auth/mock-server');
  return startMockServer({
    port: 0,
    resendCooldownMs: embeddedResendCooldownMs(options.otpTtlMs),
    onMessage: options.onMessage,
    ...(options.otpTtlMs === undefined ? {} : { otpTtlMs: options.otpTtlMs }),
    ...(options.fixedOtp === undefined ? {} : { fixedOtp: options.fixedOtp }),
  });
}
