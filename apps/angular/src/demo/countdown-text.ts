import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { formatCountdown, formatLabel } from '@verifik-auth/core';
import { useCountdown } from '../index.js';

/** A line of text with `m:ss` left until `deadline`; only this text changes as the seconds pass. */
@Component({
  selector: 'demo-countdown',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<p class="countdown" [attr.data-testid]="testId()">{{ text() }}</p>`,
})
export class CountdownText {
  readonly deadline = input.required<number | null>();
  /** A label with a `{time}` placeholder. */
  readonly template = input.required<string>();
  readonly testId = input.required<string>();
  private readonly remaining = useCountdown(this.deadline);
  protected readonly text = computed(() =>
    formatLabel(this.template(), { time: formatCountdown(this.remaining()) }),
  );
}
