import { type CountdownOptions, createCountdown } from '@verifik-auth/core';
import {
  type MaybeRefOrGetter,
  onMounted,
  onScopeDispose,
  type Ref,
  readonly,
  shallowRef,
  toValue,
  watch,
} from 'vue';

export type { CountdownOptions };

/**
 * Milliseconds left until `deadline` (epoch ms), updated each time the shown second changes and `0` once
 * it has passed or when there is no deadline: the core's `createCountdown`, started once the component
 * is mounted. A server render (no mount there) reads no clock and starts no timer; the timer stops at
 * zero and when the component unmounts.
 * @example
 * const login = useVerifikLogin({ baseUrl });
 * const left = useCountdown(() => login.otpExpiresAt);
 * // template: {{ formatCountdown(left) }}
 */
export function useCountdown(
  deadline: MaybeRefOrGetter<number | null | undefined>,
  options: CountdownOptions = {},
): Readonly<Ref<number>> {
  const remaining = shallowRef(0);
  let stop = () => {};
  const follow = (value: number | null | undefined) => {
    stop();
    const countdown = createCountdown(value, options);
    const show = () => {
      remaining.value = countdown.getSnapshot();
    };
    stop = countdown.subscribe(show);
    show();
  };
  onMounted(() => watch(() => toValue(deadline), follow, { immediate: true, flush: 'sync' }));
  onScopeDispose(() => stop());
  return readonly(remaining);
}
