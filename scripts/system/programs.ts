/**
 * The programs outside npm that the tests need, how to find each, and which Debian package provides it.
 * `scripts/system/setup.ts` installs what is missing; the tests use the same finders.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export const isExecutable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** Where a system Chromium usually is, in the order tried after `CHROMIUM_PATH`. */
export const chromiumCandidates = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
] as const;

export const missingChromiumMessage =
  'No Chromium found for the end-to-end tests: install Chromium: `apt-get install -y chromium` on Debian/Ubuntu, or set CHROMIUM_PATH';

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

/** A program the tests need; `find` returns its path or throws with instructions. */
export interface SystemProgram {
  name: string;
  neededBy: string;
  debianPackage: string;
  /** Set by a user who chose a path: then nothing is installed behind their back. */
  envVariable: string;
  find(env?: NodeJS.ProcessEnv): string;
}

/**
 * Proves a found program runs (`<path> --version`): an executable file is not enough (Ubuntu's apt
 * `chromium` is a stub that asks for snap, which containers lack). Returns the path, or throws with
 * what it printed and `missingMessage`.
 */
export function checkRuns(path: string, missingMessage: string = missingChromiumMessage): string {
  try {
    execFileSync(path, ['--version'], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 });
    return path;
  } catch (error) {
    const stderr =
      String((error as { stderr?: Buffer }).stderr ?? '')
        .trim()
        .split('\n')[0] ?? '';
    throw new Error(`${path} --version failed${stderr ? `: ${stderr}` : ''}. ${missingMessage}`);
  }
}

export const missingRedisMessage =
  'No redis-server found for the Redis store tests (packages/server): install Redis: `apt-get install -y redis-server` on Debian/Ubuntu, `brew install redis` on macOS, or set REDIS_SERVER_PATH';

/** Where a redis-server usually is, tried after `REDIS_SERVER_PATH` and before the `PATH`. */
export const redisServerCandidates = [
  '/usr/bin/redis-server',
  '/usr/local/bin/redis-server',
  '/opt/homebrew/bin/redis-server',
] as const;

/**
 * The `redis-server` the tests start (each test run starts its own, on a free loopback port):
 * `REDIS_SERVER_PATH` when set (and it must then exist), else a usual place, else the first on the
 * `PATH`. Throws with instructions rather than letting the Redis tests skip.
 */
export function findRedisServer(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.REDIS_SERVER_PATH;
  if (configured) {
    if (isExecutable(configured)) return configured;
    throw new Error(
      `REDIS_SERVER_PATH is ${configured}, which is not an executable file. ${missingRedisMessage}`,
    );
  }
  const onPath = (env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((directory) => join(directory, 'redis-server'));
  const found = [...redisServerCandidates, ...onPath].find(isExecutable);
  if (!found) throw new Error(missingRedisMessage);
  return found;
}

export const systemPrograms = [
  {
    name: 'Chromium',
    neededBy: 'the end-to-end tests (e2e/)',
    debianPackage: 'chromium',
    envVariable: 'CHROMIUM_PATH',
    find: (env?: NodeJS.ProcessEnv) => checkRuns(findChromium(env)),
  },
  {
    name: 'redis-server',
    neededBy: 'the Redis store tests (packages/server)',
    debianPackage: 'redis-server',
    envVariable: 'REDIS_SERVER_PATH',
    find: (env?: NodeJS.ProcessEnv) => checkRuns(findRedisServer(env), missingRedisMessage),
  },
] as const satisfies readonly SystemProgram[];
