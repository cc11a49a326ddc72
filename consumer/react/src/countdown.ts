import { createCountdown, formatCountdown, type Countdown } from '@verifik-auth/core';

/** Shows the time left until `deadline` (epoch ms, e.g. `view.otpExpiresAt`); returns the stop. */
export function showCountdown(element: HTMLElement, deadline: number | null): () => void {
  const countdown: Countdown = createCountdown(deadline);
  const render = () => {
    element.textContent = formatCountdown(countdown.getSnapshot());
  };
  render();
  return countdown.subscribe(render);
}
