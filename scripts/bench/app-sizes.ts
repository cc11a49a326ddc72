/**
 * What the login costs a real app (issue 10, section 4; Svelte and Solid: issue 19): the consumer fixtures'
 * React 19, Vue 3.5, Svelte 5 and Solid 1.9 apps (the README's snippets plus a provider fed with the app's
 * own createActor), built by Vite from the
 * packed tarballs, against the same app without a login (`consumer/<fixture>/bare/`, same tooling, same
 * install). Sizes are the gzipped JavaScript Vite emits (gzip -9; 1 KB = 1024 B).
 *
 * Needs built packages (`pnpm build`): it packs them. Alone: `npx -y pnpm@12.21.0 exec tsx scripts/bench/app-sizes.ts`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { exec, type Prepared, prepare, Reporter } from '../consumer/prepare.js';
import { kb } from './report.js';

export interface AppSize {
  /** Gzipped JS of the app with the login, in bytes. */
  app: number;
  /** Gzipped JS of the bare app, in bytes. */
  bare: number;
  /** `app - bare`: what the login adds, in bytes. */
  difference: number;
}

/** The fixtures measured, each a Vite app with a `bare/` twin. */
export const appFixtures = ['react', 'vue', 'svelte', 'solid'] as const;
export type AppFixture = (typeof appFixtures)[number];

/** How the report names each fixture's framework. */
export const appLabels: Record<AppFixture, string> = {
  react: 'React 19',
  vue: 'Vue 3.5',
  svelte: 'Svelte 5',
  solid: 'Solid 1.9',
};

export type AppSizes = Record<AppFixture, AppSize>;

/** The gzip -9 size of every .js file Vite wrote to `outDir/assets`. */
function gzippedJs(outDir: string): number {
  const assets = join(outDir, 'assets');
  return readdirSync(assets)
    .filter((file) => file.endsWith('.js'))
    .reduce((total, file) => total + gzipSync(readFileSync(join(assets, file)), { level: 9 }).length, 0);
}

async function measure(fixture: AppFixture, dir: string, reporter: Reporter): Promise<AppSize> {
  const build = (mode: string[]) =>
    exec(fixture, 'vite build', 'vite', ['build', '--logLevel', 'warn', ...mode], { cwd: dir });
  const app = await reporter.step(
    fixture,
    'vite build (with the login)',
    async () => {
      await build([]);
      return gzippedJs(join(dir, 'dist'));
    },
    kb,
  );
  const bare = await reporter.step(
    fixture,
    'vite build --mode bare (no login)',
    async () => {
      await build(['--mode', 'bare']);
      return gzippedJs(join(dir, 'dist-bare'));
    },
    kb,
  );
  return { app, bare, difference: app - bare };
}

/**
 * Builds the fixture apps of {@link appFixtures} and their bare twins and returns their gzipped JS sizes.
 * Give it fixtures already installed by the consumer test's `prepare()` (those four at least), or it prepares
 * (packs and installs) them itself and removes them afterwards. Rejects with a StepFailure when a step fails.
 * @example
 * const sizes = await measureAppSizes();
 * console.log(`React: +${kb(sizes.react.difference)} over a bare React 19 app`);
 */
export async function measureAppSizes(
  options: { prepared?: Prepared; reporter?: Reporter } = {},
): Promise<AppSizes> {
  const reporter = options.reporter ?? new Reporter();
  const prepared = options.prepared ?? (await prepare({ fixtures: appFixtures, reporter }));
  try {
    const sizes: Partial<AppSizes> = {};
    // One at a time: the builds would compete for the CPU, not for the sizes.
    for (const fixture of appFixtures)
      sizes[fixture] = await measure(fixture, prepared.fixtures[fixture], reporter);
    return sizes as AppSizes;
  } finally {
    if (!options.prepared) prepared.cleanup();
  }
}

if (import.meta.filename === resolve(process.argv[1] ?? '')) {
  const sizes = await measureAppSizes();
  for (const fixture of appFixtures) {
    const { app, bare, difference } = sizes[fixture];
    const label = appLabels[fixture];
    console.log(`${label}: ${kb(app)} with the login, ${kb(bare)} bare, +${kb(difference)}`);
  }
}
