import { cleanup, render } from '@testing-library/svelte';
import { createScriptedDriver, type LoginPathDriver, type UiBinding } from '@verifik-auth/testing';
import { createDemoPageBinding } from '@verifik-auth/testing/dom';
import { tick } from 'svelte';
import { vi } from 'vitest';
import App from '../demo/App.svelte';

/**
 * The Svelte demo page bound to the generated login paths: the page runs on the scripted actor of
 * `createScriptedDriver` (no HTTP, simulated time) and the user's events go through the page.
 */
export const svelteBinding: UiBinding = createDemoPageBinding({
  render: (actor, api) => render(App, { props: { actor, api } }),
  cleanup,
  // Svelte applies changes in a microtask: every user action waits for it, so the next query sees the result.
  rendered: () => tick(),
  setClock: (now) => vi.setSystemTime(now),
});

/** A driver that runs a path on the Svelte demo page. */
export const createSveltePathDriver = (): LoginPathDriver => createScriptedDriver({ ui: svelteBinding });
