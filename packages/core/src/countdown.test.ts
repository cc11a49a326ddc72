import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCountdown, remainingMs, untilNextSecond } from './countdown.js';

describe('remainingMs', () => {
  it('counts down to the deadline and stays at 0 after it, or without one', () => {
    expect(remainingMs(10_000, 7_500)).toBe(2_500);
    expect(remainingMs(10_000, 12_000)).toBe(0);
    expect(remainingMs(null, 5)).toBe(0);
    expect(remainingMs(undefined, 5)).toBe(0);
  });
});

describe('untilNextSecond', () => {
  it('wakes exactly when the shown m:ss changes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), (remaining) => {
        const wait = untilNextSecond(remaining);
        expect(wait).toBeGreaterThan(0);
        expect(wait).toBeLessThanOrEqual(1000);
        expect(formatCountdown(remaining - wait)).not.toBe(formatCountdown(remaining));
        expect(formatCountdown(remaining - wait + 1)).toBe(formatCountdown(remaining));
      }),
    );
    expect(untilNextSecond(0)).toBe(0);
  });
});

describe('formatCountdown', () => {
  it('shows minutes and seconds, rounding up and never below zero', () => {
    expect(formatCountdown(125_000)).toBe('2:05');
    expect(formatCountdown(1)).toBe('0:01');
    expect(formatCountdown(-5)).toBe('0:00');
  });
});
