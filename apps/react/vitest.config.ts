import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineProject, mergeConfig } from 'vitest/config';
import { sharedProjectConfig } from '../../vitest.shared.ts';

export default mergeConfig(
  sharedProjectConfig,
  defineProject({
    plugins: [react()],
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
      name: 'react',
      environment: 'jsdom',
      include: ['src/**/*.test.{ts,tsx}'],
      globalSetup: ['src/test/mock-server.setup.ts'],
      setupFiles: ['src/test/setup.ts'],
      // One mock server for every file, and faults injected into it hit whichever request comes next:
      // files take turns (the whole project runs in a few seconds).
      fileParallelism: false,
    },
  }),
);
