import type { TestProject } from 'vitest/node';
import { demoAuthenticatorAccounts } from './demo-accounts.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the mock server a binding's tests share. */
    mockUrl: string;
    /** The code it sends every time. */
    fixedOtp: string;
    /** A second mock, where only the demo's accounts with an authenticator are registered. */
    authenticatorMockUrl: string;
  }
}

/**
 * `startMockServer` of `@verifik-auth/mock-server`, which each binding passes in: this file sits beside
 * the apps, where the package does not resolve.
 */
type StartMock = (options: {
  port: number;
  fixedOtp: string;
  resendCooldownMs?: number;
  clients?: typeof demoAuthenticatorAccounts;
}) => Promise<{ url: string; close(): Promise<void> }>;

/**
 * A binding's Vitest global setup (its `src/test/mock-server.setup.ts`): one mock Verifik in Vitest's
 * main process, not beside the components: under jsdom, typed arrays come from another realm than
 * Node's, and the mock's JWT signing refuses them. Files run in parallel against this one server, so
 * each test uses its own phone number or email instead of resetting it.
 */
export function mockServerSetup(
  startMockServer: StartMock,
  options: { fixedOtp: string; resendCooldownMs?: number },
) {
  return async (project: TestProject) => {
    const { fixedOtp } = options;
    const mock = await startMockServer({ port: 0, ...options });
    project.provide('mockUrl', mock.url);
    project.provide('fixedOtp', fixedOtp);
    // Listing accounts makes a mock refuse all others: these get a mock of their own.
    const authenticatorMock = await startMockServer({
      port: 0,
      fixedOtp,
      clients: demoAuthenticatorAccounts,
    });
    project.provide('authenticatorMockUrl', authenticatorMock.url);
    return async () => {
      await Promise.all([mock.close(), authenticatorMock.close()]);
    };
  };
}
