import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type MockServer, startMockServer } from '@verifik-auth/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliExit, cliRoot, startNode } from './test-helpers.js';

/**
 * `@verifik-auth/cli` as a user gets it from npm: the tarball pnpm packs, unpacked into the
 * `node_modules` of an app in a temp folder that has the CLI's dependencies (core, xstate) and not
 * the mock server, its optional peer.
 */

const require = createRequire(import.meta.url);
const mockName = '@verifik-auth/mock-server';
const phone = ['--country-code', '+1', '--phone', '1234566663'];
const jwt = /^[\w-]+\.[\w-]+\.[\w-]+\n$/;

const missingMock = [
  'verifik-login: no --api given, and the built-in mock server (@verifik-auth/mock-server) is not installed.',
  'Nothing was sent. Choose one:',
  '  verifik-login --api https://api.verifik.co    to log in to Verifik',
  '  npm i -g @verifik-auth/mock-server            to try it without an account, then run verifik-login again',
  '                                                (install it where the CLI is: drop -g for a local install)',
  '',
].join('\n');

/** The pnpm running the tests (`$npm_execpath`), else the pinned one through npx, as scripts/packages does. */
function pnpm(args: string[], cwd: string): void {
  const execPath = process.env.npm_execpath;
  const [command, prefix] =
    execPath && basename(execPath).startsWith('pnpm')
      ? /\.[cm]?js$/.test(execPath)
        ? [process.execPath, [execPath]]
        : [execPath, []]
      : ['npx', ['-y', 'pnpm@12.21.0']];
  execFileSync(command, [...prefix, ...args], { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
}

/**
 * Records every request the CLI makes (fetch, or any socket it opens) in `$NETWORK_LOG`, and lets
 * none through: a CLI that silently fell back to the real API would show up here.
 */
const networkTrap = `import { appendFileSync } from 'node:fs';
import net from 'node:net';
const record = (what) => appendFileSync(process.env.NETWORK_LOG, what + '\\n');
globalThis.fetch = async (input) => {
  record('fetch ' + (input instanceof Request ? input.url : String(input)));
  throw new TypeError('fetch failed (blocked by the test)');
};
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  record('connect ' + JSON.stringify(args[0]));
  return connect.apply(this, args);
};
`;

let directory: string;
let app: string;
let installed: string;
let manifest: {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
};
let runs = 0;

/**
 * This environment without `NODE_PATH`, which the workspace's `.bin` shims point at pnpm's hoisted
 * folder (the mock server included). ESM imports ignore it anyway; a user's shell does not have it.
 */
function cleanEnv(): NodeJS.ProcessEnv {
  const { NODE_PATH: _, ...env } = process.env;
  return env;
}

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'verifik-login-installed-'));
  const packs = join(directory, 'packs');
  await mkdir(packs);
  pnpm(['pack', '--pack-destination', packs], cliRoot);
  const [tarball] = (await readdir(packs)).filter((file) => file.endsWith('.tgz'));
  if (!tarball) throw new Error('pnpm pack made no tarball');

  app = join(directory, 'app');
  installed = join(app, 'node_modules', '@verifik-auth', 'cli');
  await mkdir(installed, { recursive: true });
  execFileSync('tar', ['-xzf', join(packs, tarball), '-C', installed, '--strip-components=1']);
  manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8'));
  // The dependencies, as npm would install them (the workspace's own copies, linked).
  await symlink(
    await realpath(join(cliRoot, 'node_modules', '@verifik-auth', 'core')),
    join(app, 'node_modules', '@verifik-auth', 'core'),
    'dir',
  );
  await symlink(await realpath(join(cliRoot, 'node_modules', 'xstate')), join(app, 'node_modules', 'xstate'));
  await writeFile(join(app, 'package.json'), '{ "name": "app", "private": true, "type": "module" }\n');
  await writeFile(join(app, 'network-trap.mjs'), networkTrap);
}, 120_000);

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/**
 * Runs the installed CLI in the app's folder. It runs the tarball's `src/bin.ts` (shipped beside
 * `dist`) through tsx, so the test needs no build and never runs a stale `dist`. Resolves with how it
 * ended and what the network trap recorded (when `trap` is on).
 */
async function runInstalled(
  args: readonly string[],
  input = '',
  { trap = true } = {},
): Promise<CliExit & { network: string }> {
  const log = join(directory, `network-${++runs}.log`);
  await writeFile(log, '');
  const tsx = pathToFileURL(join(dirname(require.resolve('tsx/package.json')), 'dist', 'loader.mjs'));
  const cli = startNode(
    [
      '--import',
      tsx.href,
      ...(trap ? ['--import', './network-trap.mjs'] : []),
      '--conditions=@verifik-auth/source',
      'node_modules/@verifik-auth/cli/src/bin.ts',
      ...args,
    ],
    { cwd: app, env: { NODE_PATH: undefined, NETWORK_LOG: log } },
  );
  cli.child.stdin.end(input);
  const exit = await cli.exited;
  return { ...exit, network: await readFile(log, 'utf8') };
}

describe('the packed @verifik-auth/cli', () => {
  it('depends on the core and xstate only, and lists the mock server as an optional peer', () => {
    const mockVersion = (require(`${mockName}/package.json`) as { version: string }).version;

    expect(Object.keys(manifest.dependencies ?? {}).sort()).toEqual(['@verifik-auth/core', 'xstate']);
    expect(manifest.optionalDependencies).toBeUndefined();
    // Any 0.x mock: a range that a 0.x minor of the mock stays inside, so a release never forces a major here.
    expect(manifest.peerDependencies).toEqual({ [mockName]: '>=0.1.0 <1' });
    expect(mockVersion).toMatch(/^0\./);
    expect(manifest.peerDependenciesMeta).toEqual({ [mockName]: { optional: true } });
  });
});

describe('verifik-login installed without the mock server', () => {
  it('cannot import the mock server from where it is installed (the premise of these tests)', async () => {
    const probe = join(installed, 'probe.mjs');
    await writeFile(
      probe,
      `for (const name of ['${mockName}', '@verifik-auth/core']) {
        try { import.meta.resolve(name); console.log(name, 'found'); }
        catch (error) { console.log(name, error.code); }
      }`,
    );
    const output = execFileSync(process.execPath, ['--conditions=@verifik-auth/source', probe], {
      env: cleanEnv(),
      encoding: 'utf8',
    });

    expect(output).toBe(`${mockName} ERR_MODULE_NOT_FOUND\n@verifik-auth/core found\n`);
  });

  it('without --api, says how to choose and exits 2 before any question or request', async () => {
    const result = await runInstalled([]);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(missingMock);
    expect(result.network).toBe('');
  });

  it('without --api in a script, says the same and never falls back to the real API', async () => {
    const result = await runInstalled([...phone, '--otp-from-stdin'], '123456\n');

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(missingMock);
    expect(result.network).toBe('');
  });

  it('says it in Spanish with --lang es', async () => {
    const result = await runInstalled(['--email', 'ana@example.com', '--otp-from-stdin', '--lang', 'es']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'verifik-login: no se indicó --api y el servidor de prueba integrado (@verifik-auth/mock-server) no está instalado.',
    );
    expect(result.stderr).toContain('verifik-login --api https://api.verifik.co');
    expect(result.network).toBe('');
  });

  it('with --api, sends its requests there (the trap sees the one to api.verifik.co)', async () => {
    const result = await runInstalled([
      '--api',
      'https://api.verifik.co',
      '--email',
      'ana@example.com',
      '--otp-from-stdin',
    ]);

    expect(result.code).toBe(1);
    expect(result.network).toContain('fetch https://api.verifik.co/v2/projects/email-login');
    expect(result.stderr).toContain('Could not reach the login service.');
  });

  describe('with --api and a server to log in to', () => {
    let mock: MockServer;
    beforeAll(async () => {
      mock = await startMockServer({ port: 0, fixedOtp: '123456' });
    });
    afterAll(async () => {
      await mock.close();
    });

    it('logs in: the real-API path needs no mock server', async () => {
      const result = await runInstalled([...phone, '--api', mock.url, '--otp-from-stdin'], '123456\n', {
        trap: false,
      });

      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(jwt);
      expect(result.stderr).not.toContain('mock');
    });
  });
});
