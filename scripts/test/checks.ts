/**
 * `pnpm run check`: everything but the Vitest run. The projects' test counts and lint first (seconds),
 * then two lanes side by side, as each is mostly one process on one core and the machine has two:
 * the type-checks and the docs site, beside the build and what needs it (the packed packages and
 * the consumer apps). `pnpm test` runs this after Vitest, handing over its counts (see run.ts).
 */
import { runLanes, type Step, summary } from './lanes.js';

const pnpm = (script: string): Step => ({ name: script, command: `pnpm run ${script}` });

const started = Date.now();
const results = [...(await runLanes([[pnpm('check:projects'), pnpm('lint')]]))];
if (results.every(({ code }) => code === 0)) {
  results.push(
    ...(await runLanes([
      [pnpm('typecheck'), pnpm('docs')],
      [pnpm('build'), pnpm('check:packages'), pnpm('check:consumer')],
    ])),
  );
}
console.log(`\nChecks, ${Math.round((Date.now() - started) / 1000)} s:\n${summary(results)}`);
process.exitCode = results.every(({ code }) => code === 0) ? 0 : 1;
