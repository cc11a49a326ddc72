// Angular's own packages ship partly compiled (partial declarations): the JIT compiler finishes
// them when they load outside the app's build, as in a test. The app's code is compiled ahead of time.
import '@angular/compiler';
import { configure } from '@testing-library/dom';
import { createMockDevClient } from '@verifik-auth/mock-server';
import { afterEach, inject } from 'vitest';
import { destroyAll } from './mount.js';

// Each application a test mounts says so once (the catalogue mounts hundreds): say nothing instead.
const log = console.log.bind(console);
console.log = (...args: unknown[]) => {
  if (args[0] !== 'Angular is running in development mode.') log(...args);
};

// Two workers run beside the Chromium path run on 2 cores: a round trip to the mock server can take
// longer than Testing Library's 1 s default. waitFor still returns as soon as the page shows it.
configure({ asyncUtilTimeout: 10_000 });

afterEach(async () => {
  destroyAll();
  // A test that fails early can leave an injected fault behind; never let it reach the next test.
  const dev = createMockDevClient(inject('mockUrl'));
  if ((await dev.faults()).length > 0) await dev.reset();
});
