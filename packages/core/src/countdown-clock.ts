import { remainingMs, untilNextSecond } from './countdown.js';

/**
 * A countdown to one deadline for a UI to show, the same in every binding. It reads the clock only
 * when it starts (the first subscriber) and when its timer fires, never in {@link Countdown.getSnapshot},
 * so rendering it (on a server too, e.g. a Next.js prerender) never reads the time and starts no timer.
 */
export interface Countdown {
  /**
   * Milliseconds left as of the last tick. 0 when there is no deadline or it has passed, and until the
   * first subscriber starts the clock: a server render, or the first client render before the
   * binding subscribes, shows nothing left. The same number between ticks.
   */
  getSnapshot(): number;
  /**
   * Starts the clock if it is not running: reads the time now (`onChange` hears the first value), then
   * again each time the shown second changes, stopping at 0. Does nothing without a deadline.
   * Returns the unsubscribe; the timer stops with the last subscriber.
   */
  subscribe(onChange: () => void): () => void;
}

/** Options of {@link createCountdown}. */
export interface CountdownOptions {
  /** The clock, epoch ms. Default `Date.now`. */
  now?: () => number;
}

/**
 * A {@link Countdown} to `deadline` (epoch ms, e.g. `view.otpExpiresAt`); `null` counts nothing.
 * @example
 * const countdown = createCountdown(view.otpExpiresAt);
 * const stop = countdown.subscribe(() => {
 *   element.textContent = formatCountdown(countdown.getSnapshot());
 * });
 */
export function createCountdown(
  deadline: number | null | undefined,
  options: CountdownOptions = {},
): Countdown {
  const now = options.now ?? Date.now;
  const listeners = new Set<() => void>();
  let remaining = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const tick = () => {
    timer = undefined;
    const next = remainingMs(deadline, now());
    if (next > 0 && listeners.size > 0) timer = setTimeout(tick, untilNextSecond(next));
    if (next === remaining) return;
    remaining = next;
    for (const listener of [...listeners]) listener();
  };

  return {
    getSnapshot: () => remaining,
    subscribe(onChange) {
      if (deadline == null) return () => undefined;
      listeners.add(onChange);
      if (listeners.size === 1) tick();
      return () => {
        listeners.delete(onChange);
        if (listeners.size > 0 || timer === undefined) return;
        clearTimeout(timer);
        timer = undefined;
      };
    },
  };
}
