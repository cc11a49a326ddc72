import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

/** `vite build` builds the login app; `vite build --mode bare` builds `bare/`, the same app without a login. */
export default defineConfig(({ mode }) => ({
  root: mode === 'bare' ? 'bare' : '.',
  plugins: [solid()],
  build: { outDir: mode === 'bare' ? '../dist-bare' : 'dist', emptyOutDir: true },
}));
