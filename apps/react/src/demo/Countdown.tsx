import { formatCountdown, formatLabel } from '@verifik-auth/core';
import { useCountdown } from '../index.js';

interface CountdownProps {
  deadline: number | null;
  /** A label with a `{time}` placeholder. */
  template: string;
  testId: string;
}

/** A line of text with `m:ss` left until `deadline`; only this re-renders as the seconds pass. */
export function Countdown({ deadline, template, testId }: CountdownProps) {
  const remaining = useCountdown(deadline);
  return (
    <p className="countdown" data-testid={testId}>
      {formatLabel(template, { time: formatCountdown(remaining) })}
    </p>
  );
}
