/**
 * Flow speed: the core's machine against the baseline. Both run in the same rounds, interleaved in
 * small batches (alternating which goes first) so that both see the same JIT, GC and machine load;
 * each batch is timed in CPU time of this process, which other processes on a busy machine do not
 * inflate. Figures are medians over the rounds; the ratio is the median of the rounds' ratios.
 */
import { createLoginMachine, type LoginMachine } from '../../packages/core/src/index.js';
import { baselineMachine } from './baseline.machine.js';
import { checkFlow, type FlowMachine, runFlow } from './flow.js';
import { emptyStorage, stubClient } from './stub-client.js';

export interface FlowSpeed {
  /** Flows per CPU second, median over the rounds. */
  coreFlowsPerSecond: number;
  baselineFlowsPerSecond: number;
  /** Median over the rounds of baseline rate / core rate: how many times longer a core flow takes. */
  ratio: number;
  /** Lowest and highest round ratio, to show the noise. */
  ratioRange: [number, number];
  rounds: number;
  roundMs: number;
  batch: number;
}

export const createBenchLoginMachine = (): LoginMachine =>
  createLoginMachine({ client: stubClient, storage: emptyStorage });

/** CPU microseconds (user + system) that `batch` flows in a row take. */
async function timeBatch(machine: FlowMachine, batch: number): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < batch; i++) await runFlow(machine);
  const used = process.cpuUsage(start);
  return used.user + used.system;
}

/** Interleaves batches of both machines for `ms` of wall time; flows per CPU second of each. */
async function round(core: FlowMachine, ms: number, batch: number) {
  let coreMicros = 0;
  let baselineMicros = 0;
  let batches = 0;
  const end = performance.now() + ms;
  do {
    if (batches % 2 === 0) {
      coreMicros += await timeBatch(core, batch);
      baselineMicros += await timeBatch(baselineMachine, batch);
    } else {
      baselineMicros += await timeBatch(baselineMachine, batch);
      coreMicros += await timeBatch(core, batch);
    }
    batches++;
  } while (performance.now() < end);
  const flows = batches * batch;
  return { core: (flows * 1e6) / coreMicros, baseline: (flows * 1e6) / baselineMicros };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

export async function measureFlowSpeed({
  rounds = 9,
  roundMs = 800,
  warmupMs = 1_500,
  batch = 20,
} = {}): Promise<FlowSpeed> {
  const core = createBenchLoginMachine();
  await checkFlow('core', core);
  await checkFlow('baseline', baselineMachine);
  await round(core, warmupMs, batch);

  const results = [];
  for (let i = 0; i < rounds; i++) results.push(await round(core, roundMs, batch));
  const ratios = results.map((result) => result.baseline / result.core);
  return {
    coreFlowsPerSecond: median(results.map((result) => result.core)),
    baselineFlowsPerSecond: median(results.map((result) => result.baseline)),
    ratio: median(ratios),
    ratioRange: [Math.min(...ratios), Math.max(...ratios)],
    rounds,
    roundMs,
    batch,
  };
}
