/**
 * The consumer test: the packages as an outside app installs them (issue 10, section 2).
 *
 * Run alone, after a build:   npx -y pnpm@12.21.0 run build && npx -y pnpm@12.21.0 run check:consumer
 * Options (after `check:consumer`):
 *   --fixtures node,react   only these fixtures (default: node, react, vue, svelte, solid, next)
 *   --update-lockfiles      `npm install` instead of `npm ci` and write consumer/<fixture>/package-lock.json
 *                           back (needed when a package's dependencies, a fixture's package.json or a version change)
 *   --keep                  keep the temp folder (printed) to look inside
 *   --npm-cache DIR         an npm cache of its own, e.g. an empty folder to time a cold install
 *   --tarballs DIR          install the *.tgz of DIR instead of packing (a scratch check by hand)
 *
 * It checks the snippets of the READMEs and the docs site's pages against their fixture files, packs
 * every publishable package, copies the fixtures of consumer/ (node, react, vue, svelte, solid, next) to a
 * temp folder outside the workspace with the tarballs, installs them with `npm ci` in parallel, then in each fixture:
 *   node:  tsc with a Node-only tsconfig (lib es2023, types node, no DOM, skipLibCheck false) on core-only
 *          scripts; a plain ESM script starts the installed mock server and logs in by phone through the
 *          compiled one; the installed bins start
 *   react: tsc --noEmit (strict, skipLibCheck false) including the app's own createActor passed to the
 *          provider, then vite build
 *   vue:   vue-tsc --noEmit likewise, then vite build
 *   svelte: svelte-check --fail-on-warnings likewise (own createActor into provideVerifikLogin), vite build,
 *          then vite preview and a Chromium login through the README's example against the installed mock
 *          (vite-app.ts)
 *   solid: tsc --noEmit likewise (own createActor into VerifikLoginProvider), vite build, then the same
 *          Chromium login through its README's example
 *   next:  a create-next-app app (cacheComponents on), with the installed mock running: next build (its own
 *          type-check; prerenders the page with the login: the Next.js 16 regression check), then
 *          next start and a Chromium login by phone, countdown shown, and logout (next-app.ts)
 *   all:   `npm ls xstate` finds one copy, at the fixtures' xstate (the lowest the peer ranges accept)
 * then, in the installed node, react and vue fixtures, what most apps get (type-checks only; the runtime is 5.32.5's):
 *   those: `npm install --save-exact xstate@<newestXstate>` (the newest 5.x, pinned in prepare.ts),
 *          `npm ls xstate` finds one copy at that version, and the type-check above again
 *   react: `npm install --save-exact` React 18's @types/react and @types/react-dom (react18Types),
 *          `npm ls @types/react` finds one copy at that version, and tsc again (still on newestXstate)
 * Every step prints its time; a failure names the fixture and the step and shows the tool's output.
 */
import { resolve } from 'node:path';
import { checkNextApp } from './next-app.js';
import {
  exec,
  type FixtureName,
  fixtureArgs,
  fixtureNames,
  fixtureXstate,
  newestXstate,
  type Prepared,
  prepare,
  printFailure,
  Reporter,
  react18Types,
  root,
  StepFailure,
} from './prepare.js';
import { readmeDrift } from './readme.js';
import { checkViteApp } from './vite-app.js';

/**
 * One copy of a package (xstate by default) in the fixture's tree, at the expected version (the fixtures'
 * xstate by default); npm ls also fails on an unmet peer or a version package.json does not accept.
 */
export async function checkOneXstate(
  fixture: string,
  dir: string,
  expected: string = fixtureXstate,
  name = 'xstate',
  step = `npm ls ${name}`,
): Promise<string> {
  const output = await exec(fixture, step, 'npm', ['ls', name, '--all', '--parseable', '--long'], {
    cwd: dir,
  });
  const copies = [...new Set(output.split('\n').filter((line) => line.includes(`:${name}@`)))];
  const versions = copies.map(
    (line) => line.slice(line.lastIndexOf(`${name}@`) + `${name}@`.length).split(':')[0],
  );
  if (copies.length !== 1 || versions[0] !== expected) {
    throw new StepFailure(
      fixture,
      step,
      `expected one ${name}, ${expected}; found ${copies.length}: ${versions.join(', ')}`,
      output,
    );
  }
  return `one copy, ${versions[0]}`;
}

type Check = [step: string, command: string, args: string[], note?: (output: string) => string];

/**
 * Each fixture's type-check: the first step, and the one the later passes run again. Not next's: its
 * `next build` type-checks (with create-next-app's tsconfig, skipLibCheck true, so a pass on another
 * xstate would prove nothing the react fixture's does not).
 */
const typeChecks: Record<Exclude<FixtureName, 'next'>, Check> = {
  node: [
    'tsc, Node-only tsconfig (lib es2023, types node, no DOM, skipLibCheck false)',
    'tsc',
    ['-p', 'tsconfig.json'],
  ],
  react: [
    'tsc --noEmit (strict, skipLibCheck false, own createActor into the provider)',
    'tsc',
    ['-p', 'tsconfig.json'],
  ],
  vue: [
    'vue-tsc --noEmit (strict, skipLibCheck false, own createActor into provideVerifikLogin)',
    'vue-tsc',
    ['-p', 'tsconfig.json'],
  ],
  svelte: [
    'svelte-check --fail-on-warnings (strict, skipLibCheck false, own createActor into provideVerifikLogin)',
    'svelte-check',
    ['--tsconfig', './tsconfig.json', '--fail-on-warnings'],
  ],
  solid: [
    'tsc --noEmit (strict, skipLibCheck false, own createActor into VerifikLoginProvider)',
    'tsc',
    ['-p', 'tsconfig.json'],
  ],
};

/** The steps after the type-check, on the fixtures' xstate only. */
const checks: Record<Exclude<FixtureName, 'next'>, Check[]> = {
  node: [
    [
      'node login.js: logs in by phone against the installed mock server',
      'node',
      ['login.js'],
      (output) => output.trim().split('\n').at(-1) ?? '',
    ],
    [
      'node server-mode.js: logs in through the installed @verifik-auth/server, the token kept on the server',
      'node',
      ['server-mode.js'],
      (output) => output.trim().split('\n').at(-1) ?? '',
    ],
    [
      "node readme.js: the README's plain-TypeScript script logs in with the code typed at its prompt, and exits",
      'node',
      ['readme.js'],
      (output) => output.trim().split('\n').at(-1) ?? '',
    ],
    ['installed bin: verifik-login --help', 'verifik-login', ['--help']],
    ['installed bin: verifik-paths --coverage', 'verifik-paths', ['--coverage'], (output) => output.trim()],
  ],
  react: [['vite build', 'vite', ['build', '--logLevel', 'warn']]],
  vue: [['vite build', 'vite', ['build', '--logLevel', 'warn']]],
  svelte: [['vite build', 'vite', ['build', '--logLevel', 'warn']]],
  solid: [['vite build', 'vite', ['build', '--logLevel', 'warn']]],
};

/**
 * A later pass over the installed fixtures: install these exact versions into the fixture (package.json
 * and lockfile of the temp copy, as an app upgrading would), check the first one is a single copy at
 * its version, and type-check again.
 */
interface Pass {
  /** Appended to each step's name: "on xstate 5.33.3". */
  on: string;
  fixtures: readonly Exclude<FixtureName, 'next'>[];
  /** name → exact version; the first is the one `npm ls` checks. */
  install: Readonly<Record<string, string>>;
}

const passes: Pass[] = [
  {
    on: `on xstate ${newestXstate}`,
    // The core's types and two bindings' on the newest xstate; Svelte's and Solid's checks (the
    // slowest steps of the run) are not repeated: they add no xstate types of their own.
    fixtures: ['node', 'react', 'vue'],
    install: { xstate: newestXstate },
  },
  {
    on: `with React 18's types (@types/react ${react18Types['@types/react']}), on xstate ${newestXstate}`,
    fixtures: ['react'],
    install: react18Types,
  },
];

/**
 * Runs every step of a fixture, even after one failed (a build says something a type error does not),
 * then the later passes; a pass whose install fails stops there (the next ones build on it).
 */
async function checkFixture(
  reporter: Reporter,
  fixture: FixtureName,
  dir: string,
  npmArgs: string[],
): Promise<unknown[]> {
  const failures: unknown[] = [];
  /** Runs a step; true when it passed, else its failure is collected and the next step still runs. */
  const step = <T>(name: string, work: () => Promise<T>, note?: (value: T) => string) =>
    reporter.step(fixture, name, work, note).then(
      () => true,
      (failure) => {
        failures.push(failure);
        return false;
      },
    );
  const run = ([name, command, args, note]: Check, suffix = '') =>
    step(`${name}${suffix}`, () => exec(fixture, `${name}${suffix}`, command, args, { cwd: dir }), note);
  const checkOne = (name: string, version: string, suffix = '') =>
    step(
      `npm ls ${name}${suffix}`,
      () => checkOneXstate(fixture, dir, version, name, `npm ls ${name}${suffix}`),
      (found) => found,
    );

  if (fixture === 'next') await checkNextApp(step, dir);
  else {
    const passed: boolean[] = [];
    for (const check of [typeChecks[fixture], ...checks[fixture]]) passed.push(await run(check));
    // The login in Chromium needs the build.
    if ((fixture === 'svelte' || fixture === 'solid') && passed.at(-1))
      await checkViteApp(step, fixture, dir);
  }
  await checkOne('xstate', fixtureXstate);

  for (const pass of passes) {
    if (fixture === 'next' || !pass.fixtures.includes(fixture)) continue;
    const specs = Object.entries(pass.install).map(([name, version]) => `${name}@${version}`);
    const installed = await run([
      `npm install --save-exact ${specs.join(' ')}`,
      'npm',
      ['install', '--save-exact', ...npmArgs, ...specs],
    ]);
    if (!installed) break;
    const [name, version] = Object.entries(pass.install)[0] as [string, string];
    await checkOne(name, version, ` ${pass.on}`);
    await run(typeChecks[fixture], ` ${pass.on}`);
  }
  return failures;
}

async function main() {
  const { names: fixtures, keep, prepare: prepareOptions } = fixtureArgs('fixtures', fixtureNames);

  const started = performance.now();
  const reporter = new Reporter();
  const failures: unknown[] = [];
  console.log('Consumer test: the packed packages installed by npm into fresh apps outside the workspace');

  await reporter
    .step('all', 'README and docs site snippets equal their fixture files', () => {
      const problems = readmeDrift(root);
      if (problems.length > 0)
        throw new StepFailure('all', 'README and docs snippets', 'a snippet drifted', problems.join('\n'));
    })
    .catch((failure) => failures.push(failure));

  let prepared: Prepared | undefined;
  try {
    prepared = await prepare({
      fixtures,
      reporter,
      ...prepareOptions,
    });
    const ready = prepared;
    const results = await Promise.allSettled(
      fixtures.map((fixture) => checkFixture(reporter, fixture, ready.fixtures[fixture], ready.npmArgs)),
    );
    for (const result of results) {
      if (result.status === 'rejected') failures.push(result.reason);
      else failures.push(...result.value);
    }
  } catch (failure) {
    failures.push(failure);
  } finally {
    if (prepared && keep) console.log(`  kept ${prepared.dir}`);
    else prepared?.cleanup();
  }

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (failures.length === 0) {
    const react18 = fixtures.includes('react')
      ? `; React 18 types (@types/react ${react18Types['@types/react']})`
      : '';
    const onNewest = fixtures.some((fixture) => fixture !== 'next')
      ? `, type-checked on ${newestXstate} too`
      : '';
    console.log(
      `Consumer test passed in ${seconds} s (${fixtures.join(', ')}; xstate ${fixtureXstate}${onNewest}${react18})`,
    );
    return;
  }
  for (const failure of failures) printFailure(failure);
  console.error(
    `\nConsumer test FAILED after ${seconds} s: see above (re-run alone: pnpm run check:consumer)`,
  );
  process.exitCode = 1;
}

if (import.meta.filename === resolve(process.argv[1] ?? '')) await main();
