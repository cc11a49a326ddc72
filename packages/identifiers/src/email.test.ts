import { describe, expect, it } from 'vitest';
import { normalizeEmail } from './index.js';

describe('the email rule', () => {
  it('trims, lower-cases, NFC-normalises and puts the domain in ASCII without a trailing dot', () => {
    const one = 'alice@xn--bcher-kva.example';
    for (const spelled of [
      '  Alice@Bücher.Example. ',
      'alice@xn--bcher-kva.example',
      'ALICE@XN--BCHER-KVA.EXAMPLE',
      'alice@bu\u0308cher.example', // ü as u + a combining diaeresis (NFD)
      'alice@ＢÜＣＨＥＲ.example', // full-width letters, mapped by IDNA
    ]) {
      expect(normalizeEmail(spelled)).toBe(one);
    }
    expect(normalizeEmail('Jose\u0301@Example.com')).toBe('josé@example.com');
  });

  it('keeps dots and +tags: only some providers fold them, so they stay distinct addresses', () => {
    expect(normalizeEmail('a.lice@gmail.com')).toBe('a.lice@gmail.com');
    expect(normalizeEmail('Alice+X@Gmail.com')).toBe('alice+x@gmail.com');
    expect(normalizeEmail('alice@googlemail.com')).toBe('alice@googlemail.com');
  });

  it('refuses what is not an address', () => {
    for (const bad of [
      'user',
      'user@',
      '@example.com',
      'user@example',
      'user@example.',
      'a b@example.com',
      'a@b@example.com',
      '.a@example.com',
      'a.@example.com',
      'a..b@example.com',
      '"a b"@example.com',
      'a<b>@example.com',
      'user@exa mple.com',
      'user@exam\tple.com',
      'user@example.com/path',
      'user@example.com:25',
      'user@exa%41mple.com',
      'user@[127.0.0.1]',
      'user@127.0.0.1',
      'user@0x7f.1',
      'user@example..com',
      'user@-example.com',
      'user@exa_mple.com',
      'user@xn--zz.com',
      `${'a'.repeat(65)}@example.com`,
      `${'a'.repeat(60)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.com`, // 256 characters,
      '',
      42,
      null,
    ]) {
      expect(normalizeEmail(bad), String(bad)).toBeUndefined();
    }
  });
});
