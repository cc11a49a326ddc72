/**
 * `pnpm test`, the one command CI runs: the programs the tests need (scripts/system/setup.ts), every
 * Vitest project, then the checks (checks.ts). Vitest's per-project counts go to the checks in a file,
 * so `check:projects` does not collect every test file a second time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runStep, type Step } from './lanes.js';

const countsDir = mkdtempSync(join(tmpdir(), 'verifik-test-'));
const env = { VERIFIK_PROJECT_COUNTS: join(countsDir, 'vitest-projects.json') };
const steps: Step[] = [
  { name: 'setup', command: 'tsx scripts/system/setup.ts' },
  {
    name: 'vitest',
    command: 'vitest run --reporter=default --reporter=./scripts/vitest/project-counts.ts',
  },
  { name: 'check', command: 'pnpm run check' },
];
const started = Date.now();
let code = 0;
for (const step of steps) {
  const stepStarted = Date.now();
  code = await runStep(step, { env });
  console.log(`[test] ${step.name}: exit ${code} after ${Math.round((Date.now() - stepStarted) / 1000)} s`);
  if (code !== 0) break;
}
rmSync(countsDir, { recursive: true, force: true });
console.log(`[test] ${code === 0 ? 'passed' : 'failed'} in ${Math.round((Date.now() - started) / 1000)} s`);
process.exitCode = code;
