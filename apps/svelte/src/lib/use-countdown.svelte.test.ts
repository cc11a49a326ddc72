import { render } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import CountdownProbe from '../test/CountdownProbe.svelte';
import type { Current } from './provide.svelte.js';

function mountCountdown(deadline: () => number | null) {
  let left: Current<number> | undefined;
  const utils = render(CountdownProbe, {
    props: {
      deadline,
      expose: (countdown) => {
        left = countdown;
      },
    },
  });
  if (!left) throw new Error('not mounted');
  return { left, ...utils };
}

describe('useCountdown', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ticks down once a second and stops at zero', () => {
    const { left, getByText } = mountCountdown(() => 1_000_000 + 2_500);
    expect(left.current).toBe(2_500);
    vi.advanceTimersByTime(500);
    expect(left.current).toBe(2_000);
    vi.advanceTimersByTime(1_000);
    expect(left.current).toBe(1_000);
    flushSync();
    getByText('1000');
    vi.advanceTimersByTime(5_000);
    expect(left.current).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('is 0 without a deadline or past it, and follows a new deadline', () => {
    let deadline = $state<number | null>(null);
    const { left } = mountCountdown(() => deadline);
    expect(left.current).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    deadline = 1_000_000 - 5_000;
    flushSync();
    expect(left.current).toBe(0);
    deadline = 1_000_000 + 60_000;
    flushSync();
    expect(left.current).toBe(60_000);
    vi.advanceTimersByTime(1_000);
    expect(left.current).toBe(59_000);
  });

  it('clears its timer when the component is destroyed', () => {
    const { unmount } = mountCountdown(() => 1_000_000 + 60_000);
    expect(vi.getTimerCount()).toBe(1);
    unmount();
    expect(vi.getTimerCount()).toBe(0);
  });
});
