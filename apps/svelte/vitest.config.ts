import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineProject, mergeConfig } from 'vitest/config';
import { sharedProjectConfig } from '../../vitest.shared.ts';

export default mergeConfig(
  sharedProjectConfig,
  defineProject({
    plugins: [svelte()],
    resolve: {
      // jsdom tests mount components: Svelte's browser build, not its server one (the `node`
      // environment of the server-rendering test keeps the server build).
      conditions: ['browser'],
      // The global setup (which starts the mock server) runs in Vitest's own environment, which ignores
      // the `source` condition of the shared config; point it at the mock's source, and the shared rule
      // it imports, directly.
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
      name: 'svelte',
      environment: 'jsdom',
      include: ['src/**/*.test.ts'],
      globalSetup: ['src/test/mock-server.setup.ts'],
      setupFiles: ['src/test/setup.ts'],
      // The machine is shared: a file's first test, which also compiles the page, took 7 s under load.
      testTimeout: 30_000,
    },
  }),
);
