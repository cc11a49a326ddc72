import { splitProps } from 'solid-js';
import { Field, type FieldProps } from './Field.js';

interface CodeFieldProps extends Omit<FieldProps, 'onInput' | 'value'> {
  value: string;
  /** The typed or pasted value with everything but digits dropped (`123 456` → `123456`). */
  onDigits(value: string): void;
}

/** A 6-digit code field (a texted code, an authenticator app's code): a numeric keyboard, digits only. */
export function CodeField(props: CodeFieldProps) {
  const [own, field] = splitProps(props, ['onDigits']);
  return (
    <Field
      class="otp"
      type="text"
      inputmode="numeric"
      pattern="[0-9]*"
      maxLength={6}
      {...field}
      onInput={(event) => {
        const digits = event.currentTarget.value.replace(/\D/g, '');
        // The value may not change ("12" + "a"): put the digits back in the input either way.
        event.currentTarget.value = digits;
        own.onDigits(digits);
      }}
    />
  );
}
