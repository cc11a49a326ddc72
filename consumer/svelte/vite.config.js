import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

/** `vite build` builds the login app; `vite build --mode bare` builds `bare/`, the same app without a login. */
export default defineConfig(({ mode }) => ({
  root: mode === 'bare' ? 'bare' : '.',
  plugins: [svelte()],
  build: { outDir: mode === 'bare' ? '../dist-bare' : 'dist', emptyOutDir: true },
}));
