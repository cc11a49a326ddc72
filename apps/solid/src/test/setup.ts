import { cleanup } from '@solidjs/testing-library';
import { createMockDevClient } from '@verifik-auth/mock-server';
import { afterEach, inject } from 'vitest';

afterEach(async () => {
  // Testing Library only cleans up by itself when Vitest's globals are on; they are off here.
  cleanup();
  // A test that fails early can leave an injected fault behind; never let it reach the next test.
  const dev = createMockDevClient(inject('mockUrl'));
  if ((await dev.faults()).length > 0) await dev.reset();
});
