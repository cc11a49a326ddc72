import { cleanup, configure } from '@solidjs/testing-library';
import { createMockDevClient } from '@verifik-auth/mock-server';
import { afterEach, inject } from 'vitest';

// Two workers run beside the Chromium path run on 2 cores: a round trip to the mock server can take
// longer than Testing Library's 1 s default. waitFor still returns as soon as the page shows it.
configure({ asyncUtilTimeout: 10_000 });

afterEach(async () => {
  // Testing Library only cleans up by itself when Vitest's globals are on; they are off here.
  cleanup();
  // A test that fails early can leave an injected fault behind; never let it reach the next test.
  const dev = createMockDevClient(inject('mockUrl'));
  if ((await dev.faults()).length > 0) await dev.reset();
});
