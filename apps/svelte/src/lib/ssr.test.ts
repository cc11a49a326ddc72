// @vitest-environment node
import { render } from 'svelte/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import CountdownProbe from '../test/CountdownProbe.svelte';
import ServerPage from '../test/ServerPage.svelte';

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

/** The rendered HTML without Svelte's hydration comments. */
const html = (body: string) => body.replace(/<!--[^>]*-->/g, '');

describe('server rendering', () => {
  it('imports without a window and renders without starting timers or requests', () => {
    expect(typeof window).toBe('undefined');
    vi.useFakeTimers({ now: 0 });
    const fetch = vi.spyOn(globalThis, 'fetch');
    const { body } = render(ServerPage, { props: { baseUrl: 'http://127.0.0.1:9' } });
    // No clock is read on a server: the countdowns show nothing left until the browser starts them.
    expect(html(body)).toBe('<p>restoring 0</p><p>restoring 0</p>');
    expect(vi.getTimerCount()).toBe(0);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('renders a countdown without reading the clock or starting a timer', () => {
    vi.useFakeTimers({ now: 0 });
    const now = vi.spyOn(Date, 'now').mockImplementation(() => {
      throw new Error('Date.now() during a server render');
    });
    const shown = render(CountdownProbe, { props: { deadline: () => 5_000 } });
    const none = render(CountdownProbe, { props: { deadline: () => null } });
    expect([html(shown.body), html(none.body)]).toEqual(['<output>0</output>', '<output>0</output>']);
    expect(now).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });
});
