import type { LoginEvent } from './login.types.js';
import { inert, read, syncedSession } from './validation.js';

/** The payload fields of each event (the machine's own included); anything else on an event is dropped. */
export const payloadKeys: { readonly [T in LoginEvent['type']]: readonly string[] } = {
  'login.phone': ['countryCode', 'phone', 'gateway', 'language'],
  'login.email': ['email', 'language'],
  'otp.submit': ['otp', 'authenticatorOtp'],
  'authenticator.submit': ['authenticatorOtp'],
  'otp.resend': ['gateway'],
  'login.cancel': [],
  'session.refresh': [],
  'session.logout': [],
  'session.sync': ['session'],
  'timers.resume': [],
  'session.revokeOthers': [],
};

const isEventType = (value: unknown): value is LoginEvent['type'] =>
  typeof value === 'string' && Object.hasOwn(payloadKeys, value);

/** One property, read once: a primitive as it is; an object, or what cannot be read, as {@link inert}. */
function fieldOf(payload: object, key: string): unknown {
  const value = read(payload, key);
  return (typeof value === 'object' && value !== null) || typeof value === 'function' ? inert : value;
}

/**
 * A `type` event made of `payload`'s fields (the command's type wins over any `type` in its input).
 * Used by `connect()`'s commands, whose event type is fixed; see {@link toLoginEvent}.
 * @internal
 */
export function eventOf(type: LoginEvent['type'], payload: unknown): LoginEvent | undefined {
  if (type === 'session.sync') {
    const session = syncedSession(payload);
    return session === undefined ? undefined : { type, session };
  }
  const event: Record<string, unknown> = { type };
  if (typeof payload === 'object' && payload !== null) {
    for (const key of payloadKeys[type]) {
      const value = fieldOf(payload, key);
      if (value !== undefined) event[key] = value;
    }
  }
  return event as LoginEvent;
}

/**
 * Checks a value before it is sent to the login actor: a {@link LoginEvent} made of its fields, read
 * once into a plain object, or `undefined` for a value that is no event (`null`, `{}`, `{ type: 5 }`,
 * an array, a string, a symbol, an unknown type, a `type` that cannot be read). Every entry point of
 * this library sends through it: `connect()`'s commands, and so the React and Vue bindings.
 *
 * A payload field keeps its value when it is a primitive, whatever its type: the machine refuses a
 * wrong one with a field error (`{ type: 'login.phone', phone: null }` → `phone: 'required'`). An
 * object, or a field whose getter or proxy trap throws, becomes an empty frozen object, refused with the
 * field's format error. Other fields are dropped. A `session.sync` is kept only with `session: null`
 * or a whole session (copied). So nothing that reaches the actor can throw when it is read.
 *
 * A raw `actor.send(value)` on an actor you created yourself is XState's: it does not go through this
 * check, and an event that XState or a guard cannot read puts the actor in status `error` (XState stops
 * an actor whose guard throws). Validate first when the value comes from outside your code.
 * @example
 * const event = toLoginEvent(untrusted);
 * if (event) actor.send(event);
 */
export function toLoginEvent(value: unknown): LoginEvent | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  let type: unknown;
  try {
    if (Array.isArray(value)) return undefined;
    type = (value as { type?: unknown }).type;
  } catch {
    return undefined;
  }
  return isEventType(type) ? eventOf(type, value) : undefined;
}
