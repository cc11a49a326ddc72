import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Starts the end-to-end files first, the Chromium path run first of all. They run one at a time (the
 * e2e project's `fileParallelism: false`) and are most of the suite's time, so the other projects
 * fill the second worker beside them. Vitest's own order is by project name and, on a fresh clone
 * with no timings cached, by file size: the short e2e spec files used to start last, after every
 * other project, and the whole run waited on them.
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
