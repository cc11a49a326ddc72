import { formatCountdown, formatLabel } from '@verifik-auth/core';
import { useCountdown } from '../index.js';

interface CountdownProps {
  deadline: number | null;
  /** A label with a `{time}` placeholder. */
  template: string;
  testId: string;
}

/** A line of text with `m:ss` left until `deadline`; only this text changes as the seconds pass. */
export function Countdown(props: CountdownProps) {
  const remaining = useCountdown(() => props.deadline);
  return (
    <p class="countdown" data-testid={props.testId}>
      {formatLabel(props.template, { time: formatCountdown(remaining()) })}
    </p>
  );
}
