import { accessSync, constants } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

/** Where a system Chromium usually is, in the order tried after `CHROMIUM_PATH`. */
export const chromiumCandidates = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
] as const;

export const missingChromiumMessage =
  'No Chromium found for the end-to-end tests: install Chromium: `apt-get install -y chromium` on Debian/Ubuntu, or set CHROMIUM_PATH';

const isExecutable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * The browser to drive: `CHROMIUM_PATH` when set (and it must then exist), else the first candidate
 * that exists. Throws rather than letting the tests skip: a missing browser is a setup error.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.CHROMIUM_PATH;
  if (configured) {
    if (isExecutable(configured)) return configured;
    throw new Error(
      `CHROMIUM_PATH is ${configured}, which is not an executable file. ${missingChromiumMessage}`,
    );
  }
  const found = chromiumCandidates.find(isExecutable);
  if (!found) throw new Error(missingChromiumMessage);
  return found;
}

/** Launches a headless Chromium quiet enough for CI: no sandbox, GPU, updates or background traffic. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
      '--disable-sync',
    ],
  });
}

/** One Chromium for the test file that calls this: launched before its tests, closed after them. */
export function useChromium(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('Chromium is not running yet: use the browser inside a hook or a test');
    return browser;
  };
}
