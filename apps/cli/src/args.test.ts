import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './args.js';
import { UsageError } from './errors.js';

const login = (argv: string[]) => {
  const command = parseCliArgs(argv);
  if (command.kind !== 'login') throw new Error(`expected a login, got ${command.kind}`);
  return command.options;
};

describe('parseCliArgs', () => {
  it('reads a scripted phone login', () => {
    expect(
      login([
        '--country-code',
        '+57',
        '--phone',
        '300 123 4567',
        '--gateway',
        'sms',
        '--otp-from-stdin',
        '--json',
      ]),
    ).toEqual({
      method: 'phone',
      countryCode: '+57',
      phone: '300 123 4567',
      gateway: 'sms',
      otpFromStdin: true,
      json: true,
      lang: 'en',
    });
  });

  it('reads --revoke-others, and leaves it out when not given', () => {
    expect(login(['--email', 'ana@example.com', '--revoke-others'])).toMatchObject({ revokeOthers: true });
    expect(login(['--email', 'ana@example.com'])).not.toHaveProperty('revokeOthers');
  });

  it('takes --email with an address, or bare (last or before another option) to ask for it', () => {
    expect(login(['--email', 'ana@example.com'])).toMatchObject({
      method: 'email',
      email: 'ana@example.com',
    });
    expect(login(['--email'])).toEqual({ method: 'email', otpFromStdin: false, json: false, lang: 'en' });
    expect(login(['--email', '--lang', 'es'])).toEqual({
      method: 'email',
      otpFromStdin: false,
      json: false,
      lang: 'es',
    });
  });

  it('turns the built-in mock options into milliseconds and a code', () => {
    expect(login(['--otp-ttl', '1.5', '--fixed-otp', '123456'])).toMatchObject({
      otpTtlMs: 1500,
      fixedOtp: '123456',
    });
  });

  it('answers help and version first', () => {
    expect(parseCliArgs(['--phone', '1', '-h'])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['-v'])).toEqual({ kind: 'version' });
  });

  it.each([
    [['--phne', '1'], "Unknown option '--phne'"],
    [['--gateway', 'pigeon'], '--gateway expects whatsapp or sms, got "pigeon"'],
    [['--lang', 'fr'], '--lang expects en or es, got "fr"'],
    [['--email', 'a@b.co', '--phone', '1'], '--email and --phone do not go together'],
    [['--api', 'https://api.verifik.co', '--fixed-otp', '123456'], '--fixed-otp is for the built-in mock'],
    [['--otp-ttl', '0'], '--otp-ttl expects a number of seconds >= 1, got "0"'],
    [['--otp-ttl', '0.5'], '--otp-ttl expects a number of seconds >= 1, got "0.5"'],
    [['--fixed-otp', '12345'], '--fixed-otp expects 6 digits, got "12345"'],
    [['--phone', '1234566663', '--otp-from-stdin'], '--otp-from-stdin needs --country-code and --phone'],
    [
      ['--email', '--otp-from-stdin'],
      '--otp-from-stdin needs --country-code and --phone, or --email <address>',
    ],
    [['--out', ''], '--out expects a file name'],
  ])('refuses %j with a usage error', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});
