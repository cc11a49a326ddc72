import { cleanup, render } from '@testing-library/vue';
import {
  createScriptedDriver,
  type LoginPathDriver,
  type ScriptedLogin,
  type UiBinding,
} from '@verifik-auth/testing';
import { createDemoPageUser, type DemoPageUser, observeDemoPage } from '@verifik-auth/testing/dom';
import { vi } from 'vitest';
import { nextTick } from 'vue';
import App from '../demo/App.vue';

/**
 * The Vue demo page bound to the generated login paths: the page runs on the scripted actor of
 * `createScriptedDriver` (no HTTP, simulated time), the user's events go through the page, and
 * `observeDemoPage` reads back what it shows.
 */

/** The inbox link needs a URL; nothing is ever fetched from it. */
const api = 'http://127.0.0.1:9';

/** Vue renders on the next tick: every user action waits for it, so the next query sees the result. */
const rendered = () => nextTick();

let login: ScriptedLogin | undefined;
let user: DemoPageUser = createDemoPageUser({ rendered });

/** The page's clock is the path's device clock, so its countdowns read like the path's time. */
const syncPageClock = () => {
  if (login) vi.setSystemTime(login.now());
};

/** The Vue demo page as a `UiBinding` of the scripted driver. */
export const vueBinding: UiBinding = {
  async mount(actor, scripted) {
    login = scripted;
    user = createDemoPageUser({ rendered });
    syncPageClock();
    render(App, { props: { actor, api } });
    await rendered();
  },
  unmount() {
    cleanup();
  },
  async act(work) {
    await work();
    syncPageClock();
    await rendered();
  },
  async send(event) {
    const done = await user.send(event);
    syncPageClock();
    await rendered();
    return done;
  },
  async observe() {
    await rendered();
    return observeDemoPage();
  },
};

/** A driver that runs a path on the Vue demo page. */
export const createVuePathDriver = (): LoginPathDriver => createScriptedDriver({ ui: vueBinding });
