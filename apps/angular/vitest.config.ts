import { fileURLToPath } from 'node:url';
import angular from '@analogjs/vite-plugin-angular';
import { defineProject, mergeConfig } from 'vitest/config';
import { sharedProjectConfig } from '../../vitest.shared.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

export default mergeConfig(
  sharedProjectConfig,
  defineProject({
    // Ahead of time, as the demo's build and an app ship (`jit: false`; the plugin's default under
    // Vitest is JIT): the tests run the components Angular's compiler made.
    plugins: [angular({ tsconfig: `${root}tsconfig.spec.json`, workspaceRoot: root, jit: false })],
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
      name: 'angular',
      environment: 'jsdom',
      // The plugin would pick `vmThreads`, where CommonJS packages that ship ES modules fail to load.
      pool: 'forks',
      include: ['src/**/*.test.ts'],
      globalSetup: ['src/test/mock-server.setup.ts'],
      setupFiles: ['src/test/setup.ts'],
      // One mock server for every file, and faults injected into it hit whichever request comes next:
      // files take turns.
      fileParallelism: false,
    },
  }),
);
