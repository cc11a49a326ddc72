import { cleanup, configure } from '@testing-library/svelte';
import { afterEach } from 'vitest';

// Two workers run beside the Chromium path run on 2 cores: a round trip to the mock server can take
// longer than Testing Library's 1 s default. waitFor still returns as soon as the page shows it.
configure({ asyncUtilTimeout: 10_000 });

// Testing Library only cleans up by itself when Vitest's globals are on; they are off here.
afterEach(() => {
  cleanup();
  // Absent in the `node` environment of the server-rendering tests.
  globalThis.sessionStorage?.clear();
});
