import { act, cleanup, render } from '@testing-library/react';
import {
  createScriptedDriver,
  type LoginPathDriver,
  type ScriptedLogin,
  type UiBinding,
} from '@verifik-auth/testing';
import { createDemoPageUser, type DemoPageUser, observeDemoPage } from '@verifik-auth/testing/dom';
import { vi } from 'vitest';
import { App } from '../demo/App.js';

/**
 * The React demo page bound to the generated login paths: the page runs on the scripted actor of
 * `createScriptedDriver` (no HTTP, simulated time), the user's events go through the page, and
 * `observeDemoPage` reads back what it shows.
 */

/** The inbox link needs a URL; nothing is ever fetched from it. */
const api = 'http://127.0.0.1:9';

let login: ScriptedLogin | undefined;
let user: DemoPageUser = createDemoPageUser();

/** The page's clock is the path's device clock, so its countdowns read like the path's time. */
const syncPageClock = () => {
  if (login) vi.setSystemTime(login.now());
};

/** The React demo page as a `UiBinding` of the scripted driver. */
export const reactBinding: UiBinding = {
  mount(actor, scripted) {
    login = scripted;
    user = createDemoPageUser();
    syncPageClock();
    render(<App actor={actor} api={api} />);
  },
  unmount() {
    cleanup();
  },
  act: (work) =>
    act(async () => {
      await work();
      syncPageClock();
    }),
  async send(event) {
    const done = await user.send(event);
    syncPageClock();
    return done;
  },
  observe: () => observeDemoPage(),
};

/** A driver that runs a path on the React demo page. */
export const createReactPathDriver = (): LoginPathDriver => createScriptedDriver({ ui: reactBinding });
