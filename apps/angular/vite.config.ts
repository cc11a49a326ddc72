import { fileURLToPath } from 'node:url';
import angular from '@analogjs/vite-plugin-angular';
import { defaultClientConditions, defineConfig, type PluginOption } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Angular's compiler as a Vite plugin (Analog's, through `@angular/build`), ahead of time as an app
 * ships. The plugin reads Vitest's environment variables when it is created and then compiles for
 * tests, which leaves a `vite build`'s components uncompiled: the e2e suite builds this demo inside
 * Vitest, so the plugin is created without them (synchronously, nothing else runs meanwhile).
 */
function angularApp(): PluginOption {
  const saved = { VITEST: process.env.VITEST, NODE_ENV: process.env.NODE_ENV };
  delete process.env.VITEST;
  if (saved.NODE_ENV === 'test') delete process.env.NODE_ENV;
  try {
    return angular({ tsconfig: `${root}tsconfig.app.json`, workspaceRoot: root, jit: false });
  } finally {
    for (const [name, value] of Object.entries(saved)) if (value !== undefined) process.env[name] = value;
  }
}

/**
 * The Angular demo. `pnpm demo` and the e2e suite start it with `createServer`, or `build` + `preview`,
 * from the repository root, so paths here are relative to this file, not to the working directory.
 * `ANGULAR_DEMO_PORT` picks the port, default 5177; a taken port moves to the next free one.
 */
export default defineConfig({
  root,
  plugins: [angularApp()],
  // Workspace packages are served from their TypeScript source: no build step before the demo.
  resolve: { conditions: ['@verifik-auth/source', ...defaultClientConditions] },
  server: {
    host: '127.0.0.1',
    port: Number(process.env.ANGULAR_DEMO_PORT ?? 5177),
    strictPort: false,
  },
  preview: { host: '127.0.0.1' },
  build: {
    // Rolldown prints how long each plugin took on every build; the e2e suite builds this one each run.
    rolldownOptions: { checks: { pluginTimings: false } },
    // Inside Vitest (NODE_ENV=test) Angular keeps its development checks: about 580 kB unminified
    // Angular, where the production build is 272 kB (87 kB gzipped).
    chunkSizeWarningLimit: 700,
  },
});
