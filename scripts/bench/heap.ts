/**
 * Heap growth over many flows: GC, note `heapUsed`, run the flows on one machine, GC again until the
 * figure settles, compare. Also counts the timers left behind, since a timer that outlives its actor
 * would pin the actor and keep the process alive.
 */
import { runFlow } from './flow.js';
import { createBenchLoginMachine } from './flows.js';

export interface HeapGrowth {
  flows: number;
  beforeBytes: number;
  afterBytes: number;
  growthBytes: number;
  timersLeft: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const timerCount = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

/** Collects until `heapUsed` stops falling (FinalizationRegistry callbacks and weak maps need a few passes). */
export async function settledHeap(gc: () => void): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let pass = 0; pass < 6; pass++) {
    gc();
    await pause(20);
    best = Math.min(best, process.memoryUsage().heapUsed);
  }
  return best;
}

export async function measureHeapGrowth(
  gc: () => void,
  { flows = 10_000, warmup = 500 } = {},
): Promise<HeapGrowth> {
  const machine = createBenchLoginMachine();
  // Warm up first, so that compiled code and one-time caches are not counted as growth.
  for (let i = 0; i < warmup; i++) await runFlow(machine);
  const timersBefore = timerCount();
  const beforeBytes = await settledHeap(gc);
  for (let i = 0; i < flows; i++) await runFlow(machine);
  const afterBytes = await settledHeap(gc);
  return {
    flows,
    beforeBytes,
    afterBytes,
    growthBytes: afterBytes - beforeBytes,
    timersLeft: timerCount() - timersBefore,
  };
}
