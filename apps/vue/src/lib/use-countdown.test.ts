import { render } from '@testing-library/vue';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, nextTick, type Ref, ref } from 'vue';
import { useCountdown } from './use-countdown.js';

function mountCountdown(deadline: Ref<number | null>) {
  let left: Readonly<Ref<number>> | undefined;
  const Harness = defineComponent({
    setup() {
      left = useCountdown(deadline);
      return () => h('output', String(left?.value));
    },
  });
  const utils = render(Harness);
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

  it('ticks down once a second and stops at zero', async () => {
    const { left, getByText } = mountCountdown(ref(1_000_000 + 2_500));
    expect(left.value).toBe(2_500);
    vi.advanceTimersByTime(500);
    expect(left.value).toBe(2_000);
    vi.advanceTimersByTime(1_000);
    expect(left.value).toBe(1_000);
    await nextTick();
    getByText('1000');
    vi.advanceTimersByTime(5_000);
    expect(left.value).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('is 0 without a deadline or past it, and follows a new deadline', () => {
    const deadline = ref<number | null>(null);
    const { left } = mountCountdown(deadline);
    expect(left.value).toBe(0);
    deadline.value = 1_000_000 - 5_000;
    expect(left.value).toBe(0);
    deadline.value = 1_000_000 + 60_000;
    expect(left.value).toBe(60_000);
    vi.advanceTimersByTime(1_000);
    expect(left.value).toBe(59_000);
  });

  it('clears its timer when the component unmounts', () => {
    const { unmount } = mountCountdown(ref(1_000_000 + 60_000));
    expect(vi.getTimerCount()).toBe(1);
    unmount();
    expect(vi.getTimerCount()).toBe(0);
  });
});
