import { cleanup } from '@testing-library/svelte';
import { afterEach } from 'vitest';

// Testing Library only cleans up by itself when Vitest's globals are on; they are off here.
afterEach(() => {
  cleanup();
  // Absent in the `node` environment of the server-rendering tests.
  globalThis.sessionStorage?.clear();
});
