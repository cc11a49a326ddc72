/**
 * `pnpm check:packages`: packs every publishable package with pnpm, then checks those very tarballs:
 * our own rules (no `workspace:` range, README and LICENSE inside, dependencies' engines within ours), publint (strict) and
 * Are The Types Wrong (ESM only); then the release plan of the pending changesets. Needs `pnpm build` first.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { engineProblems } from './engines.js';
import { packAll, problemsOf, root } from './pack.js';
import { releasePlanProblems } from './release-plan.js';

const bin = (name: string) => join(root, 'node_modules/.bin', name);
let failed = false;

for (const { name, folder, tarball } of packAll()) {
  console.log(`\n${name}: ${tarball}`);
  const problems = [...problemsOf(tarball), ...engineProblems(join(root, folder))];
  for (const problem of problems) console.error(`  ${problem}`);
  failed ||= problems.length > 0;
  for (const [tool, args] of [
    ['publint', ['run', tarball, '--strict']],
    ['attw', [tarball, '--profile', 'esm-only']],
  ] as const) {
    try {
      execFileSync(bin(tool), args, { stdio: 'inherit' });
    } catch {
      console.error(`  ${tool} failed on ${tarball}`);
      failed = true;
    }
  }
}
const planProblems = releasePlanProblems(root);
console.log(`\nrelease plan (changeset status): ${planProblems.length ? 'FAIL' : 'ok'}`);
for (const problem of planProblems) console.error(`  ${problem}`);
if (failed || planProblems.length > 0) process.exit(1);
