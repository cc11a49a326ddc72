import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Starts the end-to-end files first, the Chromium path run first of all: it alone is about half of
 * the suite's time, so the other files fill the other workers beside it (see `maxWorkers` in
 * vitest.workspace.ts). Vitest's own order is by
 * project name and, on a fresh clone with no timings cached, by file size, which started the short
 * e2e spec files late and left the whole run waiting on the path run at the end.
 */
export class LongPoleFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) =>
      spec.project.name !== 'e2e' ? 2 : spec.moduleId.endsWith('paths.feature.e2e.test.ts') ? 0 : 1;
    // Array#sort is stable: within a rank, Vitest's order stays.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
