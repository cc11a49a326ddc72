import { remainingMs, untilNextSecond } from '@verifik-auth/core';
import { useEffect, useState } from 'react';

/**
 * Milliseconds left until `deadline` (epoch ms), re-rendering as each second passes; 0 once it is
 * past, or when there is none. The timer starts after mount, so server rendering starts none.
 * @example
 * const left = useCountdown(login.otpExpiresAt);
 * return <p>The code expires in {formatCountdown(left)}.</p>;
 */
export function useCountdown(deadline: number | null): number {
  const [, setTicks] = useState(0);
  const remaining = remainingMs(deadline, Date.now());
  useEffect(() => {
    if (remaining === 0) return;
    const timer = setTimeout(() => setTicks((ticks) => ticks + 1), untilNextSecond(remaining));
    return () => clearTimeout(timer);
  }, [remaining]);
  return remaining;
}
