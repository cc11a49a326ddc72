import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

/**
 * A Vitest reporter that writes, per project, how many tests passed, to the file named by
 * `VERIFIK_PROJECT_COUNTS` (nothing without it). `pnpm test` hands the file to `check:projects`, which
 * then needs no `vitest list` of its own: collecting every file again cost a minute or more.
 */
export default class ProjectCounts implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const file = process.env.VERIFIK_PROJECT_COUNTS;
    if (!file) return;
    const counts: Record<string, number> = {};
    for (const module of testModules) {
      const name = module.project.name;
      counts[name] ??= 0;
      for (const test of module.children.allTests()) {
        if (test.result().state === 'passed') counts[name] += 1;
      }
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(counts, null, 2)}\n`);
  }
}
