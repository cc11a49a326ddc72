import { describe, expect, it } from 'vitest';
import { missingParameterMessage, RestError, signature } from './errors.js';

describe('signature', () => {
  it.each([
    ['2024-05-29T03:41:27Z', 'May 29, 2024 3:41 AM'],
    ['2022-08-31T15:24:00Z', 'August 31, 2022 3:24 PM'],
    ['2024-01-16T00:05:00Z', 'January 16, 2024 12:05 AM'],
    ['2024-01-16T12:00:00Z', 'January 16, 2024 12:00 PM'],
  ])('formats %s as "%s", like Verifik', (iso, dateTime) => {
    expect(signature(Date.parse(iso))).toEqual({ dateTime, message: 'Certified by Verifik.co' });
  });
});

describe('missingParameterMessage', () => {
  it('joins the parts with "\\n. " and ends in "\\n"', () => {
    expect(missingParameterMessage(['countryCode', 'phone', 'type'])).toBe(
      'missing countryCode\n. missing phone\n. missing type\n',
    );
    expect(missingParameterMessage(['authenticatorOTP'])).toBe('missing authenticatorOTP\n');
  });
});

describe('RestError', () => {
  it('signs only the bodies Verifik signs', () => {
    expect(new RestError(404, 'NotFound', 'invalid_email').toBody(0)).toEqual({
      code: 'NotFound',
      message: 'invalid_email',
    });
    expect(new RestError(401, 'Unauthorized', 'x', { signed: true }).toBody(0)).toHaveProperty('signature');
  });
});
