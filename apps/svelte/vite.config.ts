import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defaultClientConditions, defineConfig } from 'vite';

/**
 * The Svelte demo. `pnpm demo` and the e2e suite start it with `createServer({ configFile, server: { port: 0 } })`
 * from the repository root, so paths here are relative to this file, not to the working directory.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [svelte()],
  // Workspace packages are served from their TypeScript source: no build step before the demo.
  resolve: { conditions: ['@verifik-auth/source', ...defaultClientConditions] },
  server: {
    host: '127.0.0.1',
    port: Number(process.env.SVELTE_DEMO_PORT ?? 5175),
    strictPort: false,
  },
});
