import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { MockServerOptions } from '../packages/mock-server/src/index.js';
import { LoginPage } from './login-page.js';
import {
  createMockDevClient,
  type Demo,
  type MockServer,
  type RunningDemo,
  startDemo,
  startMock,
} from './servers.js';

/** What each test of {@link useDemoPages} gets. */
export interface DemoPage {
  /** The demo's own mock, reset before the test. */
  mock: MockServer;
  /** A fresh browser context: no storage, cookies or tabs left by the test before. */
  context: BrowserContext;
  /** The page object on the context's first page, not yet opened. */
  login: LoginPage;
}

/**
 * The hooks of a `describe` of demo tests: the demo and its mock start once; before each test the
 * mock is reset and `onEach` gets a fresh page; after it the context closes.
 * @example
 * let login: LoginPage;
 * useDemoPages(browser, demo, { viewport }, (page) => ({ login } = page));
 */
export function useDemoPages(
  browser: () => Browser,
  demo: Demo,
  options: { mock?: MockServerOptions; viewport: { width: number; height: number } },
  onEach: (page: DemoPage) => void,
): void {
  let app: RunningDemo | undefined;
  let mock: MockServer | undefined;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    [app, mock] = await Promise.all([startDemo(demo), startMock(options.mock)]);
  });
  afterAll(async () => {
    await Promise.all([app?.close(), mock?.close()]);
  });
  beforeEach(async () => {
    if (!app || !mock) throw new Error('the demo or its mock did not start');
    await createMockDevClient(mock.url).reset();
    context = await browser().newContext({ viewport: options.viewport });
    onEach({ mock, context, login: new LoginPage(await context.newPage(), app.url) });
  });
  afterEach(async () => {
    await context?.close();
  });
}
