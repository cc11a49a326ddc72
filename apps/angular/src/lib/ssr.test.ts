// @vitest-environment node
// Angular's server platform, as `@angular/ssr` renders a page: Node, no window, no document.
import { ChangeDetectionStrategy, Component, provideZonelessChangeDetection } from '@angular/core';
import { type BootstrapContext, bootstrapApplication } from '@angular/platform-browser';
import { provideServerRendering, renderApplication } from '@angular/platform-server';
import { describe, expect, it, vi } from 'vitest';
import { provideVerifikLogin, useCountdown, useVerifikLogin, useVerifikLoginSelector } from '../index.js';

/** Nothing listens on port 9: a request would fail, not hang (and none is made). */
const baseUrl = 'http://127.0.0.1:9';

@Component({
  selector: 'ssr-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [provideVerifikLogin({ baseUrl })],
  template: '<p>{{ step() }} {{ left() }} {{ none() }}</p><p>{{ own.step() }}</p>',
})
class Page {
  protected readonly step = useVerifikLoginSelector((view) => view.step);
  protected readonly left = useCountdown(() => 5_000);
  protected readonly none = useCountdown(() => null);
  protected readonly own = useVerifikLogin({ baseUrl });
}

const render = () =>
  renderApplication(
    (context: BootstrapContext) =>
      bootstrapApplication(
        Page,
        { providers: [provideZonelessChangeDetection(), provideServerRendering()] },
        context,
      ),
    { document: '<html><body><ssr-page></ssr-page></body></html>', url: '/' },
  );

describe('server rendering', () => {
  it('renders the first snapshot without a window, a timer, a request or a clock read', async () => {
    expect(typeof window).toBe('undefined');
    const fetch = vi.spyOn(globalThis, 'fetch');
    const timeout = vi.spyOn(globalThis, 'setTimeout');
    const now = vi.spyOn(Date, 'now').mockImplementation(() => {
      throw new Error('Date.now() during a prerender');
    });
    try {
      const html = await render();
      // No clock is read on a server: the countdowns show nothing left until a browser starts them.
      expect(html).toMatch(/<p>restoring 0 0<\/p><p>restoring<\/p>/);
      expect(fetch).not.toHaveBeenCalled();
      expect(now).not.toHaveBeenCalled();
      // Angular's own scheduling may set timers; none of them is a countdown's (1 s or less away, repeated).
      expect(timeout.mock.calls.filter(([, ms]) => typeof ms === 'number' && ms > 0)).toEqual([]);
    } finally {
      fetch.mockRestore();
      timeout.mockRestore();
      now.mockRestore();
    }
  });
});
