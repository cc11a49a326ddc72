import { SimulatedClock } from 'xstate';
import { pathClockStart } from './cases.js';

/**
 * Time for one path at a time: a `SimulatedClock` for the machine's timers (the true time, which a
 * server also reads) and the device clock the machine reads, which can jump on its own.
 * @example
 * const clock = createPathClock();
 * const server = await startMockServer({ port: 0, now: clock.serverNow });
 */
export interface PathClock {
  /** The timers' clock; replaced by {@link PathClock.reset}. */
  readonly timers: SimulatedClock;
  /** The device clock, epoch ms. */
  now(): number;
  /** The true time, epoch ms: pass it to a server (`startMockServer({ now })`). */
  serverNow(): number;
  /** Starts over at `startsAt` with no timers and no jump. */
  reset(startsAt?: number): void;
  /** Time passes: timers due by then fire. */
  advance(ms: number): void;
  /** The device clock jumps by `ms`; timers keep their schedule. */
  adjust(ms: number): void;
}

/** A {@link PathClock} whose true time and device clock both start at `startsAt`, epoch ms. */
export function createPathClock(startsAt = pathClockStart): PathClock {
  let timers = new SimulatedClock();
  let offset = 0;
  const reset = (at = pathClockStart) => {
    timers = new SimulatedClock();
    timers.set(at);
    offset = 0;
  };
  reset(startsAt);
  return {
    get timers() {
      return timers;
    },
    now: () => timers.now() + offset,
    serverNow: () => timers.now(),
    reset,
    advance: (ms) => timers.increment(ms),
    adjust: (ms) => {
      offset += ms;
    },
  };
}
