/**
 * Holds a value (the OTP) so that serializing it never writes it: `JSON.stringify` and
 * `actor.getPersistedSnapshot()` followed by any serializer see `"[redacted]"`. XState keeps an invoked
 * promise actor's input in snapshots while it runs, so the code travels to `confirmOtp` inside one of these.
 */
export class Secret<T> {
  readonly #value: T;

  constructor(value: T) {
    this.#value = value;
  }

  /** The wrapped value, for the one place that sends it. */
  reveal(): T {
    return this.#value;
  }

  /** `"[redacted]"`, so `JSON.stringify` of an event or a snapshot never writes the code. */
  toJSON(): string {
    return '[redacted]';
  }

  /** `"[redacted]"`, so string templates and logs never show the code. */
  toString(): string {
    return '[redacted]';
  }
}
