import { cleanup, render } from '@testing-library/vue';
import { createScriptedDriver, type LoginPathDriver, type UiBinding } from '@verifik-auth/testing';
import { createDemoPageBinding } from '@verifik-auth/testing/dom';
import { vi } from 'vitest';
import { nextTick } from 'vue';
import App from '../demo/App.vue';

/**
 * The Vue demo page bound to the generated login paths: the page runs on the scripted actor of
 * `createScriptedDriver` (no HTTP, simulated time) and the user's events go through the page.
 */
export const vueBinding: UiBinding = createDemoPageBinding({
  render: (actor, api) => render(App, { props: { actor, api } }),
  cleanup,
  // Vue renders on the next tick: every user action waits for it, so the next query sees the result.
  rendered: () => nextTick(),
  setClock: (now) => vi.setSystemTime(now),
});

/** A driver that runs a path on the Vue demo page. */
export const createVuePathDriver = (): LoginPathDriver => createScriptedDriver({ ui: vueBinding });
