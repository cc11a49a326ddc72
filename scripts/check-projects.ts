/**
 * Proves every Vitest project collects tests. Vitest exits 0 when a project is silently ignored (an
 * old-style workspace file, a wrong glob), so this lists the tests and fails on any project with none.
 * A project is each folder with a `vitest.config.ts` listed in `vitest.workspace.ts`; its name is the
 * folder's name by convention.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

const root = join(import.meta.dirname, '..');
const folders = ['packages', 'apps'].flatMap((group) =>
  readdirSync(join(root, group)).map((name) => join(root, group, name)),
);
folders.push(join(root, 'e2e'));
const expected = folders
  .filter((folder) => existsSync(join(folder, 'vitest.config.ts')))
  .map((f) => basename(f));

const listing = execFileSync(join(root, 'node_modules/.bin/vitest'), ['list', '--json'], {
  cwd: root,
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
  stdio: ['ignore', 'pipe', 'inherit'],
});
const tests = JSON.parse(listing) as Array<{ projectName: string }>;
const counts = new Map<string, number>();
for (const test of tests) counts.set(test.projectName, (counts.get(test.projectName) ?? 0) + 1);

let failed = false;
for (const name of expected) {
  const count = counts.get(name) ?? 0;
  console.log(`${count > 0 ? 'ok  ' : 'FAIL'} ${name.padEnd(12)} ${count} tests`);
  if (count === 0) failed = true;
}
if (failed) {
  console.error('A Vitest project collected no tests: check vitest.workspace.ts and its vitest.config.ts.');
  process.exit(1);
}
