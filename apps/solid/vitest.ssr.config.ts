import solid from 'vite-plugin-solid';
import { defineProject, mergeConfig } from 'vitest/config';
import { sharedProjectConfig } from '../../vitest.shared.ts';

/**
 * The server-rendering tests, a project of their own (`solid-ssr`): they need JSX compiled to Solid's
 * SSR output and solid-js's server build (its `node` export), where the `solid` project compiles for the
 * DOM and loads the browser build. `ssr: true` makes the plugin compile server code for Vitest's server
 * environment and leave solid-js to Node, which picks the server build.
 */
export default mergeConfig(
  sharedProjectConfig,
  defineProject({
    plugins: [solid({ ssr: true })],
    test: {
      name: 'solid-ssr',
      environment: 'node',
      include: ['src/**/*.ssr.test.{ts,tsx}'],
    },
  }),
);
