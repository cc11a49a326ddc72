import { fireEvent } from '@testing-library/svelte';
import { createMockDevClient, type InboxMessage } from '@verifik-auth/mock-server';
import { inject } from 'vitest';

/** The shared mock server (see `mock-server.setup.ts`). */
export const mockUrl = (): string => inject('mockUrl');

/** The code the mock sends every time. */
export const fixedOtp = (): string => inject('fixedOtp');

const used = new Set<string>();

function unique(make: () => string): string {
  let value = make();
  while (used.has(value)) value = make();
  used.add(value);
  return value;
}

const digits = (count: number) => String(Math.floor(Math.random() * 10 ** count)).padStart(count, '0');

/**
 * A US number no other test is likely to use in this run (files run in parallel against one mock), so
 * codes, cooldowns and inbox entries never collide.
 */
export const uniquePhone = (): string => unique(() => `202${digits(7)}`);

/** An email address no other test is likely to use in this run. */
export const uniqueEmail = (): string => unique(() => `user-${digits(9)}@example.com`);

/** Codes the mock "sent" to one phone number or email address, oldest first. */
export async function inboxFor(target: string): Promise<InboxMessage[]> {
  const messages = await createMockDevClient(mockUrl()).inbox();
  return messages.filter((message) => String(message.phone ?? message.email) === target);
}

/**
 * Types `value` into an input (an `input` event) or picks it in a select (a `change` event), as a
 * person would, and waits for the page to show the result.
 */
export async function typeInto(element: HTMLElement, value: string): Promise<void> {
  await fireEvent[element instanceof HTMLSelectElement ? 'change' : 'input'](element, { target: { value } });
}
