import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import { inject } from 'vitest';
// By path: the repository root does not depend on the workspace packages (see README.md).
import {
  createMockDevClient,
  type FaultSpec,
  type InboxMessage,
  type MockServer,
  type MockServerOptions,
  startMockServer,
} from '../packages/mock-server/src/index.js';

export type { InboxMessage, MockServer };
export { createMockDevClient };

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** A demo page the spec drives: its name (also the screenshot folder) and its Vite config. */
export interface Demo {
  name: string;
  /** The Vite config, relative to the repo root. */
  config: string;
  /**
   * `full`: every Chromium spec (the path feature, the login, authenticator and server-mode specs);
   * `smoke`: the smoke run alone (smoke.e2e.test.ts). A binding's behaviour is proven by its own
   * catalogue replay in jsdom; Chromium shows what only a browser can, once per binding.
   */
  runs: 'full' | 'smoke';
}

/** Every demo the specs run against. A new framework's demo is one more entry. */
export const demos: readonly Demo[] = [
  { name: 'react', config: 'apps/react/vite.config.ts', runs: 'full' },
  { name: 'vue', config: 'apps/vue/vite.config.ts', runs: 'full' },
  { name: 'svelte', config: 'apps/svelte/vite.config.ts', runs: 'smoke' },
  { name: 'solid', config: 'apps/solid/vite.config.ts', runs: 'smoke' },
  { name: 'angular', config: 'apps/angular/vite.config.ts', runs: 'smoke' },
];

/**
 * The demos to run: all of them, or those named in `E2E_DEMOS` (comma-separated, e.g. `react`).
 * An unknown name is an error, not an empty run.
 */
export function selectedDemos(filter = process.env.E2E_DEMOS): readonly Demo[] {
  if (!filter?.trim()) return demos;
  const names = filter.split(',').map((name) => name.trim());
  for (const name of names) {
    if (!demos.some((demo) => demo.name === name)) {
      throw new Error(`E2E_DEMOS names "${name}"; known demos: ${demos.map((d) => d.name).join(', ')}`);
    }
  }
  return demos.filter((demo) => names.includes(demo.name));
}

/** The selected demos that run every spec, as `describe.each` rows: `[name, demo]`. */
export const demoCases = (): Array<[string, Demo]> =>
  selectedDemos()
    .filter((demo) => demo.runs === 'full')
    .map((demo) => [demo.name, demo]);

/** Every selected demo, for the smoke run, as `describe.each` rows: `[name, demo]`. */
export const smokeDemoCases = (): Array<[string, Demo]> => selectedDemos().map((demo) => [demo.name, demo]);

export interface RunningDemo {
  url: string;
  close(): Promise<void>;
}

/** How {@link startDemo} serves a demo. */
export interface StartDemoOptions {
  /**
   * Environment variables set while the demo builds and its preview server starts (its plugins read
   * them then, e.g. the React demo's `VERIFIK_DEMO_API`), restored afterwards.
   */
  env?: Readonly<Record<string, string>>;
}

/** Runs `task` with `env` set in `process.env`, then puts the previous values back. */
async function withEnv<T>(env: Readonly<Record<string, string>>, task: () => Promise<T>): Promise<T> {
  const previous = Object.keys(env).map((name) => [name, process.env[name]] as const);
  Object.assign(process.env, env);
  try {
    return await task();
  } finally {
    for (const [name, value] of previous) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/**
 * Builds a demo (once per run in the e2e project, see {@link buildOnce}) and serves the build on a free
 * port of 127.0.0.1. A build, not the dev server: one bundle loads several times faster than the dev
 * server's hundreds of modules, in every fresh browser context. Fails loudly when its config is missing.
 */
export function startDemo(demo: Demo, options: StartDemoOptions = {}): Promise<RunningDemo> {
  return withEnv(options.env ?? {}, () => buildAndPreview(demo));
}

async function buildAndPreview(demo: Demo): Promise<RunningDemo> {
  const configFile = resolve(repoRoot, demo.config);
  if (!existsSync(configFile)) {
    throw new Error(
      `The ${demo.name} demo has no Vite config at ${demo.config}: build that demo, or leave it out with E2E_DEMOS=<names>.`,
    );
  }
  const shared = sharedBuild(demo);
  const outDir = shared ?? (await mkdtemp(join(tmpdir(), `verifik-${demo.name}-demo-`)));
  const removeBuild = () => (shared ? Promise.resolve() : rm(outDir, { recursive: true, force: true }));
  try {
    if (shared) await buildOnce(configFile, shared);
    else await buildInto(configFile, outDir);
    const server = await preview({
      configFile,
      build: { outDir },
      preview: { port: 0, host: '127.0.0.1', strictPort: false },
      logLevel: 'warn',
      clearScreen: false,
    });
    const url = server.resolvedUrls?.local[0];
    const close = async () => {
      await server.close();
      await removeBuild();
    };
    if (!url) {
      await close();
      throw new Error(`The ${demo.name} demo's preview server did not report a URL`);
    }
    return { url: url.replace(/\/$/, ''), close };
  } catch (error) {
    await removeBuild();
    throw error;
  }
}

const buildInto = (configFile: string, outDir: string) =>
  build({ configFile, logLevel: 'warn', clearScreen: false, build: { outDir, emptyOutDir: true } });

/**
 * The run's folder for this demo's build with the environment its plugins read now (see
 * `demo-builds.global.ts`); undefined outside a Vitest run of the e2e project.
 */
function sharedBuild(demo: Demo): string | undefined {
  let root: string | undefined;
  try {
    root = inject('demoBuilds');
  } catch {
    return undefined;
  }
  if (!root) return undefined;
  const env = Object.keys(process.env)
    .filter((name) => name.startsWith('VERIFIK_DEMO_'))
    .sort()
    .map((name) => `${name}=${process.env[name]}`)
    .join('\n');
  return join(root, `${demo.name}-${createHash('sha256').update(env).digest('hex').slice(0, 12)}`);
}

/**
 * Builds into `outDir` unless this run already did: the first file to get there builds (holding a
 * lock folder, which `mkdir` creates for one caller only, across the run's worker processes), the
 * others wait for its `.done` mark.
 */
async function buildOnce(configFile: string, outDir: string): Promise<void> {
  const done = join(outDir, '.done');
  const failed = `${outDir}.failed`;
  try {
    await mkdir(`${outDir}.lock`);
  } catch {
    const deadline = Date.now() + 300_000;
    while (!existsSync(done)) {
      if (existsSync(failed)) throw new Error(`Another file's build of ${outDir} failed (see its error)`);
      if (Date.now() > deadline) throw new Error(`Waited 5 minutes for another file's build of ${outDir}`);
      await new Promise((wake) => setTimeout(wake, 100));
    }
    return;
  }
  try {
    await buildInto(configFile, outDir);
  } catch (error) {
    await writeFile(failed, '');
    throw error;
  }
  await writeFile(done, '');
}

/** A mock Verifik on a free port of 127.0.0.1. */
export function startMock(options: MockServerOptions = {}): Promise<MockServer> {
  return startMockServer({ port: 0, ...options });
}

/** Everything the mock has "sent", oldest first. */
export const readInbox = (mockUrl: string): Promise<InboxMessage[]> => createMockDevClient(mockUrl).inbox();

/**
 * The newest code sent to `to` (a phone's digits or an email), waiting for it to arrive; with `after`,
 * only a code sent after that many messages for `to` already were.
 */
export async function waitForCode(
  mockUrl: string,
  to: string,
  { after = 0, timeoutMs = 5_000 }: { after?: number; timeoutMs?: number } = {},
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const messages = (await readInbox(mockUrl)).filter((m) => m.phone === to || m.email === to.toLowerCase());
    const latest = messages.at(-1);
    if (latest && messages.length > after) return latest.otp;
    if (Date.now() > deadline) throw new Error(`No code for ${to} in the mock inbox after ${timeoutMs} ms`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** How many codes the mock has sent to `to`. */
export async function countCodes(mockUrl: string, to: string): Promise<number> {
  return (await readInbox(mockUrl)).filter((m) => m.phone === to || m.email === to.toLowerCase()).length;
}

/** Makes the mock misbehave on its next request(s) to `fault.route` (see `POST /__dev/faults`). */
export async function injectFault(mockUrl: string, fault: FaultSpec): Promise<void> {
  await createMockDevClient(mockUrl).fault(fault);
}
