import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const coreDir = fileURLToPath(new URL('..', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** A script for Node with no DOM types: it uses every option whose type once came from the DOM lib. */
const nodeConsumer = `
import { createActor } from 'xstate';
import {
  connect,
  createLoginMachine,
  createSessionStore,
  createVerifikClient,
  memoryStorage,
  webStorage,
  type HeadersLike,
  type WebStorageLike,
} from './dist/index.js';

const values = new Map<string, string>();
const store: WebStorageLike = {
  getItem: (key) => values.get(key) ?? null,
  setItem: (key, value) => void values.set(key, value),
  removeItem: (key) => void values.delete(key),
};
const headers: HeadersLike[] = [{ 'x-app': 'cli' }, [['x-app', 'cli']], new Headers({ 'x-app': 'cli' }), values];
const client = createVerifikClient({ baseUrl: 'http://127.0.0.1:4010', headers: headers[2], fetch });
const actor = createActor(createLoginMachine({ client, storage: webStorage(store, 'session') })).start();
const view = connect(actor.getSnapshot(), actor.send, { locale: 'es' });
view.sendEmail({ email: 'ada@example.com' });
createSessionStore(memoryStorage());
`;

/** Strict, no DOM, only Node's types, and every declaration file checked: a backend's tsconfig. */
const nodeTsconfig = {
  compilerOptions: {
    target: 'es2023',
    lib: ['es2023'],
    types: ['node'],
    module: 'nodenext',
    moduleResolution: 'nodenext',
    strict: true,
    skipLibCheck: false,
    noEmit: true,
  },
  files: ['consumer.ts'],
};

describe("the core's published types", () => {
  let dir = '';

  beforeAll(async () => {
    // Inside node_modules of this package, so the emitted files resolve xstate, ky and valibot as installed.
    dir = await mkdtemp(path.join(coreDir, 'node_modules', '.public-types-'));
    await run(process.execPath, [
      tsc,
      ...['-p', path.join(coreDir, 'tsconfig.build.json')],
      // --noCheck: `pnpm typecheck` checks the sources; this emits the same declarations in half the time.
      ...[
        '--emitDeclarationOnly',
        '--noCheck',
        '--declarationMap',
        'false',
        '--outDir',
        path.join(dir, 'dist'),
      ],
    ]);
    await writeFile(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    await writeFile(path.join(dir, 'consumer.ts'), nodeConsumer);
    await writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify(nodeTsconfig));
  }, 120_000);

  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('type-check in a Node-only project without the DOM lib, with skipLibCheck off', async () => {
    const result = await run(process.execPath, [tsc, '-p', path.join(dir, 'tsconfig.json')]).then(
      () => ({ code: 0, output: '' }),
      (error: { code: number; stdout: string }) => ({ code: error.code, output: error.stdout }),
    );
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  }, 120_000);
});
