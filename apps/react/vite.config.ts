import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

/**
 * The React demo's dev server. `REACT_DEMO_PORT` picks the port, default 5173; a taken port
 * moves to the next free one.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  resolve: { conditions: ['@verifik-auth/source', ...defaultClientConditions] },
  server: {
    host: '127.0.0.1',
    port: Number(process.env.REACT_DEMO_PORT ?? 5173),
    strictPort: false,
  },
  preview: { host: '127.0.0.1' },
});
