// @vitest-environment node
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { useCountdown, useVerifikLogin, useVerifikLoginSelector, VerifikLoginProvider } from '../index.js';
import { mockUrl } from '../test/mock.js';

const deadline = 5_000;

function Step() {
  const step = useVerifikLoginSelector((view) => view.step);
  const left = useCountdown(deadline);
  return (
    <p>
      {step} {left}
    </p>
  );
}

function Shown() {
  return <p>{useCountdown(deadline)}</p>;
}

function None() {
  return <p>{useCountdown(null)}</p>;
}

function Standalone() {
  return <p>{useVerifikLogin({ baseUrl: mockUrl() }).step}</p>;
}

describe('server rendering', () => {
  it('imports without a window and renders without starting timers or requests', () => {
    expect(typeof window).toBe('undefined');
    vi.useFakeTimers({ now: 0 });
    try {
      const html = renderToString(
        <VerifikLoginProvider baseUrl={mockUrl()}>
          <Step />
          <Standalone />
        </VerifikLoginProvider>,
      );
      // No clock is read on a server: the countdown shows nothing left until the browser starts it.
      expect(html).toBe('<p>restoring<!-- --> <!-- -->0</p><p>restoring</p>');
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reads no clock while rendering a countdown (a Next.js prerender refuses Date.now() in a Client Component)', () => {
    // What Next.js 16 with cacheComponents does to a Client Component that reads the time while it
    // prerenders: "Route "/": Next.js encountered the unstable value Date.now()".
    const now = vi.spyOn(Date, 'now').mockImplementation(() => {
      throw new Error('Date.now() during a prerender');
    });
    try {
      expect(renderToString(<Shown />)).toBe('<p>0</p>');
      expect(renderToString(<None />)).toBe('<p>0</p>');
      expect(now).not.toHaveBeenCalled();
    } finally {
      now.mockRestore();
    }
  });
});
