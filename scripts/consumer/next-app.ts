/**
 * The Next.js fixture's checks after its type-check (issue 19, item 5): `consumer/next` is a
 * create-next-app app (App Router, `cacheComponents` on) whose page renders a Client Component using
 * `useVerifikLogin` and `useCountdown`, with no `<Suspense>` around it.
 *
 * 1. The installed mock (`verifik-mock --port 0`) starts first: `NEXT_PUBLIC_VERIFIK_API` is inlined at
 *    build time, so the build needs its URL.
 * 2. `next build` prerenders "/": the regression check. A hook reading `Date.now()` while rendering fails
 *    it ("Next.js encountered the unstable value Date.now() in a Client Component").
 * 3. `next start` on 127.0.0.1, then Chromium logs in by phone: the code read from the mock's inbox, the
 *    countdown seen at m:ss (more than 0:00), signed in, logged out; no page error on the way.
 */
import { chromium, type Page } from 'playwright-core';
import { findChromium } from '../system/programs.js';
import { exec, fixtureEnv, type RunningServer, StepFailure, startServer } from './prepare.js';

/** Runs one named step (printed with its time); resolves true when it passed. */
export type RunStep = <T>(
  name: string,
  work: () => Promise<T>,
  note?: (value: T) => string,
) => Promise<boolean>;

const fixture = 'next';
const countryCode = '+1';
const phone = '1234566663';
/** A generous wait for each thing the page should show: the machine is shared and may be slow. */
const pageTimeoutMs = 60_000;

/** The environment of every next command: no telemetry (no network but the registry here). */
const nextEnv = (dir: string, api: string): NodeJS.ProcessEnv => ({
  ...fixtureEnv(dir),
  NEXT_TELEMETRY_DISABLED: '1',
  NEXT_PUBLIC_VERIFIK_API: api,
});

/** The mock, the build, then the login in Chromium; skips what cannot run after a failed step. */
export async function checkNextApp(step: RunStep, dir: string): Promise<void> {
  let mock: RunningServer | undefined;
  try {
    const mockUp = await step(
      'installed mock: verifik-mock --port 0',
      async () => {
        const name = 'installed mock';
        mock = await startServer(fixture, name, 'verifik-mock', ['--port', '0'], {
          cwd: dir,
          ready: /listening on/,
        });
        return mock.url;
      },
      (url) => url,
    );
    if (!mock || !mockUp) return;
    const api = mock.url;
    const name = 'next build (cacheComponents: "/" prerendered with the login in it)';
    const built = await step(
      name,
      () => exec(fixture, name, 'next', ['build'], { cwd: dir, env: nextEnv(dir, api) }),
      (output) => routeLine(output),
    );
    if (built)
      await step(
        'next start + Chromium: logs in by phone (code from the mock inbox), countdown shown, logs out',
        () => logInInBrowser(dir, api),
        (seen) => `countdown showed ${seen}; signed in, logged out`,
      );
  } finally {
    await mock?.stop();
  }
}

/** The build's line for "/", e.g. `◐ /` (partial prerender), shown as the step's note. */
function routeLine(output: string): string {
  const line = output.split('\n').find((text) => /\s\/\s*$/.test(text) && /[○◐●ƒ]/.test(text));
  return line ? `route ${line.replace(/^[\s│├└┌]+/, '').trim()}` : '';
}

/** Starts the built app, logs in and out in Chromium; returns the countdown it saw. */
async function logInInBrowser(dir: string, api: string): Promise<string> {
  const step = 'next start + Chromium login';
  const app = await startServer(fixture, step, 'next', ['start', '--hostname', '127.0.0.1', '--port', '0'], {
    cwd: dir,
    env: nextEnv(dir, api),
    ready: /Local:/,
  });
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
      // The app has no icon (create-next-app's favicon.ico is left out).
      if (response.status() >= 400 && !response.url().endsWith('/favicon.ico'))
        pageErrors.push(`${response.status()} from ${response.url()}`);
    });
    await page.goto(app.url);
    await page.getByLabel('Country code').fill(countryCode);
    await page.getByLabel('Phone number').fill(phone);
    await page.getByRole('button', { name: 'Send code' }).click();
    const seen = await countdownShown(page);
    await page.getByLabel('Verification code').fill(await codeFromInbox(api));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByText('Signed in').waitFor();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('button', { name: 'Send code' }).waitFor();
    if (pageErrors.length > 0) throw new Error(`the page logged errors:\n${pageErrors.join('\n')}`);
    return seen;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new StepFailure(fixture, step, why, `${app.output()}\n${pageErrors.join('\n')}`);
  } finally {
    await browser.close();
    await app.stop();
  }
}

/** Waits for the code's countdown and checks it shows m:ss above 0:00 and at most the mock's 10:00. */
async function countdownShown(page: Page): Promise<string> {
  const countdown = page.getByTestId('expires-in');
  await countdown.waitFor();
  const shown = (await countdown.textContent())?.trim() ?? '';
  const match = /^(\d+):([0-5]\d)$/.exec(shown);
  const seconds = match ? Number(match[1]) * 60 + Number(match[2]) : 0;
  if (seconds <= 0 || seconds > 600)
    throw new Error(`the countdown showed "${shown}", not m:ss in 0:01-10:00`);
  return shown;
}

/** The code the mock "sent" to the phone, from its dev inbox (never printed: it is a secret). */
async function codeFromInbox(api: string): Promise<string> {
  const response = await fetch(`${api}/__dev/inbox`);
  if (!response.ok) throw new Error(`GET /__dev/inbox answered ${response.status}`);
  const { messages } = (await response.json()) as { messages: { phone?: string; otp: string }[] };
  const code = messages.filter((message) => message.phone === phone).at(-1)?.otp;
  if (!code) throw new Error(`the mock's inbox has no code for ${countryCode} ${phone}`);
  return code;
}
