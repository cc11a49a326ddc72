// @vitest-environment node
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { useCountdown, useVerifikLogin, useVerifikLoginSelector, VerifikLoginProvider } from '../index.js';
import { mockUrl } from '../test/mock.js';

function Step() {
  const step = useVerifikLoginSelector((view) => view.step);
  const left = useCountdown(Date.now() + 5_000);
  return (
    <p>
      {step} {left}
    </p>
  );
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
      expect(html).toBe('<p>restoring<!-- --> <!-- -->5000</p><p>restoring</p>');
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
