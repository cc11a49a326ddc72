/**
 * Proves every Vitest project has tests. Vitest exits 0 when a project is silently ignored (an
 * old-style workspace file, a wrong glob), so this counts each project's tests (those that passed in
 * `pnpm test`'s run, else those `vitest list` collects) and fails on any project with none.
 * A project is each folder with a `vitest.config.ts` listed in `vitest.workspace.ts`; its name is the
 * folder's name by convention.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

const root = join(import.meta.dirname, '..');
const folders = ['packages', 'apps'].flatMap((group) =>
  readdirSync(join(root, group), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(root, group, entry.name)),
);
folders.push(join(root, 'e2e'));
const expected = folders
  .filter((folder) => existsSync(join(folder, 'vitest.config.ts')))
  .map((f) => basename(f));
// A second project of a folder (apps/solid/vitest.ssr.config.ts is `solid-ssr`).
for (const folder of folders) {
  for (const file of readdirSync(folder)) {
    const extra = /^vitest\.(\w+)\.config\.ts$/.exec(file)?.[1];
    if (extra) expected.push(`${basename(folder)}-${extra}`);
  }
}

/**
 * Passed tests per project: from the run `pnpm test` just made (`VERIFIK_PROJECT_COUNTS`, written by
 * scripts/vitest/project-counts.ts), else from `vitest list`, which collects every file again.
 */
function testsPerProject(): Map<string, number> {
  const fromRun = process.env.VERIFIK_PROJECT_COUNTS;
  if (fromRun) {
    if (!existsSync(fromRun))
      throw new Error(`VERIFIK_PROJECT_COUNTS names ${fromRun}, which the run did not write`);
    return new Map(Object.entries(JSON.parse(readFileSync(fromRun, 'utf8')) as Record<string, number>));
  }
  // Into a file: plugins may print to stdout while the projects load (vite-plugin-svelte does).
  const listingDir = mkdtempSync(join(tmpdir(), 'vitest-list-'));
  const listingFile = join(listingDir, 'tests.json');
  execFileSync(join(root, 'node_modules/.bin/vitest'), ['list', `--json=${listingFile}`], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const tests = JSON.parse(readFileSync(listingFile, 'utf8')) as Array<{ projectName: string }>;
  rmSync(listingDir, { recursive: true, force: true });
  const counts = new Map<string, number>();
  for (const test of tests) counts.set(test.projectName, (counts.get(test.projectName) ?? 0) + 1);
  return counts;
}
const counts = testsPerProject();

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
