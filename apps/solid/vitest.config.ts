import { fileURLToPath } from 'node:url';
import solid from 'vite-plugin-solid';
import { defineProject, mergeConfig } from 'vitest/config';
import { sharedProjectConfig } from '../../vitest.shared.ts';

export default mergeConfig(
  sharedProjectConfig,
  defineProject({
    // In test mode the plugin compiles JSX for the DOM, adds the `browser` condition and inlines solid-js,
    // so jsdom gets Solid's browser build (its default `node` build is the server one, with no reactivity).
    plugins: [solid()],
    resolve: {
      // The global setup runs in Vitest's main process, which ignores the `source` condition: point it
      // at the mock's source, and the shared rule it imports, directly.
      alias: {
        '@verifik-auth/identifiers': fileURLToPath(
          new URL('../../packages/identifiers/src/index.ts', import.meta.url),
        ),
        '@verifik-auth/mock-server': fileURLToPath(
          new URL('../../packages/mock-server/src/index.ts', import.meta.url),
        ),
      },
    },
    test: {
      name: 'solid',
      environment: 'jsdom',
      include: ['src/**/*.test.{ts,tsx}'],
      // Server rendering needs Solid's server build and JSX compiled for it: vitest.ssr.config.ts.
      exclude: ['src/**/*.ssr.test.{ts,tsx}'],
      globalSetup: ['src/test/mock-server.setup.ts'],
      setupFiles: ['src/test/setup.ts'],
      // One mock server for every file, and faults injected into it hit whichever request comes next:
      // files take turns.
      fileParallelism: false,
    },
  }),
);
