import { signal } from '@angular/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runInApp } from '../test/mount.js';
import { useCountdown } from './use-countdown.js';

describe('useCountdown', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  // Angular keeps a timer of its own in the app: the tests look at what the countdown shows as time
  // passes, not at how many timers there are.
  /** The countdown in an app whose ticks (effects) the test runs with `app.tick()`. */
  const countdown = (deadline: () => number | null) =>
    runInApp(() => useCountdown(deadline), [], { stable: false });

  it('ticks at each whole second left and stops at 0', async () => {
    const deadline = Date.now() + 2_500;
    const { result: left, app } = await countdown(() => deadline);
    // 0 until its effect runs (no clock read before), then the time left.
    expect(left()).toBe(0);
    app.tick();
    expect(left()).toBe(2_500);
    vi.advanceTimersByTime(499);
    expect(left()).toBe(2_500);
    vi.advanceTimersByTime(1);
    expect(left()).toBe(2_000);
    vi.advanceTimersByTime(1_000);
    expect(left()).toBe(1_000);
    vi.advanceTimersByTime(1_000);
    expect(left()).toBe(0);
  });

  it('returns 0 for a deadline in the past or none', async () => {
    const deadline = signal<number | null>(Date.now() - 1);
    const { result: left, app } = await countdown(deadline);
    app.tick();
    expect(left()).toBe(0);
    deadline.set(null);
    app.tick();
    vi.advanceTimersByTime(5_000);
    expect(left()).toBe(0);
  });

  it('follows a new deadline and stops when its injector is destroyed', async () => {
    const deadline = signal(Date.now() + 10_000);
    const { result: left, app, unmount } = await countdown(deadline);
    app.tick();
    expect(left()).toBe(10_000);
    vi.advanceTimersByTime(1_000);
    expect(left()).toBe(9_000);
    deadline.set(Date.now() + 60_000);
    app.tick();
    expect(left()).toBe(60_000);
    vi.advanceTimersByTime(1_000);
    expect(left()).toBe(59_000);
    unmount();
    // Its timer cleared: nothing updates the value any more.
    vi.advanceTimersByTime(5_000);
    expect(left()).toBe(59_000);
  });
});
