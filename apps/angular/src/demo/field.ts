import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  input,
  output,
  viewChild,
} from '@angular/core';
import type { FieldErrorView } from '@verifik-auth/core';

/** A labelled input with its field error underneath, linked for screen readers. */
@Component({
  selector: 'demo-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class]': "extraClass() ? 'field ' + extraClass() : 'field'" },
  template: `
    <label [for]="fieldId()">{{ label() }}</label>
    <input
      #input
      [id]="fieldId()"
      [type]="type()"
      [attr.inputmode]="inputmode()"
      [attr.autocomplete]="autocomplete()"
      [attr.pattern]="pattern()"
      [attr.maxlength]="maxlength()"
      [readOnly]="readonly()"
      [value]="value()"
      [attr.aria-invalid]="error() ? 'true' : null"
      [attr.aria-describedby]="error() ? fieldId() + '-error' : null"
      (input)="typed($event)"
    />
    @if (error(); as error) {
      <p class="field-error" [id]="fieldId() + '-error'">{{ error.message }}</p>
    }
  `,
})
export class Field {
  readonly fieldId = input.required<string>();
  readonly label = input.required<string>();
  readonly value = input.required<string>();
  readonly error = input<FieldErrorView | undefined>();
  readonly type = input('text');
  readonly inputmode = input<string | null>(null);
  readonly autocomplete = input<string | null>(null);
  readonly pattern = input<string | null>(null);
  readonly maxlength = input<number | null>(null);
  readonly readonly = input(false);
  /** Extra class for the wrapper. */
  readonly extraClass = input('');
  /** Focus the input when it appears (`autofocus` does nothing on an input added later). */
  readonly focusOnMount = input(false);
  /** Rewrites what is typed, e.g. to keep digits only. */
  readonly normalize = input<(value: string) => string>((value) => value);
  readonly valueChange = output<string>();
  private readonly input = viewChild.required<ElementRef<HTMLInputElement>>('input');

  constructor() {
    afterNextRender(() => {
      if (this.focusOnMount()) this.focus();
    });
  }

  /** Focuses the input, e.g. again after a wrong code. */
  focus(): void {
    this.input().nativeElement.focus();
  }

  protected typed(event: Event): void {
    const element = event.target as HTMLInputElement;
    const next = this.normalize()(element.value);
    // The value may not change (a letter typed into a digits-only field): fix the element itself.
    if (next !== element.value) element.value = next;
    this.valueChange.emit(next);
  }
}

/** Keeps the digits of a typed or pasted code (`123 456` → `123456`). */
export const digitsOnly = (value: string): string => value.replace(/\D/g, '');
