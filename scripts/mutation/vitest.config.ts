import { appendFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedProjectConfig } from '../../vitest.shared.ts';

/**
 * The Vitest config of the mutation runner (`scripts/mutation/run.ts`), not of `pnpm test`. It runs the
 * test files named in `MUTANT_TEST_FILES` (comma-separated, relative to the repository root) with every
 * module of `packages/core/src` taken from `MUTANT_SRC` instead, a mutated copy of that folder. The test
 * files themselves are the real ones; only what they import is redirected.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const coreSrc = join(root, 'packages/core/src') + sep;
const mutantSrc = process.env.MUTANT_SRC ? resolve(process.env.MUTANT_SRC) + sep : undefined;
const files = (process.env.MUTANT_TEST_FILES ?? '').split(',').filter(Boolean);
/** Where to note each module redirected to the copy, and each core module loaded from the real source. */
const traceFile = process.env.MUTANT_TRACE;
const trace = (line: string) => {
  if (traceFile) appendFileSync(traceFile, `${line}\n`);
};

if (mutantSrc && !existsSync(mutantSrc)) throw new Error(`MUTANT_SRC ${mutantSrc} does not exist`);
if (files.length === 0) throw new Error('MUTANT_TEST_FILES names no test file');

const isTestFile = (path: string) => /\.test\.tsx?$/.test(path);

/**
 * Maps every module resolved under `packages/core/src/` (through `@verifik-auth/core`, its subpaths, or a
 * relative import between the core's own files) to the same file under `MUTANT_SRC`. Resolution itself
 * is left to Vite, so the `@verifik-auth/source` condition keeps deciding where a package import lands.
 */
function redirectCore(): Plugin {
  return {
    name: 'verifik-mutation-redirect',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!mutantSrc) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved || resolved.external) return resolved;
      const [path = '', query = ''] = resolved.id.split(/(?=\?)/);
      if (!path.startsWith(coreSrc) || isTestFile(path)) return resolved;
      const id = join(mutantSrc, relative(coreSrc, path));
      trace(`redirect ${relative(root, id)}`);
      return { ...resolved, id: id + query };
    },
    load(id) {
      // Proof for the runner: nothing of the core but its test files comes from the real source.
      const path = id.split('?')[0] ?? '';
      if (mutantSrc && path.startsWith(coreSrc) && !isTestFile(path)) trace(`leak ${relative(root, path)}`);
      return null;
    },
  };
}

export default mergeConfig(
  sharedProjectConfig,
  defineConfig({
    root,
    plugins: [redirectCore()],
    test: {
      name: 'mutation',
      include: files,
    },
  }),
);
