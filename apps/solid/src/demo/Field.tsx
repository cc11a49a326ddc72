import type { FieldErrorView } from '@verifik-auth/core';
import { type JSX, onMount, Show, splitProps } from 'solid-js';

export interface FieldProps extends Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'ref'> {
  id: string;
  label: string;
  error?: FieldErrorView | undefined;
  /** Focus the input once it is on the page (`autofocus` does nothing on an input added later). */
  focusOnMount?: boolean | undefined;
  /** Receives the input, e.g. to focus it again after a wrong code. */
  ref?: ((input: HTMLInputElement) => void) | HTMLInputElement | undefined;
}

/** A labelled input with its field error underneath, linked for screen readers. */
export function Field(props: FieldProps) {
  const [own, input] = splitProps(props, ['id', 'label', 'error', 'class', 'focusOnMount', 'ref']);
  let element: HTMLInputElement | undefined;
  const errorId = () => `${own.id}-error`;
  onMount(() => {
    if (own.focusOnMount) element?.focus();
  });
  return (
    <div class={own.class ? `field ${own.class}` : 'field'}>
      <label for={own.id}>{own.label}</label>
      <input
        id={own.id}
        aria-invalid={own.error ? true : undefined}
        aria-describedby={own.error ? errorId() : undefined}
        {...input}
        ref={(created) => {
          element = created;
          if (typeof own.ref === 'function') own.ref(created);
        }}
      />
      <Show when={own.error}>
        {(error) => (
          <p class="field-error" id={errorId()}>
            {error().message}
          </p>
        )}
      </Show>
    </div>
  );
}
