/**
 * The consumer fixtures' login in a real browser, shared by the Next.js check (next-app.ts) and the Vite
 * apps' (vite-app.ts): one Chromium per check, a page that fails on any page error, console error or
 * failed response, and the code the installed mock "sent", read from its dev inbox.
 */
import { chromium, type Page } from 'playwright-core';
import { findChromium } from '../system/programs.js';
import { type RunningServer, StepFailure } from './prepare.js';

/** The number every browser login sends its code to. */
export const testPhone = { countryCode: '+1', phone: '1234566663' } as const;

/** A generous wait for each thing the page should show: the machine is shared and may be slow. */
const pageTimeoutMs = 60_000;

export interface BrowserOptions {
  /**
   * Requests to this origin are answered by the mock at `to` instead (the page's code keeps the URL it
   * was written with: the README's `http://127.0.0.1:4010`, or Verifik's API).
   */
  reroute?: { from: string; to: string };
  /** Runs on the new page before it loads the app, e.g. to listen to every response from the first. */
  setUp?: (page: Page) => void;
}

/**
 * Opens the running `app` in a fresh Chromium and runs `work` on its page; rejects with a StepFailure
 * (with the app's output) when `work` throws or the page logged an error or got a failed response.
 */
export async function inBrowser<T>(
  fixture: string,
  step: string,
  app: RunningServer,
  work: (page: Page) => Promise<T>,
  options: BrowserOptions = {},
): Promise<T> {
  // The same flags as e2e/chromium.ts: quiet enough for CI.
  const browser = await chromium.launch({
    executablePath: findChromium(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  const pageErrors: string[] = [];
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(pageTimeoutMs);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      // A failed load is reported by the response check below, with its URL.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        pageErrors.push(message.text());
    });
    page.on('response', (response) => {
      // The apps have no icon.
      if (response.status() >= 400 && !response.url().endsWith('/favicon.ico'))
        pageErrors.push(`${response.status()} from ${response.url()}`);
    });
    const { reroute } = options;
    if (reroute) {
      await page.route(`${reroute.from}/**`, async (route) => {
        const url = new URL(route.request().url());
        const response = await route.fetch({ url: `${reroute.to}${url.pathname}${url.search}` });
        await route.fulfill({ response });
      });
    }
    options.setUp?.(page);
    await page.goto(app.url);
    const result = await work(page);
    if (pageErrors.length > 0) throw new Error(`the page logged errors:\n${pageErrors.join('\n')}`);
    return result;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new StepFailure(fixture, step, why, `${app.output()}\n${pageErrors.join('\n')}`);
  } finally {
    await browser.close();
  }
}

/** Checks a shown countdown is m:ss above 0:00 and at most the mock's 10:00; returns it. */
export function checkCountdown(shown: string): string {
  const match = /^(\d+):([0-5]\d)$/.exec(shown);
  const seconds = match ? Number(match[1]) * 60 + Number(match[2]) : 0;
  if (seconds <= 0 || seconds > 600)
    throw new Error(`the countdown showed "${shown}", not m:ss in 0:01-10:00`);
  return shown;
}

/** The code the mock "sent" to `phone`, from its dev inbox (never printed: it is a secret). */
export async function codeFromInbox(api: string, phone: string = testPhone.phone): Promise<string> {
  const response = await fetch(`${api}/__dev/inbox`);
  if (!response.ok) throw new Error(`GET /__dev/inbox answered ${response.status}`);
  const { messages } = (await response.json()) as { messages: { phone?: string; otp: string }[] };
  const code = messages.filter((message) => message.phone === phone).at(-1)?.otp;
  if (!code) throw new Error(`the mock's inbox has no code for ${phone}`);
  return code;
}
