import { createMockDevClient, type FaultSpec } from '@verifik-auth/mock-server';
import { inject } from 'vitest';

/** The shared mock server's URL (see `mock-server.setup.ts`). */
export const mockUrl = (): string => inject('mockUrl');

/** The code the mock sends every time. */
export const otp = (): string => inject('fixedOtp');

let counter = 0;
const run = String(Date.now() % 100_000).padStart(5, '0');

/** A phone number no other test of this run uses, so the mock's cooldowns and codes never meet. */
export function uniquePhone(): string {
  counter += 1;
  return `3${run}${String(counter).padStart(4, '0')}`;
}

/** An email address no other test of this run uses. */
export function uniqueEmail(): string {
  counter += 1;
  return `user-${run}-${counter}@example.com`;
}

/** Makes the mock misbehave on its next request to `route` (see `POST /__dev/faults`). */
export async function injectFault(fault: FaultSpec): Promise<void> {
  await createMockDevClient(mockUrl()).fault(fault);
}
