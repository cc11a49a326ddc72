/*
 * Countdowns to the machine's absolute deadlines (`otpExpiresAt`, `resendAvailableAt`, `retryAt`), the
 * same in every adapter: what is left, when the shown second changes, and how to show it.
 */

/** Milliseconds left until `deadline` (epoch ms) at `now`: 0 once it has passed or when there is none. */
export function remainingMs(deadline: number | null | undefined, now: number): number {
  return deadline == null ? 0 : Math.max(0, deadline - now);
}

/** How long until the whole seconds left change, so an `m:ss` display never lags; 0 when nothing is left. */
export function untilNextSecond(remaining: number): number {
  return remaining > 0 ? ((remaining - 1) % 1000) + 1 : 0;
}

/** `125_000` → `2:05`: minutes and seconds left, never negative. */
export function formatCountdown(remainingMs: number): string {
  const totalSeconds = Math.max(0, Math.ceil(remainingMs / 1000));
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}
