import { effect, inject, PLATFORM_ID, type Signal, signal } from '@angular/core';
import { type CountdownOptions, createCountdown } from '@verifik-auth/core';

export type { CountdownOptions };

/**
 * Milliseconds left until `deadline()` (epoch ms), as a signal updated each time the shown second
 * changes, and 0 once it has passed or when there is no deadline: the core's `createCountdown`, started
 * by an `effect` and restarted when the deadline (a signal, or any getter of signals) changes. On a
 * server (Angular SSR runs effects too) it stays 0, reads no clock and starts no timer; the timer
 * stops at zero and when the component is destroyed. Call it in an injection context.
 * @example
 * readonly login = useVerifikLoginContext();
 * readonly left = useCountdown(this.login.otpExpiresAt);
 * // template: {{ formatCountdown(left()) }}
 */
export function useCountdown(
  deadline: () => number | null | undefined,
  options: CountdownOptions = {},
): Signal<number> {
  const remaining = signal(0);
  if (inject(PLATFORM_ID) === 'browser') {
    effect((onCleanup) => {
      const countdown = createCountdown(deadline(), options);
      const show = () => remaining.set(countdown.getSnapshot());
      onCleanup(countdown.subscribe(show));
      show();
    });
  }
  return remaining.asReadonly();
}
