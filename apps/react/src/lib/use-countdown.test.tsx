import { act, renderHook } from '@testing-library/react';
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
    let renders = 0;
    const { result } = renderHook(() => {
      renders++;
      return useCountdown(deadline);
    });
    expect(result.current).toBe(2_500);
    // One render to mount (0 left: no clock is read while rendering), one as the clock starts.
    expect(renders).toBe(2);
    act(() => vi.advanceTimersByTime(499));
    expect(renders).toBe(2);
    act(() => vi.advanceTimersByTime(1));
    expect(result.current).toBe(2_000);
    act(() => vi.advanceTimersByTime(1_000));
    expect(result.current).toBe(1_000);
    act(() => vi.advanceTimersByTime(1_000));
    expect(result.current).toBe(0);
    expect(renders).toBe(5);
    expect(vi.getTimerCount()).toBe(0);
    act(() => vi.advanceTimersByTime(5_000));
    expect(renders).toBe(5);
  });

  it('returns 0 for a deadline in the past or none, without any timer', () => {
    const { result, rerender } = renderHook(({ deadline }) => useCountdown(deadline), {
      initialProps: { deadline: (Date.now() - 1) as number | null },
    });
    expect(result.current).toBe(0);
    rerender({ deadline: null });
    expect(result.current).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('follows a new deadline and clears its timer on unmount', () => {
    const { result, rerender, unmount } = renderHook(({ deadline }) => useCountdown(deadline), {
      initialProps: { deadline: Date.now() + 10_000 },
    });
    rerender({ deadline: Date.now() + 60_000 });
    expect(result.current).toBe(60_000);
    expect(vi.getTimerCount()).toBe(1);
    unmount();
    expect(vi.getTimerCount()).toBe(0);
  });
});
