// Vitest project `solid-ssr` (vitest.ssr.config.ts): Node, Solid's server build, JSX compiled for SSR.
import { renderToString } from 'solid-js/web';
import { describe, expect, it, vi } from 'vitest';
import { useCountdown, useVerifikLogin, useVerifikLoginSelector, VerifikLoginProvider } from '../index.js';

/** Nothing listens on port 9: a request would fail, not hang (and none is made). */
const baseUrl = 'http://127.0.0.1:9';
const deadline = 5_000;

function Step() {
  const step = useVerifikLoginSelector((view) => view.step);
  const left = useCountdown(() => deadline);
  return (
    <p>
      {step()} {left()}
    </p>
  );
}

function Shown() {
  const left = useCountdown(() => deadline);
  return <p>{left()}</p>;
}

function None() {
  const left = useCountdown(() => null);
  return <p>{left()}</p>;
}

function Standalone() {
  const login = useVerifikLogin({ baseUrl });
  return <p>{login.step}</p>;
}

/** The markup without Solid's hydration keys and markers, which say nothing about what is shown. */
const text = (html: string) => html.replace(/ data-hk="[^"]*"/g, '').replace(/<!--[^>]*-->/g, '');

describe('server rendering', () => {
  it('imports without a window and renders without starting timers or requests', () => {
    expect(typeof window).toBe('undefined');
    vi.useFakeTimers({ now: 0 });
    const fetch = vi.spyOn(globalThis, 'fetch');
    try {
      // Solid's renderToString schedules its own timer (it disposes the render's root on the next tick).
      renderToString(() => <p>plain</p>);
      const solidsOwn = vi.getTimerCount();
      vi.clearAllTimers();
      const html = renderToString(() => (
        <VerifikLoginProvider baseUrl={baseUrl}>
          <Step />
          <Standalone />
        </VerifikLoginProvider>
      ));
      // No clock is read on a server: the countdown shows nothing left until the browser starts it.
      expect(text(html)).toBe('<p>restoring 0</p><p>restoring</p>');
      expect(vi.getTimerCount()).toBe(solidsOwn);
      expect(fetch).not.toHaveBeenCalled();
    } finally {
      fetch.mockRestore();
      vi.useRealTimers();
    }
  });

  it('reads no clock while rendering a countdown (a Next.js-style prerender refuses Date.now())', () => {
    const now = vi.spyOn(Date, 'now').mockImplementation(() => {
      throw new Error('Date.now() during a prerender');
    });
    try {
      expect(text(renderToString(() => <Shown />))).toBe('<p>0</p>');
      expect(text(renderToString(() => <None />))).toBe('<p>0</p>');
      expect(now).not.toHaveBeenCalled();
    } finally {
      now.mockRestore();
    }
  });
});
