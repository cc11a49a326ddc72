import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

/**
 * The end-to-end project: the demo pages in real Chromium against the mock server;
 * `E2E_DEMOS=react` narrows the demos. Each file starts its own demo builds, preview and mock servers
 * and browser on free ports, so files may run beside each other and beside the other projects: with
 * `fileParallelism: false` Vitest put the project in a group of its own that ran only after every other
 * project had finished, on one worker (the root config's sequencer starts these files first instead).
 * The demos are built once per run, into the folder `demo-builds.global.ts` provides.
 *
 * Deliberately not merged with `vitest.shared.ts`: Vitest hands `ssr.resolve.conditions` to the
 * worker as Node `--conditions`, and the `import` condition there makes a plain `require()` load ESM
 * builds, which breaks CommonJS tools running in this process (the Vue SFC compiler inside the Vue
 * demo's dev server). The specs import workspace sources by relative path, so they need no
 * conditions; the bare workspace imports they meet inside the testing package's sources
 * (`@verifik-auth/core`, `@verifik-auth/mock-server`, and `@verifik-auth/identifiers` which both import)
 * are aliased to their sources instead.
 */
export default defineProject({
  resolve: {
    alias: {
      '@verifik-auth/core': fileURLToPath(new URL('../packages/core/src/index.ts', import.meta.url)),
      '@verifik-auth/identifiers': fileURLToPath(
        new URL('../packages/identifiers/src/index.ts', import.meta.url),
      ),
      '@verifik-auth/mock-server': fileURLToPath(
        new URL('../packages/mock-server/src/index.ts', import.meta.url),
      ),
    },
  },
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['**/*.e2e.test.ts'],
    globalSetup: ['./demo-builds.global.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
