import { useEffect, useState } from 'react';

const remainingUntil = (deadline: number | null) =>
  deadline === null ? 0 : Math.max(0, deadline - Date.now());

/**
 * Milliseconds left until `deadline` (epoch ms), re-rendering as each second passes; 0 once it is
 * past, or when there is none. The timer starts after mount, so server rendering starts none.
 * @example
 * const left = useCountdown(login.otpExpiresAt);
 * return <p>The code expires in {formatCountdown(left)}.</p>;
 */
export function useCountdown(deadline: number | null): number {
  const [, setTicks] = useState(0);
  const remaining = remainingUntil(deadline);
  useEffect(() => {
    if (remaining === 0) return;
    // Wake when the whole seconds left change, so an `m:ss` display never lags.
    const timer = setTimeout(() => setTicks((ticks) => ticks + 1), remaining % 1000 || 1000);
    return () => clearTimeout(timer);
  }, [remaining]);
  return remaining;
}
