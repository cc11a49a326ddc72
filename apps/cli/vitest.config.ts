import { defineProject, mergeConfig } from 'vitest/config';
import { sharedProjectConfig } from '../../vitest.shared.ts';

export default mergeConfig(
  sharedProjectConfig,
  defineProject({
    // Every test spawns the real binary, which compiles its TypeScript on start: allow for that (up to
    // test-helpers' startupAllowanceMs, 40 s, when several start at once on a busy machine) and the test.
    test: { name: 'cli', include: ['src/**/*.test.ts'], testTimeout: 60_000 },
  }),
);
