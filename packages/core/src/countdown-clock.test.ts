import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatCountdown } from './countdown.js';
import { createCountdown } from './countdown-clock.js';

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A clock that counts its reads. */
function countingClock() {
  const clock = {
    reads: 0,
    now: () => {
      clock.reads += 1;
      return Date.now();
    },
  };
  return clock;
}

describe('createCountdown', () => {
  it('reads no clock and starts no timer until someone subscribes: a render shows 0', () => {
    const clock = countingClock();
    const countdown = createCountdown(Date.now() + 90_000, clock);
    expect(countdown.getSnapshot()).toBe(0);
    expect(countdown.getSnapshot()).toBe(0);
    expect(clock.reads).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ticks once each time the shown second changes while subscribed, and stops at zero', () => {
    const clock = countingClock();
    const countdown = createCountdown(Date.now() + 2_500, clock);
    const shown: string[] = [];
    countdown.subscribe(() => shown.push(formatCountdown(countdown.getSnapshot())));
    expect(shown).toEqual(['0:03']);
    vi.advanceTimersByTime(499);
    expect(shown).toEqual(['0:03']);
    vi.advanceTimersByTime(1);
    expect(shown).toEqual(['0:03', '0:02']);
    vi.advanceTimersByTime(10_000);
    expect(shown).toEqual(['0:03', '0:02', '0:01', '0:00']);
    expect(countdown.getSnapshot()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    // One read to start, one per change: no busy polling.
    expect(clock.reads).toBe(4);
  });

  it('does nothing without a deadline: no clock read, no timer, nothing heard', () => {
    const clock = countingClock();
    const heard = vi.fn();
    const countdown = createCountdown(null, clock);
    const stop = countdown.subscribe(heard);
    vi.advanceTimersByTime(5_000);
    stop();
    expect(heard).not.toHaveBeenCalled();
    expect(clock.reads).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(countdown.getSnapshot()).toBe(0);
  });

  it('shares one timer between subscribers and stops it with the last one', () => {
    const countdown = createCountdown(Date.now() + 60_000);
    const first = vi.fn();
    const second = vi.fn();
    const stopFirst = countdown.subscribe(first);
    const stopSecond = countdown.subscribe(second);
    expect(countdown.getSnapshot()).toBe(60_000);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(1_000);
    expect([first.mock.calls.length, second.mock.calls.length]).toEqual([2, 1]);
    stopFirst();
    expect(vi.getTimerCount()).toBe(1);
    stopSecond();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(5_000);
    expect(countdown.getSnapshot()).toBe(59_000);
  });

  it('reads the clock again when it starts again after everyone left', () => {
    const countdown = createCountdown(Date.now() + 60_000);
    countdown.subscribe(() => undefined)();
    vi.advanceTimersByTime(10_000);
    expect(countdown.getSnapshot()).toBe(60_000);
    const heard = vi.fn();
    countdown.subscribe(heard);
    expect(countdown.getSnapshot()).toBe(50_000);
    expect(heard).toHaveBeenCalledTimes(1);
  });

  it('starts at zero for a deadline already past, without a timer', () => {
    const heard = vi.fn();
    const countdown = createCountdown(Date.now() - 1);
    countdown.subscribe(heard);
    expect(countdown.getSnapshot()).toBe(0);
    expect(heard).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });
});
