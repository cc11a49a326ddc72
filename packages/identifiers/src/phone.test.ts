import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  e164,
  hasTrunkPrefix,
  normalizePhone,
  parseCountryCode,
  parseNationalNumber,
  parsePhoneNumber,
} from './index.js';

describe('the phone rule', () => {
  it('takes country codes of + and 1 to 3 digits, never starting with 0, trimmed', () => {
    for (const ok of ['+1', '+57', '+268', ' +44 ']) expect(parseCountryCode(ok)).toBe(ok.trim());
    for (const bad of ['+1234', '+01', '+0', '+001', '1', '+', '+1a', '', '++1', '+ 1', 57, null]) {
      expect(parseCountryCode(bad)).toBeUndefined();
    }
  });

  it('takes national numbers of 4 to 14 digits not starting with 0, from text with separators or a number', () => {
    expect(parseNationalNumber('(311) 555-0601')).toBe('3115550601');
    expect(parseNationalNumber(' 311.555.0601 ')).toBe('3115550601');
    expect(parseNationalNumber(3115550601)).toBe('3115550601');
    expect(parseNationalNumber('1234')).toBe('1234');
    expect(parseNationalNumber('1'.repeat(14))).toBe('1'.repeat(14));
    for (const bad of ['123', '1'.repeat(15), '0612345678', '12a4', '+1234', '', 0, -5, 1.5, 2 ** 53, null]) {
      expect(parseNationalNumber(bad)).toBeUndefined();
    }
  });

  it('tells a trunk prefix apart from other refusals', () => {
    expect(hasTrunkPrefix('06 12 34 56 78')).toBe(true);
    expect(hasTrunkPrefix('0')).toBe(true);
    expect(hasTrunkPrefix('6 12 34 56 78')).toBe(false);
    expect(hasTrunkPrefix('0a')).toBe(false);
  });

  it('joins country code and national number into at most 15 digits', () => {
    expect(e164('+1', '3115550601')).toBe('+13115550601');
    expect(e164('+1', '1'.repeat(14))).toBe(`+1${'1'.repeat(14)}`);
    expect(e164('+1', '1'.repeat(15))).toBeUndefined();
    expect(e164('+131', '1'.repeat(12))).toBe(`+131${'1'.repeat(12)}`);
    expect(e164('+131', '1'.repeat(13))).toBeUndefined();
  });

  it('gives every way of splitting and writing one number the same E.164 form', () => {
    const forms = [
      parsePhoneNumber('+1', '3115550601'),
      parsePhoneNumber('+13', '115550601'),
      parsePhoneNumber('+131', '15550601'),
      parsePhoneNumber(' +1 ', '(311) 555-0601'),
      parsePhoneNumber('+13', 115550601),
    ];
    expect(new Set(forms.map((form) => form?.e164))).toEqual(new Set(['+13115550601']));
    expect(forms[3]).toEqual({ countryCode: '+1', phone: '3115550601', e164: '+13115550601' });
  });

  it('refuses any number whose whole has more than 15 digits, however it is split', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[1-9]\d{0,2}$/),
        fc.stringMatching(/^[1-9]\d{3,20}$/),
        (code, national) => {
          const parsed = parsePhoneNumber(`+${code}`, national);
          const whole = code.length + national.length;
          if (whole > 15) expect(parsed).toBeUndefined();
          else expect(parsed?.e164).toBe(`+${code}${national}`);
        },
      ),
    );
  });

  it('reads digits with separators back as the digits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.constantFrom('', ' ', '-', '(', ')', '.'))),
        (parts) => {
          const digits = parts.map(([digit]) => digit).join('');
          expect(normalizePhone(parts.map(([digit, sep]) => `${digit}${sep}`).join(''))).toBe(digits);
        },
      ),
    );
  });
});
