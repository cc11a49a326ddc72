import { render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import CountdownText from './CountdownText.svelte';

describe('CountdownText', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(5_000_000);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ticks the m:ss left every second and stops at 0:00', async () => {
    render(CountdownText, {
      props: {
        deadline: 5_000_000 + 61_000,
        template: 'The code expires in {time}.',
        testId: 'otp-countdown',
      },
    });
    const line = screen.getByTestId('otp-countdown');
    // The clock starts once mounted; the page shows its first value before the browser paints.
    await tick();
    expect(line.textContent).toBe('The code expires in 1:01.');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(line.textContent).toBe('The code expires in 1:00.');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(line.textContent).toBe('The code expires in 0:59.');
    await vi.advanceTimersByTimeAsync(120_000);
    expect(line.textContent).toBe('The code expires in 0:00.');
    expect(vi.getTimerCount()).toBe(0);
  });
});
