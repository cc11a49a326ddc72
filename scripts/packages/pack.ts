/**
 * Packs every publishable package the way `pnpm publish` would (pnpm rewrites `workspace:` ranges into
 * real ones) and checks what a user would install: no `workspace:` range left, and a README and the
 * repository's LICENSE inside every tarball.
 * `pnpm check:packages` runs it (see check.ts); the consumer test and the bench install its tarballs.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '../..');

/** The workspace packages an app installs from npm, by folder. */
export const publishable = [
  'packages/identifiers',
  'packages/core',
  'packages/mock-server',
  'packages/testing',
  'packages/server',
  'apps/react',
  'apps/vue',
  'apps/svelte',
  'apps/solid',
  'apps/angular',
  'apps/cli',
] as const;

export interface PackedPackage {
  name: string;
  folder: string;
  tarball: string;
}

/**
 * The pnpm running this script (`$npm_execpath`), so packing uses the project's own pnpm; outside a
 * pnpm script it falls back to the pinned version through npx.
 */
function pnpmCommand(): [string, string[]] {
  const execPath = process.env.npm_execpath;
  if (execPath && basename(execPath).startsWith('pnpm')) {
    return /\.[cm]?js$/.test(execPath) ? [process.execPath, [execPath]] : [execPath, []];
  }
  return ['npx', ['-y', 'pnpm@12.21.0']];
}

/** The fields of a packed package.json these checks read. */
export interface PackedManifest {
  name: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** A tarball's package.json, read without unpacking the rest (`tar` is on every machine we run on). */
export function packedManifest(tarball: string): PackedManifest {
  return JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }));
}

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
const packageOf = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/**
 * The bare imports of the package's JavaScript that the manifest does not declare: a user's install would
 * not have them (e.g. a test helper importing vitest that slipped into dist/).
 */
function undeclaredImports(folder: string, files: string[], manifest: PackedManifest): string[] {
  const declared = new Set([
    String(manifest.name),
    ...Object.keys({
      ...manifest.dependencies,
      ...manifest.peerDependencies,
      ...manifest.optionalDependencies,
    }),
  ]);
  const problems: string[] = [];
  for (const file of files.filter((name) => /\.m?js$/.test(name))) {
    const code = readFileSync(join(folder, file), 'utf8');
    const specifiers = code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g);
    for (const [, specifier = ''] of specifiers) {
      if (specifier.startsWith('.') || specifier.startsWith('node:')) continue;
      const name = packageOf(specifier);
      if (!declared.has(name)) problems.push(`${file} imports ${name}, which the manifest does not declare`);
    }
  }
  return problems;
}

/** What a tarball must hold to install and to be used lawfully; returns the problems found. */
export function problemsOf(tarball: string): string[] {
  // Unpacked once into a temp folder: reading each file through its own `tar` run took seconds.
  const folder = mkdtempSync(join(tmpdir(), 'verifik-tarball-'));
  try {
    execFileSync('tar', ['-xzf', tarball, '-C', folder, '--strip-components=1']);
    const files = readdirSync(folder, { recursive: true, encoding: 'utf8' });
    const manifest: PackedManifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
    const problems: string[] = [];
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies'] as const) {
      for (const [name, range] of Object.entries(manifest[field] ?? {})) {
        if (range.startsWith('workspace:')) problems.push(`${field}.${name} is still "${range}"`);
      }
    }
    problems.push(...undeclaredImports(folder, files, manifest));
    if (!files.includes('README.md')) problems.push('no README.md');
    if (!files.includes('LICENSE')) problems.push('no LICENSE');
    else if (readFileSync(join(folder, 'LICENSE'), 'utf8') !== readFileSync(join(root, 'LICENSE'), 'utf8')) {
      problems.push("LICENSE differs from the repository's");
    }
    return problems;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Packs every publishable package into `destination` (emptied first). Build first: tarballs ship dist/. */
export function packAll(destination = join(root, '.packs')): PackedPackage[] {
  rmSync(destination, { recursive: true, force: true });
  mkdirSync(destination, { recursive: true });
  const [command, prefix] = pnpmCommand();
  return publishable.map((folder) => {
    const before = new Set(readdirSync(destination));
    execFileSync(command, [...prefix, 'pack', '--pack-destination', destination], {
      cwd: join(root, folder),
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const created = readdirSync(destination).filter((file) => !before.has(file) && file.endsWith('.tgz'));
    if (created.length !== 1) throw new Error(`pnpm pack in ${folder} made ${created.length} tarballs`);
    const tarball = join(destination, created[0] as string);
    const name = packedManifest(tarball).name;
    return { name, folder, tarball };
  });
}
