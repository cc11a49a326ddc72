/**
 * The Svelte and Solid fixtures' login in Chromium, after their `vite build` (issue 19): the built app
 * served by `vite preview` on 127.0.0.1, the installed mock (`verifik-mock --port 0`) answering the
 * requests of the README's example, which keeps the API it was written with (the Svelte one
 * `http://127.0.0.1:4010`, the Solid one Verifik's API): the browser hands them to the mock.
 */
import type { Page } from 'playwright-core';
import { checkCountdown, codeFromInbox, inBrowser, testPhone } from './browser-login.js';
import type { RunStep } from './next-app.js';
import { type RunningServer, startServer } from './prepare.js';

export type ViteAppFixture = 'svelte' | 'solid';

interface ReadmeLogin {
  /** The origin the README's example sends its requests to. */
  api: string;
  /** The step's name, saying what the login shows. */
  step: string;
  /** Logs in on the page (`code` reads the mock's inbox); returns a note for the step. */
  logIn(page: Page, code: (phone: string) => Promise<string>): Promise<string>;
}

const exact = true;

/** Each fixture's README example, driven as a user would. */
const logins: Record<ViteAppFixture, ReadmeLogin> = {
  // apps/svelte/README.md: a button sending the code to +1 1234566663, then the code form with its countdown.
  svelte: {
    api: 'http://127.0.0.1:4010',
    step: 'vite preview + Chromium: the README login sends a code (countdown shown), verifies, "Signed in"',
    async logIn(page, code) {
      await page.getByRole('button', { name: 'Send code', exact }).click();
      const sent = page.getByText(/it expires in/);
      await sent.waitFor();
      const shown = checkCountdown(/expires in (\S+)\./.exec((await sent.textContent()) ?? '')?.[1] ?? '');
      await page.getByLabel('Verification code').fill(await code(testPhone.phone));
      await page.getByRole('button', { name: 'Verify', exact }).click();
      await page.getByText('Signed in', { exact }).waitFor();
      return `countdown showed ${shown}; signed in`;
    },
  },
  // apps/solid/README.md: one field, the phone (country code +57) then the code; "Log out" once signed in.
  solid: {
    api: 'https://api.verifik.co',
    step: 'vite preview + Chromium: the README login sends a code by phone, verifies, logs out',
    async logIn(page, code) {
      const phone = '3001234567';
      const field = page.locator('input[name=value]');
      await field.fill(phone);
      await page.getByRole('button', { name: 'Send code', exact }).click();
      await page.getByRole('button', { name: 'Verify', exact }).waitFor();
      await field.fill(await code(phone));
      await page.getByRole('button', { name: 'Verify', exact }).click();
      await page.getByRole('button', { name: 'Log out', exact }).click();
      await page.getByRole('button', { name: 'Send code', exact }).waitFor();
      return 'signed in, logged out';
    },
  },
};

/** Starts the installed mock and the built app, and logs in through the README's example. */
export async function checkViteApp(step: RunStep, fixture: ViteAppFixture, dir: string): Promise<void> {
  const login = logins[fixture];
  let mock: RunningServer | undefined;
  let app: RunningServer | undefined;
  try {
    await step(
      login.step,
      async () => {
        mock = await startServer(fixture, 'installed mock', 'verifik-mock', ['--port', '0'], {
          cwd: dir,
          ready: /listening on/,
        });
        app = await startServer(
          fixture,
          'vite preview',
          'vite',
          ['preview', '--host', '127.0.0.1', '--port', '0'],
          {
            cwd: dir,
            ready: /Local:/,
          },
        );
        const api = mock.url;
        return inBrowser(
          fixture,
          login.step,
          app,
          (page) => login.logIn(page, (phone) => codeFromInbox(api, phone)),
          {
            reroute: { from: login.api, to: api },
          },
        );
      },
      (note) => note,
    );
  } finally {
    await app?.stop();
    await mock?.stop();
  }
}
