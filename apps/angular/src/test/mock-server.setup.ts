import { startMockServer } from '@verifik-auth/mock-server';
import type { TestProject } from 'vitest/node';
import { demoAuthenticatorAccounts } from '../../../demo-accounts.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the mock server the Angular tests share. */
    mockUrl: string;
    /** The code it sends every time. */
    fixedOtp: string;
    /** A second mock, where only the demo's accounts with an authenticator are registered. */
    authenticatorMockUrl: string;
  }
}

/**
 * Starts one mock Verifik for the Angular tests, in Vitest's main process: under jsdom, typed arrays
 * come from another realm than Node's, and the mock's JWT signing refuses Node's `Buffer` keys.
 * Each test uses its own phone number or email, so codes and cooldowns never meet.
 */
export default async function setup(project: TestProject) {
  const fixedOtp = '246810';
  const mock = await startMockServer({ port: 0, fixedOtp, resendCooldownMs: 0 });
  project.provide('mockUrl', mock.url);
  project.provide('fixedOtp', fixedOtp);
  // Listing accounts makes a mock refuse all others: these get a mock of their own.
  const authenticatorMock = await startMockServer({ port: 0, fixedOtp, clients: demoAuthenticatorAccounts });
  project.provide('authenticatorMockUrl', authenticatorMock.url);
  return async () => {
    await Promise.all([mock.close(), authenticatorMock.close()]);
  };
}
