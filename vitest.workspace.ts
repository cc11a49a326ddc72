import { defineConfig } from 'vitest/config';

/**
 * The Vitest projects. Vitest ≥4 ignores the old workspace-file format, so this file holds a plain
 * config with `test.projects`, and `vitest.config.ts` re-exports it.
 * The `source` condition makes workspace packages resolve to each other's TypeScript source.
 */
const conditions = ['source'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'core', root: 'packages/core', include: ['src/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'mock-server', root: 'packages/mock-server', include: ['src/**/*.test.ts'] },
      },
    ],
  },
});
