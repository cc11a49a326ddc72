import { cleanup, render } from '@solidjs/testing-library';
import { createScriptedDriver, type LoginPathDriver, type UiBinding } from '@verifik-auth/testing';
import { createDemoPageBinding } from '@verifik-auth/testing/dom';
import { vi } from 'vitest';
import { App } from '../demo/App.js';

/**
 * The Solid demo page bound to the generated login paths: the page runs on the scripted actor of
 * `createScriptedDriver` (no HTTP, simulated time) and the user's events go through the page. Solid
 * updates the DOM as each signal is set: no `act` and no waiting for a render.
 */
export const solidBinding: UiBinding = createDemoPageBinding({
  render: (actor, api) => render(() => <App actor={actor} api={api} />),
  cleanup,
  setClock: (now) => vi.setSystemTime(now),
});

/** A driver that runs a path on the Solid demo page. */
export const createSolidPathDriver = (): LoginPathDriver => createScriptedDriver({ ui: solidBinding });
