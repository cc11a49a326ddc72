import { type CountdownOptions, createCountdown } from '@verifik-auth/core';
import { useEffect, useLayoutEffect, useState } from 'react';

// A layout effect starts the clock before the browser paints (no frame shows 0 left); a server has no
// layout (and React 18 warns of one there), so it gets the plain effect, which it never runs.
const useClientLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;

/**
 * Milliseconds left until `deadline` (epoch ms), re-rendering as each second passes; 0 once it is
 * past, or when there is none. It never reads the clock while rendering: a server render (a Next.js
 * prerender too) shows 0 and starts no timer; in the browser the core's `createCountdown` starts
 * once mounted.
 * @example
 * const left = useCountdown(login.otpExpiresAt);
 * return <p>The code expires in {formatCountdown(left)}.</p>;
 */
export function useCountdown(deadline: number | null, options: CountdownOptions = {}): number {
  const [remaining, setRemaining] = useState(0);
  const { now } = options;
  useClientLayoutEffect(() => {
    const countdown = createCountdown(deadline, now ? { now } : {});
    const show = () => setRemaining(countdown.getSnapshot());
    const stop = countdown.subscribe(show);
    show();
    return stop;
  }, [deadline, now]);
  return remaining;
}
