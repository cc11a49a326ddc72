import { act, cleanup, render } from '@testing-library/react';
import { createScriptedDriver, type LoginPathDriver, type UiBinding } from '@verifik-auth/testing';
import { createDemoPageBinding } from '@verifik-auth/testing/dom';
import { vi } from 'vitest';
import { App } from '../demo/App.js';

/**
 * The React demo page bound to the generated login paths: the page runs on the scripted actor of
 * `createScriptedDriver` (no HTTP, simulated time) and the user's events go through the page.
 */
export const reactBinding: UiBinding = createDemoPageBinding({
  render: (actor, api) => render(<App actor={actor} api={api} />),
  cleanup,
  act: (work) => act(work),
  setClock: (now) => vi.setSystemTime(now),
});

/** A driver that runs a path on the React demo page. */
export const createReactPathDriver = (): LoginPathDriver => createScriptedDriver({ ui: reactBinding });
