import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

/**
 * The Solid demo. `pnpm demo` and the e2e suite start it with `createServer({ configFile, server: { port: 0 } })`
 * from the repository root, so paths here are relative to this file, not to the working directory.
 * `SOLID_DEMO_PORT` picks the port, default 5176; a taken port moves to the next free one.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [solid()],
  // Workspace packages are served from their TypeScript source: no build step before the demo.
  resolve: { conditions: ['@verifik-auth/source', ...defaultClientConditions] },
  server: {
    host: '127.0.0.1',
    port: Number(process.env.SOLID_DEMO_PORT ?? 5176),
    strictPort: false,
  },
  preview: { host: '127.0.0.1' },
});
