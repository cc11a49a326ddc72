import { defineConfig } from 'vitest/config';
import { LongPoleFirst } from './scripts/vitest/long-pole-first.ts';

/**
 * The Vitest projects, one per package with a `vitest.config.ts` of its own. Vitest ≥4 ignores the
 * old workspace-file format, so this is a plain config with `test.projects`, re-exported by
 * `vitest.config.ts`; `scripts/check-projects.ts` proves each project really collects tests.
 */
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'apps/*/vitest.config.ts', 'e2e/vitest.config.ts'],
    sequence: { sequencer: LongPoleFirst },
  },
});
