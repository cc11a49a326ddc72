import { startMockServer } from '@verifik-auth/mock-server';
import type { TestProject } from 'vitest/node';
import { demoAuthenticatorAccounts } from '../../../demo-accounts.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the mock server the tests share. */
    mockUrl: string;
    /** The code it sends every time. */
    fixedOtp: string;
    /** A second mock, where only the demo's accounts with an authenticator are registered. */
    authenticatorMockUrl: string;
  }
}

/**
 * Runs the mock server in Vitest's main process: jsdom's typed arrays are not Node's, which breaks the
 * mock's JWT signing when it shares a realm with the components under test. Files run in parallel
 * against this one server, so each test uses its own phone number or email instead of resetting it.
 */
export default async function setup(project: TestProject) {
  const fixedOtp = '123456';
  const mock = await startMockServer({ port: 0, fixedOtp });
  project.provide('mockUrl', mock.url);
  project.provide('fixedOtp', fixedOtp);
  // Listing accounts makes a mock refuse all others: these get a mock of their own.
  const authenticatorMock = await startMockServer({ port: 0, fixedOtp, clients: demoAuthenticatorAccounts });
  project.provide('authenticatorMockUrl', authenticatorMock.url);
  return async () => {
    await Promise.all([mock.close(), authenticatorMock.close()]);
  };
}
