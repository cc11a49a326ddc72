// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSSRApp, defineComponent, h } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { useCountdown } from '../index.js';

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('server rendering', () => {
  it('renders a countdown without reading the clock or starting a timer', async () => {
    vi.useFakeTimers({ now: 0 });
    const now = vi.spyOn(Date, 'now').mockImplementation(() => {
      throw new Error('Date.now() during a server render');
    });
    const Countdown = defineComponent({
      setup() {
        const left = useCountdown(5_000);
        const none = useCountdown(null);
        return () => h('p', `${left.value} ${none.value}`);
      },
    });
    expect(await renderToString(createSSRApp(Countdown))).toBe('<p>0 0</p>');
    expect(now).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });
});
