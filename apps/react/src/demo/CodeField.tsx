import { Field, type FieldProps } from './Field.js';

interface CodeFieldProps extends Omit<FieldProps, 'onChange' | 'value'> {
  value: string;
  /** The typed or pasted value with everything but digits dropped (`123 456` → `123456`). */
  onDigits(value: string): void;
}

/** A 6-digit code field (a texted code, an authenticator app's code): a numeric keyboard, digits only. */
export function CodeField({ onDigits, ...field }: CodeFieldProps) {
  return (
    <Field
      className="otp"
      type="text"
      inputMode="numeric"
      pattern="[0-9]*"
      maxLength={6}
      {...field}
      onChange={(event) => onDigits(event.target.value.replace(/\D/g, ''))}
    />
  );
}
