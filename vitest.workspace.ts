import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { LongPoleFirst } from './scripts/vitest/long-pole-first.ts';

/**
 * The Vitest projects, one per package with a `vitest.config.ts` of its own. Vitest ≥4 ignores the
 * old workspace-file format, so this is a plain config with `test.projects`, re-exported by
 * `vitest.config.ts`; `scripts/check-projects.ts` proves each project really collects tests.
 */
export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'apps/*/vitest.config.ts',
      // Solid's server rendering needs its server build: a second project (see that file).
      'apps/solid/vitest.ssr.config.ts',
      'e2e/vitest.config.ts',
    ],
    // Vitest's default is one worker fewer than the cores: one worker on a 2-core machine, where the
    // suite then ran file after file. The Chromium path run mostly waits on its pages, so a second
    // worker runs the other projects beside it.
    maxWorkers: Math.max(2, availableParallelism()),
    sequence: { sequencer: LongPoleFirst },
  },
});
