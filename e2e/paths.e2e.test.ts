import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// By path, like the core and the mock server (see README.md).
import {
  createPathClock,
  getLoginPaths,
  type LoginPathDriver,
  pathMockOptions,
  runPath,
} from '../packages/testing/src/index.js';
import { useChromium } from './chromium.js';
import { type ActorFallback, browserPaths, createPlaywrightPathDriver } from './path-driver.js';
import { demoCases, type MockServer, type RunningDemo, startDemo, startMock } from './servers.js';

/** The shortest-path set, as every driver runs it (packages/testing/README.md). */
const { runnable, leftOut } = browserPaths(getLoginPaths({ strategy: 'shortest' }));

it('leaves out only the paths a browser cannot run as written', () => {
  expect(leftOut.map(({ path, because }) => `${path.id} ${path.description}: ${because.join(', ')}`)).toEqual(
    [
      'shortest-001 5 s pass (storageTimeout fires) (restoring → idle): input-while-restoring',
      'shortest-002 the user enters a valid email (restoring → sending): input-while-restoring',
      'shortest-003 the user enters an invalid email (restoring → restoring): input-while-restoring',
      'shortest-004 the user enters a valid phone number (restoring → sending): input-while-restoring',
      'shortest-005 the user enters an invalid phone number (restoring → restoring): input-while-restoring',
      'shortest-006 reading the storage fails (restoring → idle): storage-failure',
      'shortest-007 another tab logs in (restoring → authenticated.active): input-while-restoring',
      'shortest-008 another tab logs out (restoring → idle): input-while-restoring',
    ],
  );
});

const browser = useChromium();

describe.each(demoCases())('the shortest paths in the %s demo', (_name, demo) => {
  let app: RunningDemo;
  let mock: MockServer;
  let driver: LoginPathDriver;
  const fallbacks: ActorFallback[] = [];

  beforeAll(async () => {
    const clock = createPathClock();
    [app, mock] = await Promise.all([
      startDemo(demo),
      startMock({ ...pathMockOptions, now: clock.serverNow }),
    ]);
    driver = createPlaywrightPathDriver({
      browser: browser(),
      appUrl: app.url,
      apiUrl: mock.url,
      clock,
      onFallback: (fallback) => fallbacks.push(fallback),
    });
  });

  afterAll(async () => {
    await Promise.all([app?.close(), mock?.close()]);
  });

  it.each(runnable)('$id: $description', (path) => runPath(path, driver));

  it('sends an event to the actor only where the page offers no control for it', () => {
    expect(
      fallbacks.map(({ path, step, event, shown }) => `${path} step ${step}: ${event} in ${shown}`),
    ).toEqual([
      // No "Change number" on the form of an expired session, nor while the code is being sent.
      'shortest-016 step 2: login.cancel in expired',
      'shortest-021 step 3: login.cancel in sending',
      // "Resend code" is disabled during the cooldown.
      'shortest-062 step 4: otp.resend in awaitingOtp',
      // An expired code offers "Resend code" and "Change number", not the form.
      'shortest-100 step 6: login.email in expired',
      'shortest-101 step 6: login.phone in expired',
    ]);
  });
});
