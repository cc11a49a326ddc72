import { cleanup } from '@testing-library/react';
import { afterEach, inject } from 'vitest';

afterEach(async () => {
  cleanup();
  // A test that fails early can leave an injected fault behind; never let it reach the next test.
  await fetch(`${inject('mockUrl')}/__dev/faults`).then(async (response) => {
    const { faults } = (await response.json()) as { faults: unknown[] };
    if (faults.length > 0) await fetch(`${inject('mockUrl')}/__dev/reset`, { method: 'POST' });
  });
});
