/**
 * The consumer test's prepare step, shared by `run.ts` and `scripts/bench/app-sizes.ts`: packs every
 * publishable package, copies the fixture apps of `consumer/` into a fresh folder under os.tmpdir() (out
 * of the workspace, so no workspace link and no parent node_modules can resolve anything), puts the
 * tarballs beside them under fixed names and installs each fixture with `npm ci` from its committed lockfile.
 *
 * The fixtures depend on `file:./tarballs/verifik-auth-core.tgz` and so on. npm records an `integrity`
 * for such an entry, and every build changes the tarball; worse, npm 11's `npm ci --prefer-offline`
 * then installs the cached tarball of that integrity, silently, instead of the new file. So the
 * committed lockfiles hold no integrity for `file:` entries, and the copies are stripped again before
 * `npm ci` in case one came back.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import semver from 'semver';
import { type PackedManifest, type PackedPackage, packAll, packedManifest, root } from '../packages/pack.js';

export { root };

/** The fixture apps, each a folder of `consumer/`. */
export const fixtureNames = ['node', 'react', 'vue', 'svelte', 'solid', 'next'] as const;
export type FixtureName = (typeof fixtureNames)[number];

/** The xstate every fixture pins: the lowest version every package's range accepts. */
export const fixtureXstate = '5.32.5';

/**
 * The newest xstate 5.x the fixtures are type-checked on too, after their checks on fixtureXstate: what
 * most apps install. Pinned, not `latest`, so a run is reproducible; move it by hand to
 * `npm view xstate version` once the consumer test passes on that version.
 */
export const newestXstate = '5.33.3';

/** React 18's types (`npm view @types/react@18 version`), pinned: the React fixture is type-checked on them too. */
export const react18Types = { '@types/react': '18.3.32', '@types/react-dom': '18.3.7' } as const;

export const fixturesRoot = join(root, 'consumer');

/** The fixed file name a fixture's package.json uses for a package's tarball. */
export const tarballFileName = (name: string): string => `${name.replace(/^@/, '').replace('/', '-')}.tgz`;

/** A step that failed: which fixture, which step, and what the tool printed. */
export class StepFailure extends Error {
  constructor(
    readonly fixture: string,
    readonly step: string,
    readonly detail: string,
    readonly output = '',
  ) {
    super(`${fixture}: ${step}: ${detail}`);
  }
}

export interface StepReport {
  fixture: string;
  step: string;
  ms: number;
  ok: boolean;
  note?: string;
}

/** Prints one line per finished step, with its time; collects them for a summary. */
export class Reporter {
  readonly steps: StepReport[] = [];
  constructor(private readonly quiet = false) {}

  async step<T>(fixture: string, step: string, work: () => Promise<T> | T, note?: (value: T) => string) {
    const started = performance.now();
    try {
      const value = await work();
      this.record({ fixture, step, ms: performance.now() - started, ok: true, note: note?.(value) });
      return value;
    } catch (error) {
      this.record({ fixture, step, ms: performance.now() - started, ok: false });
      if (error instanceof StepFailure) throw error;
      throw new StepFailure(fixture, step, error instanceof Error ? error.message : String(error));
    }
  }

  private record(report: StepReport) {
    this.steps.push(report);
    if (this.quiet) return;
    const seconds = `${(report.ms / 1000).toFixed(1)} s`.padStart(8);
    const mark = report.ok ? 'ok  ' : 'FAIL';
    console.log(
      `  ${mark} ${seconds}  ${report.fixture.padEnd(9)} ${report.step}${report.note ? `: ${report.note}` : ''}`,
    );
  }
}

/**
 * The `npm_config_*` variables (either case) a user may need to reach their registry; kept for the
 * fixtures' npm, while every other `npm_*` / `pnpm_*` variable (what pnpm and npx set for the workspace
 * script) is dropped.
 */
const keptNpmConfig = /^npm_config_(registry|cache|proxy|https_proxy|cafile|userconfig)$/i;

/**
 * The environment for tools run in a fixture: the workspace's `node_modules/.bin` (which `pnpm run` puts on
 * PATH) and pnpm's `npm_*` variables are left out, so npm and the fixture's own binaries behave as they
 * would in a fresh app; the registry, cache, proxy and certificate settings stay (keptNpmConfig).
 */
export function fixtureEnv(fixtureDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    const dropped = /^(npm|pnpm)_/i.test(key) && !keptNpmConfig.test(key);
    if (!dropped && key !== 'NODE_OPTIONS' && key !== 'INIT_CWD') env[key] = value;
  }
  const path = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((entry) => entry && relative(root, entry).startsWith('..'));
  env.PATH = [join(fixtureDir, 'node_modules/.bin'), ...path].join(delimiter);
  env.NO_COLOR = '1';
  env.npm_config_update_notifier = 'false';
  return env;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Temp folders of prepare() not yet cleaned up (or kept): removed on SIGINT / SIGTERM too. */
const tempDirs = new Map<string, { keep: boolean }>();
let signalsHandled = false;
function removeOnSignal(dir: string, keep: boolean) {
  tempDirs.set(dir, { keep });
  if (signalsHandled) return;
  signalsHandled = true;
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    // `on`, not `once`, and an asynchronous rm: tsx relays the terminal's SIGINT a second time and, unless
    // this process acknowledges it within 30 ms (it can only while its event loop is free), SIGKILLs it,
    // which would leave the folder half removed.
    process.on(signal, async () => {
      if (interrupted) return;
      interrupted = true;
      for (const child of running) child.kill('SIGKILL');
      await Promise.all(
        [...tempDirs]
          .filter(([, { keep }]) => !keep)
          .map(([folder]) => rm(folder, { recursive: true, force: true, maxRetries: 5 }).catch(() => {})),
      );
      console.error(`\nInterrupted (${signal})`);
      for (const [folder, { keep }] of tempDirs) {
        const what = keep ? 'kept' : existsSync(folder) ? 'could not remove' : 'removed';
        console.error(`  ${what} ${folder}`);
      }
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

/** Runs a command; resolves with its output (stdout and stderr interleaved), or throws StepFailure. */
export function exec(
  fixture: string,
  step: string,
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; hangAfterMs?: number },
): Promise<string> {
  const { cwd, env = fixtureEnv(cwd), hangAfterMs = 10 * 60_000 } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    // Not a timing assertion: only a guard so a hung tool fails the run instead of holding it forever.
    const guard = setTimeout(() => child.kill('SIGKILL'), hangAfterMs);
    const shown = [command, ...args].join(' ');
    child.on('error', (error) => {
      clearTimeout(guard);
      running.delete(child);
      reject(new StepFailure(fixture, step, `\`${shown}\` could not start: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      running.delete(child);
      if (code === 0) resolve(output);
      else {
        const why = signal
          ? `was killed (${signal}${signal === 'SIGKILL' ? ', hung?' : ''})`
          : `exited ${code}`;
        reject(new StepFailure(fixture, step, `\`${shown}\` ${why}`, output));
      }
    });
  });
}

/** A server started by {@link startServer}. */
export interface RunningServer {
  /** The first URL it printed on its ready line. */
  url: string;
  /** Everything it printed so far (stdout and stderr interleaved). */
  output(): string;
  /** Stops it and whatever it started (SIGTERM to its process group, SIGKILL after 5 s). */
  stop(): Promise<void>;
}

/**
 * Starts a server in a process group of its own and resolves once it prints a line matching `ready`
 * (which must hold an http URL, the one it listens on, unless `url` is given); throws StepFailure if it exits or `hangAfterMs`
 * passes first.
 */
export function startServer(
  fixture: string,
  step: string,
  command: string,
  args: string[],
  options: {
    cwd: string;
    env?: NodeJS.ProcessEnv;
    ready: RegExp;
    hangAfterMs?: number;
    /** The URL when the ready line holds none: a server listening on a Unix socket. */
    url?: string;
  },
): Promise<RunningServer> {
  const { cwd, env = fixtureEnv(cwd), ready, hangAfterMs = 2 * 60_000 } = options;
  const shown = [command, ...args].join(' ');
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  running.add(child);
  let output = '';
  const exited = new Promise<void>((resolve) =>
    child.on('close', () => {
      running.delete(child);
      resolve();
    }),
  );
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // The group is gone already.
    }
  };
  const stop = async () => {
    signalGroup('SIGTERM');
    const killer = setTimeout(() => signalGroup('SIGKILL'), 5_000);
    await exited;
    clearTimeout(killer);
  };
  return new Promise((resolve, reject) => {
    let started = false;
    const fail = (detail: string) => {
      if (started) return;
      clearTimeout(guard);
      void stop();
      reject(new StepFailure(fixture, step, `\`${shown}\` ${detail}`, output));
    };
    // Not a timing assertion: only a guard so a server that never gets ready fails the run.
    const guard = setTimeout(() => fail(`was not ready after ${hangAfterMs / 1000} s`), hangAfterMs);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const line = output.split('\n').find((text) => ready.test(text));
      const url = line && (/https?:\/\/[^\s"']+/.exec(line)?.[0] ?? options.url);
      if (!url) return;
      started = true;
      clearTimeout(guard);
      child.stdout.off('data', onData);
      child.stderr.off('data', onData);
      child.stdout.on('data', (more) => (output += more));
      child.stderr.on('data', (more) => (output += more));
      resolve({ url, output: () => output, stop });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (error) => fail(`could not start: ${error.message}`));
    child.on('close', (code, signal) => fail(`exited (${signal ?? code}) before it was ready`));
  });
}

type Lockfile = {
  packages: Record<string, { resolved?: string; integrity?: string; [key: string]: unknown }>;
};

/** Drops the `integrity` of every `file:` entry (the tarballs change with every build). */
export function stripFileIntegrity(lockfile: Lockfile): Lockfile {
  for (const entry of Object.values(lockfile.packages)) {
    if (entry.resolved?.startsWith('file:')) delete entry.integrity;
  }
  return lockfile;
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const writeJson = (file: string, value: unknown) =>
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);

/** The `file:./tarballs/...` dependencies of a fixture's package.json, by package name. */
function tarballDependencies(manifest: Record<string, Record<string, string>>): Map<string, string> {
  const found = new Map<string, string>();
  for (const field of ['dependencies', 'devDependencies'] as const) {
    for (const [name, spec] of Object.entries(manifest[field] ?? {})) {
      if (spec.startsWith('file:')) found.set(name, spec.slice('file:'.length));
    }
  }
  return found;
}

/**
 * Fails when a committed lockfile no longer matches a tarball's manifest (a package gained a dependency,
 * changed a range or its version): `npm ci` would trust the lockfile and install the old tree.
 */
function staleEntries(fixtureDir: string): string[] {
  const lockfile = readJson(join(fixtureDir, 'package-lock.json')) as Lockfile;
  const problems: string[] = [];
  const fields = [
    'version',
    'dependencies',
    'peerDependencies',
    'optionalDependencies',
    'peerDependenciesMeta',
  ];
  for (const [path, entry] of Object.entries(lockfile.packages)) {
    if (!path || !entry.resolved?.startsWith('file:')) continue;
    const manifest = readJson(join(fixtureDir, path, 'package.json'));
    for (const field of fields) {
      const locked = JSON.stringify(sortKeys(entry[field]));
      const shipped = JSON.stringify(sortKeys(manifest[field]));
      if (locked !== shipped)
        problems.push(`${path}: ${field} is ${shipped} in the tarball, ${locked} in the lockfile`);
    }
  }
  return problems;
}

function sortKeys(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, inner]) => [key, sortKeys(inner)]),
  );
}

/**
 * Every package's range for xstate (peer or dependency) must be `^` + the fixtures' version, so the
 * fixtures run on the lowest xstate the packages claim to support.
 */
function xstateRangeProblems(manifests: Map<string, PackedManifest>): string[] {
  const problems: string[] = [];
  if (!semver.gt(newestXstate, fixtureXstate) || !semver.satisfies(newestXstate, `^${fixtureXstate}`)) {
    problems.push(
      `newestXstate ${newestXstate} in scripts/consumer/prepare.ts should be a 5.x newer than ${fixtureXstate}`,
    );
  }
  for (const [name, manifest] of manifests) {
    for (const field of ['peerDependencies', 'dependencies'] as const) {
      const range = manifest[field]?.xstate;
      if (range && range !== `^${fixtureXstate}`) {
        problems.push(
          `${name} asks xstate "${range}" in ${field}, but the fixtures pin ${fixtureXstate}, the lowest of ` +
            `"^${fixtureXstate}": keep one range everywhere and move the fixtures' pin with it ` +
            '(consumer/*/package.json, fixtureXstate in scripts/consumer/prepare.ts, then --update-lockfiles)',
        );
      }
    }
  }
  return problems;
}

/**
 * Where a set of fixtures lives and how to regenerate its lockfiles: the consumer fixtures by default,
 * the framework fixtures of `frameworks/` (scripts/frameworks/run.ts) too.
 */
export interface FixtureSet<Name extends string = FixtureName> {
  /** The folder holding one folder per fixture, e.g. `<root>/consumer`. */
  folder: string;
  /** Every fixture of the set: what `fixtures` defaults to. */
  names: readonly Name[];
  /** The command that regenerates the lockfiles, named in the failures that ask for it. */
  updateCommand: string;
  /**
   * Fail a fixture's install when npm warns `EBADENGINE` (a dependency's `engines` refuses this Node):
   * npm only warns, and the package may then break at run time on the Node our users have.
   */
  refuseEngineWarnings?: boolean;
}

export const consumerFixtures: FixtureSet = {
  folder: fixturesRoot,
  names: fixtureNames,
  updateCommand: 'npx -y pnpm@12.21.0 run check:consumer --update-lockfiles',
};

/** The `npm warn EBADENGINE` lines of an npm output (none when every engine accepts this Node). */
export function engineWarnings(output: string): string[] {
  return output.split('\n').filter((line) => /\bEBADENGINE\b/.test(line));
}

export interface PrepareOptions<Name extends string = FixtureName> {
  /** Which set of fixtures (default: the consumer fixtures of `consumer/`). */
  set?: FixtureSet<Name>;
  /** Which fixtures of the set to install (default: all of them). */
  fixtures?: readonly Name[];
  /** Prints each step with its time (default: a new one). */
  reporter?: Reporter;
  /** Regenerate the lockfiles with `npm install` and write them back to `<set folder>/<fixture>/`. */
  updateLockfiles?: boolean;
  /** An npm cache folder of its own (e.g. an empty one, to time a cold install). */
  npmCache?: string;
  /** Use these tarballs instead of packing (a scratch check, e.g. with a manifest changed by hand). */
  tarballs?: PackedPackage[];
  /** On SIGINT / SIGTERM, leave the temp folder (printed) instead of removing it. */
  keep?: boolean;
}

export interface Prepared<Name extends string = FixtureName> {
  /** The temp folder holding every fixture; remove it with `cleanup()`. */
  dir: string;
  fixtures: Record<Name, string>;
  packed: PackedPackage[];
  /** The flags the fixtures were installed with (cache, --prefer-offline…), for a later `npm install`. */
  npmArgs: string[];
  cleanup(): void;
}

/** Packs, copies the fixtures out of the workspace, and installs them in parallel. */
export async function prepare<Name extends string = FixtureName>(
  options: PrepareOptions<Name> = {},
): Promise<Prepared<Name>> {
  const set = options.set ?? (consumerFixtures as unknown as FixtureSet<Name>);
  const { fixtures = set.names, reporter = new Reporter(), updateLockfiles = false, npmCache } = options;
  const setName = relative(root, set.folder);
  const dir = mkdtempSync(join(tmpdir(), `verifik-${setName}-`));
  removeOnSignal(dir, options.keep ?? false);
  const cleanup = () => {
    tempDirs.delete(dir);
    rmSync(dir, { recursive: true, force: true });
  };
  const npmArgs = ['--no-audit', '--no-fund', '--prefer-offline', ...(npmCache ? ['--cache', npmCache] : [])];
  try {
    for (let parent = dir; dirname(parent) !== parent; parent = dirname(parent)) {
      if (
        existsSync(join(dirname(parent), 'node_modules')) ||
        existsSync(join(dirname(parent), 'package.json'))
      ) {
        throw new StepFailure(
          'all',
          'prepare',
          `${dirname(parent)} has a node_modules or package.json, which the fixtures would see; set TMPDIR elsewhere`,
        );
      }
    }
    const packed =
      options.tarballs ??
      (await reporter.step(
        'all',
        'pack every publishable package (pnpm pack)',
        () => packAll(join(dir, 'packs')),
        (list) => `${list.length} tarballs`,
      ));
    const manifests = new Map(packed.map(({ name, tarball }) => [name, packedManifest(tarball)]));
    const rangeProblems = xstateRangeProblems(manifests);
    if (rangeProblems.length > 0) throw new StepFailure('all', 'xstate ranges', rangeProblems.join('\n'));

    const settled = await Promise.allSettled(
      fixtures.map((fixture) =>
        reporter.step(
          fixture,
          updateLockfiles ? 'npm install (updating the lockfile)' : 'npm ci --prefer-offline',
          async () => {
            const fixtureDir = join(dir, fixture);
            cpSync(join(set.folder, fixture), fixtureDir, {
              recursive: true,
              filter: (source) => !/[\\/](node_modules|dist|dist-bare|\.next)$/.test(source),
            });
            const manifest = readJson(join(fixtureDir, 'package.json'));
            mkdirSync(join(fixtureDir, 'tarballs'), { recursive: true });
            for (const [name, file] of tarballDependencies(manifest)) {
              const pack = packed.find((entry) => entry.name === name);
              if (!pack)
                throw new StepFailure(
                  fixture,
                  'prepare',
                  `package.json wants ${name}, which is not a publishable package`,
                );
              if (file !== `./tarballs/${tarballFileName(name)}`) {
                throw new StepFailure(
                  fixture,
                  'prepare',
                  `package.json should depend on ${name} as "file:./tarballs/${tarballFileName(name)}"`,
                );
              }
              cpSync(pack.tarball, join(fixtureDir, file));
            }
            const lockfile = join(fixtureDir, 'package-lock.json');
            let output: string;
            if (updateLockfiles) {
              rmSync(lockfile, { force: true });
              output = await exec(fixture, 'npm install', 'npm', ['install', ...npmArgs], {
                cwd: fixtureDir,
              });
            } else {
              if (!existsSync(lockfile)) {
                throw new StepFailure(
                  fixture,
                  'npm ci',
                  `${setName}/${fixture}/package-lock.json is missing: run \`${set.updateCommand}\``,
                );
              }
              writeJson(lockfile, stripFileIntegrity(readJson(lockfile)));
              output = await exec(fixture, 'npm ci', 'npm', ['ci', ...npmArgs], { cwd: fixtureDir });
            }
            const warnings = set.refuseEngineWarnings ? engineWarnings(output) : [];
            if (warnings.length > 0) {
              throw new StepFailure(
                fixture,
                'engines',
                `npm warned EBADENGINE: a dependency does not support Node ${process.versions.node}; ` +
                  `pin a version that does in ${setName}/${fixture}/package.json and its lockfile`,
                warnings.join('\n'),
              );
            }
            if (updateLockfiles)
              writeJson(
                join(set.folder, fixture, 'package-lock.json'),
                stripFileIntegrity(readJson(lockfile)),
              );
            const stale = staleEntries(fixtureDir);
            if (stale.length > 0) {
              throw new StepFailure(
                fixture,
                'lockfile',
                `${setName}/${fixture}/package-lock.json does not match the tarballs; regenerate it with ` +
                  `\`${set.updateCommand}\` and commit it`,
                stale.join('\n'),
              );
            }
            return [fixture, fixtureDir] as const;
          },
        ),
      ),
    );
    const failures = settled.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1)
      throw new AggregateError(failures, `${failures.length} fixtures failed to install`);
    const installed = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    return {
      dir,
      fixtures: Object.fromEntries(installed) as Record<Name, string>,
      packed,
      npmArgs,
      cleanup,
    };
  } catch (error) {
    cleanup();
    throw error;
  }
}

/** The packages of the `*.tgz` files in `folder` (`--tarballs DIR`: a scratch check by hand). */
export function tarballsIn(folder: string): PackedPackage[] {
  return readdirSync(folder)
    .filter((file) => file.endsWith('.tgz'))
    .map((file) => {
      const tarball = join(folder, file);
      return { name: packedManifest(tarball).name, folder: '', tarball };
    });
}

/** Prints a failed step with the tail of its tool's output (each of an AggregateError's). */
export function printFailure(failure: unknown) {
  if (failure instanceof AggregateError) {
    for (const inner of failure.errors) printFailure(inner);
    return;
  }
  if (!(failure instanceof StepFailure)) {
    console.error(`\n--- unexpected error:`, failure);
    return;
  }
  console.error(`\n--- ${failure.fixture}: ${failure.step} failed: ${failure.detail}`);
  const lines = failure.output.trimEnd().split('\n');
  const shown = lines.length > 200 ? ['…', ...lines.slice(-200)] : lines;
  if (failure.output.trim()) console.error(shown.map((line) => `    ${line}`).join('\n'));
}

/**
 * The command-line options both runners take: which fixtures (`--<flag> a,b`, default all of `known`,
 * an unknown name an error) and how to prepare them (`--update-lockfiles`, `--keep`, `--npm-cache DIR`,
 * `--tarballs DIR`).
 */
export function fixtureArgs<Name extends string>(flag: string, known: readonly Name[]) {
  const { values } = parseArgs({
    options: {
      [flag]: { type: 'string' },
      'update-lockfiles': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      'npm-cache': { type: 'string' },
      tarballs: { type: 'string' },
    },
  });
  const listed = values[flag];
  const names = (typeof listed === 'string' ? listed.split(',') : [...known]) as Name[];
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0)
    throw new Error(`unknown ${flag} ${unknown.join(', ')}; there are ${known.join(', ')}`);
  const npmCache = values['npm-cache'];
  const tarballs = values.tarballs;
  return {
    names,
    keep: values.keep === true,
    prepare: {
      updateLockfiles: values['update-lockfiles'] === true,
      keep: values.keep === true,
      ...(typeof npmCache === 'string' ? { npmCache: resolve(npmCache) } : {}),
      ...(typeof tarballs === 'string' ? { tarballs: tarballsIn(resolve(tarballs)) } : {}),
    },
  };
}
