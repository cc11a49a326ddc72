import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';
import { serverModePlugin } from './server-mode-plugin.js';

/**
 * The React demo's dev server. `REACT_DEMO_PORT` picks the port, default 5173; a taken port
 * moves to the next free one. The dev and preview servers also serve `@verifik-auth/server` at
 * `/auth/verifik` for the page's server mode (`?server=1`), forwarding to `VERIFIK_DEMO_API`
 * (default http://127.0.0.1:4010): see server-mode-plugin.ts.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), serverModePlugin()],
  resolve: { conditions: ['@verifik-auth/source', ...defaultClientConditions] },
  server: {
    host: '127.0.0.1',
    port: Number(process.env.REACT_DEMO_PORT ?? 5173),
    strictPort: false,
  },
  preview: { host: '127.0.0.1' },
});
