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
import { checkCountdown, codeFromInbox, inBrowser, testPhone } from './browser-login.js';
import { exec, fixtureEnv, type RunningServer, startServer } from './prepare.js';

/** Runs one named step (printed with its time); resolves true when it passed. */
export type RunStep = <T>(
  name: string,
  work: () => Promise<T>,
  note?: (value: T) => string,
) => Promise<boolean>;

const fixture = 'next';

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
  try {
    return await inBrowser(fixture, step, app, async (page) => {
      await page.getByLabel('Country code').fill(testPhone.countryCode);
      await page.getByLabel('Phone number').fill(testPhone.phone);
      await page.getByRole('button', { name: 'Send code' }).click();
      const countdown = page.getByTestId('expires-in');
      await countdown.waitFor();
      const seen = checkCountdown((await countdown.textContent())?.trim() ?? '');
      await page.getByLabel('Verification code').fill(await codeFromInbox(api));
      await page.getByRole('button', { name: 'Verify' }).click();
      await page.getByText('Signed in').waitFor();
      await page.getByRole('button', { name: 'Log out' }).click();
      await page.getByRole('button', { name: 'Send code' }).waitFor();
      return seen;
    });
  } finally {
    await app.stop();
  }
}
