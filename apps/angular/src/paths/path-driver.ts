import { createScriptedDriver, type LoginPathDriver, type UiBinding } from '@verifik-auth/testing';
import { createDemoPageBinding } from '@verifik-auth/testing/dom';
import { vi } from 'vitest';
import { App } from '../demo/app.js';
import { provideDemo } from '../demo/demo-settings.js';
import { destroyAll, mount } from '../test/mount.js';

let rendered: () => Promise<void> = async () => {};

/**
 * The Angular demo page bound to the generated login paths: the page runs on the scripted actor of
 * `createScriptedDriver` (no HTTP, simulated time) and the user's events go through the page. Angular
 * (zoneless) renders on a scheduled tick: every user action waits until the application is stable.
 */
export const angularBinding: UiBinding = createDemoPageBinding({
  render: (actor, api) => {
    const page = mount(App, provideDemo(actor, api));
    rendered = () => page.then((mounted) => mounted.rendered());
  },
  cleanup: destroyAll,
  rendered: () => rendered(),
  setClock: (now) => vi.setSystemTime(now),
});

/** A driver that runs a path on the Angular demo page. */
export const createAngularPathDriver = (): LoginPathDriver => createScriptedDriver({ ui: angularBinding });
