/**
 * The framework check (issue 20, item 3): server mode (`@verifik-auth/server`) mounted in the
 * meta-frameworks, built for production, as an outside app installs it. Not part of `pnpm test`.
 *
 * Run alone, after a build:   npx -y pnpm@12.21.0 run build && npx -y pnpm@12.21.0 run check:frameworks
 * Options (after `check:frameworks`):
 *   --frameworks next,nuxt  only these (default: next, sveltekit, nuxt)
 *   --update-lockfiles      `npm install` instead of `npm ci` and write frameworks/<name>/package-lock.json back
 *   --keep                  keep the temp folder (printed) to look inside
 *   --npm-cache DIR         an npm cache of its own, e.g. an empty folder to time a cold install
 *   --tarballs DIR          install the *.tgz of DIR instead of packing (a scratch check by hand)
 *
 * It checks the snippets of the READMEs and the docs site's pages against their fixture files (the
 * consumer test's check, which covers frameworks/ too), packs every publishable package, copies the
 * fixtures of frameworks/ (next, sveltekit, nuxt; frameworks.ts says how each is built, started and
 * reached) to a temp folder outside the workspace with the tarballs and installs them with `npm ci` in
 * parallel (an `EBADENGINE` warning fails the install). Then, for each fixture, with the installed mock
 * running behind a recorder of the tokens it issues (token-recorder.ts): the type-check the build does
 * not make (SvelteKit's svelte-check) and the production build (one at a time: the heavy steps), the
 * built app started with a low per-address limit (`VERIFIK_SENDS_PER_ADDRESS`), behind the test's proxy
 * when the app trusts a proxy's header (address-proxy.ts), and the checks of server-mode-checks.ts: a
 * Chromium login through the app's page with the token kept on the server, the per-address limit
 * holding, and a send with no client address refused (past the proxy, or to a second instance on a
 * Unix socket). Every step prints its time; a failure names the framework and the step and shows the
 * output.
 */
import { randomBytes } from 'node:crypto';
import { type AddressInfo, createServer } from 'node:net';
import { join, resolve } from 'node:path';
import {
  exec,
  fixtureArgs,
  fixtureEnv,
  type Prepared,
  prepare,
  printFailure,
  Reporter,
  type RunningServer,
  root,
  StepFailure,
  startServer,
} from '../consumer/prepare.js';
import { readmeDrift } from '../consumer/readme.js';
import { type Listening, startAddressProxy } from './address-proxy.js';
import {
  type Command,
  type FrameworkName,
  frameworkFixtures,
  frameworkNames,
  frameworks,
} from './frameworks.js';
import { checkAddressLimit, checkNoAddress, logInKeepingTheToken } from './server-mode-checks.js';
import { startTokenRecorder } from './token-recorder.js';

/** The apps' `rateLimit.sendsPerAddress` in the checks: low, so the limit shows within a few sends. */
const sendsPerAddress = 3;

/** A port free on 127.0.0.1 now (for an app that must be told one). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Runs `work` after every earlier call's work has ended: the builds, one at a time on 2 cores. */
function oneAtATime() {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const next = last.then(work, work);
    last = next.catch(() => {});
    return next;
  };
}

/** Every step of one framework; skips what cannot run after a failed step; returns the failures. */
async function checkFramework(
  reporter: Reporter,
  name: FrameworkName,
  dir: string,
  build: ReturnType<typeof oneAtATime>,
): Promise<unknown[]> {
  const framework = frameworks[name];
  const failures: unknown[] = [];
  const step = <T>(stepName: string, work: () => Promise<T>, note?: (value: T) => string) =>
    reporter.step(name, stepName, work, note).then(
      () => true,
      (failure) => {
        failures.push(failure);
        return false;
      },
    );
  const stops: (() => Promise<void>)[] = [];
  try {
    let mock: RunningServer | undefined;
    let recorder: (Listening & { tokens: string[] }) | undefined;
    await step(
      'installed mock (verifik-mock --port 0) behind the token recorder',
      async () => {
        mock = await startServer(name, 'installed mock', 'verifik-mock', ['--port', '0'], {
          cwd: dir,
          ready: /listening on/,
        });
        stops.push(mock.stop);
        recorder = await startTokenRecorder(mock.url);
        stops.push(recorder.close);
        return mock.url;
      },
      (url) => url,
    );
    if (!mock || !recorder) return failures;
    const api = mock.url;
    const env = { ...fixtureEnv(dir), ...framework.env };
    const run = ([stepName, command, args]: Command) =>
      build(() => step(stepName, () => exec(name, stepName, command, args, { cwd: dir, env })));
    if (framework.typeCheck) await run(framework.typeCheck);
    if (!(await run(framework.build))) return failures;

    const { start, address, noAddress } = framework;
    const appEnv = {
      ...env,
      ...start.env,
      VERIFIK_AUTH_SECRET: randomBytes(32).toString('base64url'),
      VERIFIK_BASE_URL: recorder.url,
      VERIFIK_SENDS_PER_ADDRESS: String(sendsPerAddress),
    };
    /** Starts the built app on a free port (with `extra` in its environment), or where `url` says. */
    const startApp = async (stepName: string, extra: Record<string, string> = {}, url?: string) => {
      const port = start.portEnv ? { [start.portEnv]: String(await freePort()) } : {};
      const started = await startServer(name, stepName, start.command, start.args, {
        cwd: dir,
        env: { ...appEnv, ...port, ...extra },
        ready: start.ready,
        ...(url && { url }),
      });
      stops.push(started.stop);
      return started;
    };

    let app: RunningServer | undefined;
    let front: RunningServer | undefined;
    const behindProxy = address.via === 'proxy';
    await step(
      `${start.step}${behindProxy ? ', behind the test proxy (X-Real-IP, X-Forwarded-For)' : ''}`,
      async () => {
        // The proxy listens first: the app is told its origin, the one its pages are on.
        const proxy = behindProxy ? await startAddressProxy() : undefined;
        if (proxy) stops.push(proxy.close);
        const started = await startApp(
          start.step,
          address.via === 'proxy' && proxy ? { [address.originEnv]: proxy.url } : {},
        );
        proxy?.forwardTo(started.url);
        app = started;
        front = { url: proxy?.url ?? started.url, output: started.output, stop: started.stop };
        return front.url;
      },
      (url) => url,
    );
    if (!app || !front) return failures;
    const running = { app, front };

    const login = 'Chromium: logs in by phone through the page, the token kept on the server';
    await step(
      login,
      () => logInKeepingTheToken(name, login, running.front, api, recorder?.tokens ?? []),
      (note) => note,
    );
    await step(
      `per-address limit (sendsPerAddress ${sendsPerAddress})`,
      () => checkAddressLimit(running.front.url, api, sendsPerAddress),
      (note) => note,
    );
    await step(
      'a send with no client address is refused',
      async () => {
        if (noAddress.via === 'direct') {
          const from = { origin: running.front.url };
          return checkNoAddress(running.app.url, api, running.app, from, noAddress.how);
        }
        const socketPath = join(dir, 'app.sock');
        const url = 'http://localhost';
        const stepName = `${start.step} on a Unix socket`;
        const onSocket = await startApp(stepName, { [noAddress.pathEnv]: socketPath }, url);
        return checkNoAddress(url, api, onSocket, { socketPath }, noAddress.how);
      },
      (note) => note,
    );
  } finally {
    for (const stop of stops.reverse()) await stop();
  }
  return failures;
}

async function main() {
  const { names, keep, prepare: prepareOptions } = fixtureArgs('frameworks', frameworkNames);

  const started = performance.now();
  const reporter = new Reporter();
  const failures: unknown[] = [];
  console.log(
    'Framework check: server mode built for production in the meta-frameworks, installed from the tarballs',
  );

  await reporter
    .step('all', 'README and docs site snippets equal their fixture files', () => {
      const problems = readmeDrift(root);
      if (problems.length > 0)
        throw new StepFailure('all', 'README and docs snippets', 'a snippet drifted', problems.join('\n'));
    })
    .catch((failure) => failures.push(failure));

  let prepared: Prepared<FrameworkName> | undefined;
  try {
    prepared = await prepare({
      set: frameworkFixtures,
      fixtures: names,
      reporter,
      ...prepareOptions,
    });
    const ready = prepared;
    const build = oneAtATime();
    const results = await Promise.allSettled(
      names.map((name) => checkFramework(reporter, name, ready.fixtures[name], build)),
    );
    for (const result of results) {
      if (result.status === 'rejected') failures.push(result.reason);
      else failures.push(...result.value);
    }
  } catch (failure) {
    failures.push(failure);
  } finally {
    const done = prepared;
    if (done && keep) console.log(`  kept ${done.dir}`);
    else if (done) await reporter.step('all', 'remove the temp folder', () => done.cleanup()).catch(() => {});
  }

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (failures.length === 0) {
    console.log(`Framework check passed in ${seconds} s (${names.join(', ')})`);
    return;
  }
  for (const failure of failures) printFailure(failure);
  console.error(`\nFramework check FAILED after ${seconds} s: see above (re-run: pnpm run check:frameworks)`);
  process.exitCode = 1;
}

if (import.meta.filename === resolve(process.argv[1] ?? '')) await main();
