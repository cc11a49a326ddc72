import { describe, expect, it } from 'vitest';
import { shallowEqual } from './shallow-equal.js';

describe('shallowEqual', () => {
  it('compares values with Object.is and objects one level deep', () => {
    const error = { code: 'invalid_otp' };
    expect(shallowEqual('idle', 'idle')).toBe(true);
    expect(shallowEqual(Number.NaN, Number.NaN)).toBe(true);
    expect(shallowEqual({ step: 'idle', error }, { step: 'idle', error })).toBe(true);
    expect(shallowEqual({ step: 'idle', error }, { step: 'idle', error: { ...error } })).toBe(false);
    expect(shallowEqual({ step: 'idle' }, { step: 'idle', busy: false })).toBe(false);
    expect(shallowEqual({ a: undefined }, { b: undefined })).toBe(false);
    expect(shallowEqual(null, {})).toBe(false);
    expect(shallowEqual(0, -0)).toBe(false);
  });
});
