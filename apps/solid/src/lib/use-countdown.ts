import { type CountdownOptions, createCountdown } from '@verifik-auth/core';
import { type Accessor, createEffect, createSignal, onCleanup } from 'solid-js';

export type { CountdownOptions };

/**
 * Milliseconds left until `deadline()` (epoch ms), updated each time the shown second changes; 0 once it
 * has passed or when there is none. It follows the deadline reactively, on the core's `createCountdown`
 * started in an effect, which Solid runs once the component is mounted and never on a server: a server
 * render shows 0, reads no clock and starts no timer. The timer stops at 0 and on cleanup.
 * @example
 * const login = useVerifikLogin({ baseUrl });
 * const left = useCountdown(() => login.otpExpiresAt);
 * return <p>The code expires in {formatCountdown(left())}.</p>;
 */
export function useCountdown(
  deadline: Accessor<number | null | undefined>,
  options: CountdownOptions = {},
): Accessor<number> {
  const [remaining, setRemaining] = createSignal(0);
  createEffect(() => {
    const countdown = createCountdown(deadline(), options);
    const show = () => setRemaining(countdown.getSnapshot());
    onCleanup(countdown.subscribe(show));
    show();
  });
  return remaining;
}
