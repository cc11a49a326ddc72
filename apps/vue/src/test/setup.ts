import { cleanup } from '@testing-library/vue';
import { afterEach } from 'vitest';

// Testing Library only cleans up by itself when Vitest's globals are on; they are off here.
afterEach(() => {
  cleanup();
  sessionStorage.clear();
});
