import { defineProject, mergeConfig } from 'vitest/config';
import { sharedProjectConfig } from '../../vitest.shared.ts';

export default mergeConfig(
  sharedProjectConfig,
  defineProject({
    // Every test spawns the real binary, which compiles its TypeScript on start: allow for that.
    test: { name: 'cli', include: ['src/**/*.test.ts'], testTimeout: 30_000 },
  }),
);
