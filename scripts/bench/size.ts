/**
 * Bundle size: the core's public entry points bundled with esbuild as an app would (browser, ESM,
 * minified, tree-shaken, production), gzipped at level 9. The split by dependency apportions the gzipped
 * total by each bucket's share of the minified bytes (from esbuild's metafile): gzip has no per-file
 * sizes, and gzipping pieces apart would lose what they share. The same entry is also built with xstate
 * external (what an app that already ships xstate adds), and, as a check, with every dependency external
 * (our own code alone).
 */
import { gzipSync } from 'node:zlib';
import { type BuildOptions, build } from 'esbuild';
import { coreDir } from './workspace.js';

export const buckets = ['xstate', 'ky', 'valibot', 'own'] as const;
export type Bucket = (typeof buckets)[number];

export interface BundleSize {
  minifiedBytes: number;
  gzipBytes: number;
}

export interface CoreBundleSize extends BundleSize {
  /** Minified bytes per bucket; `own` includes the bundle's own glue (its export statement). */
  minified: Record<Bucket, number>;
  /** The gzipped total apportioned by minified share. */
  gzip: Record<Bucket, number>;
  /** The own code built alone (dependencies external), gzipped by itself. */
  ownAlone: BundleSize;
  /** Everything but xstate (xstate external): what an app that already has xstate adds. */
  withoutXstate: BundleSize;
  /** Minified bytes per input file, largest first. */
  inputs: Array<{ path: string; bucket: Bucket; bytes: number }>;
}

export const coreEntry =
  "export { createLoginMachine, connect, createVerifikClient } from '@verifik-auth/core';";
export const xstateEntry = "export { createActor, setup, assign, fromPromise } from 'xstate';";
export const kyEntry = "export { default } from 'ky';";

const dependencies = ['xstate', 'ky', 'valibot'] as const;

export const bundleOptions = {
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  treeShaking: true,
  // `source` reaches the core's TypeScript; `module` keeps XState's ESM build (its `import` entry is CJS).
  conditions: ['@verifik-auth/source', 'module'],
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
  metafile: true,
  write: false,
  outfile: 'bench-bundle.js',
  logLevel: 'warning',
} satisfies BuildOptions;

const gzipSize = (code: Uint8Array) => gzipSync(code, { level: 9 }).length;

async function bundle(contents: string, external: string[] = []) {
  // Resolved from the core package, which depends on all three libraries and can name itself.
  const result = await build({
    ...bundleOptions,
    stdin: { contents, resolveDir: coreDir, loader: 'js', sourcefile: 'bench-entry.js' },
    external,
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild wrote no output');
  return { code: output.contents, metafile: result.metafile };
}

export async function measureBundle(contents: string): Promise<BundleSize> {
  const { code } = await bundle(contents);
  return { minifiedBytes: code.length, gzipBytes: gzipSize(code) };
}

function bucketOf(path: string): Bucket {
  const match = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?([^/]+)\//.exec(path);
  const name = match?.[1];
  return dependencies.find((dependency) => dependency === name) ?? 'own';
}

export async function measureCoreBundle(): Promise<CoreBundleSize> {
  const { code, metafile } = await bundle(coreEntry);
  const [output] = Object.values(metafile.outputs);
  if (!output) throw new Error('esbuild wrote no metafile output');

  const inputs = Object.entries(output.inputs)
    .map(([path, { bytesInOutput }]) => ({ path, bucket: bucketOf(path), bytes: bytesInOutput }))
    .filter((input) => input.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
  const minifiedBytes = code.length;
  const gzipBytes = gzipSize(code);

  const minified: Record<Bucket, number> = { xstate: 0, ky: 0, valibot: 0, own: 0 };
  for (const input of inputs) minified[input.bucket] += input.bytes;
  const attributed = inputs.reduce((sum, input) => sum + input.bytes, 0);
  minified.own += minifiedBytes - attributed;

  const gzip = Object.fromEntries(
    buckets.map((bucket) => [bucket, (gzipBytes * minified[bucket]) / minifiedBytes]),
  ) as Record<Bucket, number>;

  const [alone, noXstate] = await Promise.all([
    bundle(coreEntry, [...dependencies]),
    bundle(coreEntry, ['xstate']),
  ]);
  const ownAlone = { minifiedBytes: alone.code.length, gzipBytes: gzipSize(alone.code) };
  const withoutXstate = { minifiedBytes: noXstate.code.length, gzipBytes: gzipSize(noXstate.code) };
  return { minifiedBytes, gzipBytes, minified, gzip, ownAlone, withoutXstate, inputs };
}
