import { remainingMs, untilNextSecond } from '@verifik-auth/core';
import { type MaybeRefOrGetter, onScopeDispose, type Ref, readonly, ref, toValue, watch } from 'vue';

/** Options of {@link useCountdown}. */
export interface CountdownOptions {
  /** The clock. Default `Date.now`. */
  now?: () => number;
}

/**
 * Milliseconds left until `deadline` (epoch ms), updated each time the shown second changes and `0` once
 * it has passed or when there is no deadline. The timer stops at zero and when the component unmounts.
 * @example
 * const login = useVerifikLogin({ baseUrl });
 * const left = useCountdown(() => login.otpExpiresAt);
 * // template: {{ formatCountdown(left) }}
 */
export function useCountdown(
  deadline: MaybeRefOrGetter<number | null | undefined>,
  options: CountdownOptions = {},
): Readonly<Ref<number>> {
  const now = options.now ?? Date.now;
  const remaining = ref(0);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = () => {
    remaining.value = remainingMs(toValue(deadline), now());
    if (remaining.value > 0) timer = setTimeout(tick, untilNextSecond(remaining.value));
  };
  const stop = () => clearTimeout(timer);
  watch(
    () => toValue(deadline),
    () => {
      stop();
      tick();
    },
    { immediate: true, flush: 'sync' },
  );
  onScopeDispose(stop);
  return readonly(remaining);
}
