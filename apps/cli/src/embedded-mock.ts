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

const mockPackage = '@verifik-auth/mock-server';

/**
 * Whether `error` says that the mock server package itself cannot be found (Node names the missing
 * package in quotes: `Cannot find package '@verifik-auth/mock-server' imported from …`), as opposed
 * to one of its own dependencies missing from a broken install, which stays an unexpected error.
 */
function isMockMissing(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    typeof message === 'string' &&
    (message.includes(`'${mockPackage}'`) || message.includes(`"${mockPackage}"`))
  );
}

/** The mock server package is not installed where the CLI can import it (it is an optional peer). */
export class MockNotInstalledError extends Error {
  override name = 'MockNotInstalledError' as const;
}

/**
 * Starts the mock server on a free port of 127.0.0.1. The mock is an optional peer dependency, imported
 * only here, so `--api` neither needs nor loads it.
 * @throws {MockNotInstalledError} when `@verifik-auth/mock-server` is not installed.
 */
export async function startEmbeddedMock(options: EmbeddedMockOptions): Promise<MockServer> {
  let mockServer: typeof import('@verifik-auth/mock-server');
  try {
    mockServer = await import('@verifik-auth/mock-server');
  } catch (error) {
    if (isMockMissing(error))
      throw new MockNotInstalledError(`${mockPackage} is not installed`, { cause: error });
    throw error;
  }
  const { startMockServer } = mockServer;
  return startMockServer({
    port: 0,
    resendCooldownMs: embeddedResendCooldownMs(options.otpTtlMs),
    onMessage: options.onMessage,
    ...(options.otpTtlMs === undefined ? {} : { otpTtlMs: options.otpTtlMs }),
    ...(options.fixedOtp === undefined ? {} : { fixedOtp: options.fixedOtp }),
  });
}
