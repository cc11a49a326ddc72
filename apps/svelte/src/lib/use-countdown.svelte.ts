import { type CountdownOptions, createCountdown } from '@verifik-auth/core';
import { type Current, current } from './provide.svelte.js';

export type { CountdownOptions };

/**
 * Milliseconds left until `deadline()` (epoch ms), as `.current`, updated each time the shown second
 * changes and `0` once it has passed or when there is no deadline: the core's `createCountdown`, started
 * by an `$effect` once the component is mounted and restarted when the deadline changes. A server render
 * (no effects there) reads no clock and starts no timer; the timer stops at zero and when the component
 * is destroyed. Call it while a component initialises.
 * @example
 * const login = useVerifikLogin({ baseUrl });
 * const left = useCountdown(() => login.otpExpiresAt);
 * // template: {formatCountdown(left.current)}
 */
export function useCountdown(deadline: () => number | null, options: CountdownOptions = {}): Current<number> {
  let remaining = $state(0);
  $effect(() => {
    const countdown = createCountdown(deadline(), options);
    // 0 until it starts: subscribing reads the clock and tells the first value, if there is one.
    remaining = countdown.getSnapshot();
    return countdown.subscribe(() => {
      remaining = countdown.getSnapshot();
    });
  });
  return current(() => remaining);
}
