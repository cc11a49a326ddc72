import { describe, expect, it } from 'vitest';
import { cleanServerText } from './redact.js';

describe('cleanServerText', () => {
  const otp = '739154';

  it('redacts a code hidden between control characters or spaced out', () => {
    for (const text of [
      '7\u00003\u00009\u00001\u00005\u00004 is wrong',
      '7 3 9 1 5 4 is wrong',
      `\u001b[1m${otp}\u001b[0m`,
    ]) {
      expect(cleanServerText(text, [otp])).not.toMatch(/7.?3.?9.?1.?5.?4/);
    }
  });

  it('redacts before it cuts, so a cut cannot leave part of a code', () => {
    const shown = cleanServerText(`${'a'.repeat(196)} ${otp}`, [otp]);
    expect(shown.length).toBeLessThanOrEqual(200);
    expect(shown).not.toMatch(/7391/);
  });

  it('keeps words apart across line breaks and drops other controls', () => {
    expect(cleanServerText('missing countryCode\n. missing phone\u0007\n')).toBe(
      'missing countryCode . missing phone',
    );
  });
});
