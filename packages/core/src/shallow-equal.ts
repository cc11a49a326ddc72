/**
 * Whether two values are the same, or plain objects with the same keys and `Object.is`-equal values: how
 * the bindings' selectors decide that a selected part did not change (a new object of unchanged fields
 * does not re-render).
 * @example
 * shallowEqual({ step: 'idle', busy: false }, { step: 'idle', busy: false }); // true
 */
export function shallowEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every(
      (key) => Object.hasOwn(b, key) && Object.is(a[key as keyof typeof a], b[key as keyof typeof b]),
    )
  );
}
