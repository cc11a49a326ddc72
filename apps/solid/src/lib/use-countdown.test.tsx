import { renderHook } from '@solidjs/testing-library';
import { createRenderEffect, createSignal } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useCountdown } from './use-countdown.js';

describe('useCountdown', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ticks at each whole second left and stops at 0', () => {
    const deadline = Date.now() + 2_500;
    const shown: number[] = [];
    renderHook(() => {
      const left = useCountdown(() => deadline);
      createRenderEffect(() => shown.push(left()));
    });
    // 0 while the component is created (no clock read), then the time left once it is mounted.
    expect(shown).toEqual([0, 2_500]);
    vi.advanceTimersByTime(499);
    expect(shown).toEqual([0, 2_500]);
    vi.advanceTimersByTime(1);
    expect(shown.at(-1)).toBe(2_000);
    vi.advanceTimersByTime(1_000);
    expect(shown.at(-1)).toBe(1_000);
    vi.advanceTimersByTime(1_000);
    expect(shown).toEqual([0, 2_500, 2_000, 1_000, 0]);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(5_000);
    expect(shown).toHaveLength(5);
  });

  it('returns 0 for a deadline in the past or none, without any timer', () => {
    const [deadline, setDeadline] = createSignal<number | null>(Date.now() - 1);
    const { result } = renderHook(() => useCountdown(deadline));
    expect(result()).toBe(0);
    setDeadline(null);
    expect(result()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('follows a new deadline and clears its timer on cleanup', () => {
    const [deadline, setDeadline] = createSignal(Date.now() + 10_000);
    const { result, cleanup } = renderHook(() => useCountdown(deadline));
    expect(result()).toBe(10_000);
    setDeadline(Date.now() + 60_000);
    expect(result()).toBe(60_000);
    expect(vi.getTimerCount()).toBe(1);
    cleanup();
    expect(vi.getTimerCount()).toBe(0);
  });
});
