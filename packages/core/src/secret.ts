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

  toJSON(): string {
    return '[redacted]';
  }

  toString(): string {
    return '[redacted]';
  }
}
