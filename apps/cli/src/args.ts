import { parseArgs } from 'node:util';
import type { Locale } from '@verifik-auth/core';
import { UsageError } from './errors.js';

/** The `--help` text of `verifik-login`. */
export const usage = `Usage: verifik-login [options]

Log in to Verifik with a one-time code and print the access token on stdout.
Asks for what the options do not give; questions and messages go to stderr.

Who logs in (asked for when missing):
      --country-code <code>   the phone's country code, e.g. +1 or +57
      --phone <number>        the phone number, digits (spaces and dashes are ignored)
      --gateway <name>        how the code is sent: whatsapp or sms (default: Verifik's choice)
      --email [address]       log in by email instead; asks for the address if none is given

Where:
      --api <url>             Verifik's API, e.g. https://api.verifik.co (https only, except localhost).
                              Without it, a mock server starts inside the CLI and shows each code it "sends";
                              that needs @verifik-auth/mock-server installed next to the CLI.
      --otp-ttl <seconds>     built-in mock only: how long a code stays valid (default 600)
      --fixed-otp <code>      built-in mock only: always send this 6-digit code

Output:
      --out <file>            write the result to <file> instead of stdout: a new file of yours, mode 0600.
                              A link, a folder or another user's file is refused before the login.
      --json                  the result as JSON {"accessToken","tokenType","expiresAt"} instead of the bare token
      --lang <en|es>          language of the messages, and of Verifik's own (default en)

After the login:
      --revoke-others         sign out every other session of the account, then output the new token:
                              every earlier token of the account stops working, other devices',
                              scripts' and servers' (those using the account's key) included

Scripts:
      --otp-from-stdin        no questions: read the code from stdin, one per line; a wrong code reads the
                              next line; an account with an authenticator app takes the app's code
                              from the line after the code (a wrong one reads the next line too).
                              A first setup of the app needs a terminal: its key is never printed
                              here. Needs --country-code and --phone, or --email <address>.
                              Example: TOKEN=$(verifik-login --country-code +1 --phone 1234566663 \\
                                                  --fixed-otp 123456 --otp-from-stdin <<< 123456)

  -h, --help                  show this help
  -v, --version               show the version

Exit codes:
  0    logged in
  1    the login failed (refused, unreachable, code expired, no valid code on stdin)
  2    bad usage or input (unknown option, invalid phone or email, input ended early, no --api and no mock)
  3    the account needs its authenticator app and this run cannot ask for it: a first setup without
       a terminal (the key is shown on one only), or no valid app code on stdin
  130  cancelled (Ctrl-C)
`;

/** What a login asks for, from the command line. */
export interface CliOptions {
  /** Verifik's API; undefined starts the built-in mock server (an optional peer dependency). */
  api?: string;
  /** `email` when `--email` is given (with or without an address), else `phone`. */
  method: 'phone' | 'email';
  /** `--country-code`, e.g. `+57`; undefined: ask for it. Never set with `method: 'email'`. */
  countryCode?: string;
  /** `--phone`, as typed: the login machine checks it. Undefined: ask for it. */
  phone?: string;
  /** `--gateway`; undefined leaves the channel to Verifik. */
  gateway?: 'whatsapp' | 'sms';
  /** Undefined with `method: 'email'`: ask for it. */
  email?: string;
  /** `--otp-from-stdin`: no questions, for scripts; the identifier is then always given. */
  otpFromStdin: boolean;
  /** `--out`: the file the result goes to instead of stdout, written as a private file. */
  out?: string;
  /** `--json`: print {@link SessionJson} rather than the bare token, for scripts that need the expiry. */
  json: boolean;
  /** `--lang`: the language of the messages, and asked of Verifik for its own. */
  lang: Locale;
  /** `--revoke-others`: after the login, end every other token of the account and output the new one. */
  revokeOthers?: boolean;
  /** Built-in mock only. */
  otpTtlMs?: number;
  /** Built-in mock only. */
  fixedOtp?: string;
}

/** What the command line asks for: show the help, show the version, or log in with these options. */
export type CliCommand = { kind: 'help' } | { kind: 'version' } | { kind: 'login'; options: CliOptions };

const optionSpec = {
  api: { type: 'string' },
  'country-code': { type: 'string' },
  phone: { type: 'string' },
  gateway: { type: 'string' },
  email: { type: 'string' },
  'otp-from-stdin': { type: 'boolean' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  lang: { type: 'string' },
  'revoke-others': { type: 'boolean' },
  'otp-ttl': { type: 'string' },
  'fixed-otp': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/**
 * `parseArgs` has no options with an optional value, so a bare `--email` (last, or followed by
 * another option) becomes `--email=`, which means "email login, ask for the address".
 */
function withBareEmail(argv: readonly string[]): string[] {
  return argv.map((arg, index) => {
    const next = argv[index + 1];
    return arg === '--email' && (next === undefined || next.startsWith('-')) ? '--email=' : arg;
  });
}

function oneOf<const T extends string>(value: string | undefined, allowed: readonly T[], flag: string) {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} expects ${allowed.join(' or ')}, got "${value}"`);
}

/**
 * Reads `verifik-login`'s arguments (without node and the script); throws a {@link UsageError} on a
 * bad one.
 * @example
 * parseCliArgs(['--country-code', '+1', '--phone', '1234566663', '--otp-from-stdin']);
 */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  let values: ReturnType<typeof parseArgs<{ options: typeof optionSpec }>>['values'];
  try {
    ({ values } = parseArgs({ args: withBareEmail(argv), options: optionSpec, strict: true }));
  } catch (error) {
    // parseArgs repeats a stray argument, which may be the code, or a token pasted in the wrong place.
    if ((error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      throw new UsageError(
        'verifik-login takes no arguments without an option (the one given is not repeated here, in ' +
          'case it is a code or a token). The code is asked for, or read from stdin with --otp-from-stdin.',
      );
    }
    throw new UsageError((error as Error).message, { cause: error });
  }
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const method = values.email !== undefined ? 'email' : 'phone';
  const options: CliOptions = {
    method,
    otpFromStdin: values['otp-from-stdin'] ?? false,
    json: values.json ?? false,
    lang: oneOf(values.lang, ['en', 'es'], '--lang') ?? 'en',
  };
  if (values.api !== undefined) options.api = values.api;
  if (values['revoke-others']) options.revokeOthers = true;
  if (values.out !== undefined) {
    if (values.out === '') throw new UsageError('--out expects a file name');
    options.out = values.out;
  }

  if (method === 'email') {
    const phoneFlag = (['country-code', 'phone', 'gateway'] as const).find(
      (flag) => values[flag] !== undefined,
    );
    if (phoneFlag) throw new UsageError(`--email and --${phoneFlag} do not go together`);
    if (values.email) options.email = values.email;
  } else {
    if (values['country-code'] !== undefined) options.countryCode = values['country-code'];
    if (values.phone !== undefined) options.phone = values.phone;
    const gateway = oneOf(values.gateway, ['whatsapp', 'sms'], '--gateway');
    if (gateway) options.gateway = gateway;
  }

  const ttl = values['otp-ttl'];
  const fixedOtp = values['fixed-otp'];
  if (options.api !== undefined && (ttl !== undefined || fixedOtp !== undefined)) {
    throw new UsageError(
      `--${ttl !== undefined ? 'otp-ttl' : 'fixed-otp'} is for the built-in mock, not --api`,
    );
  }
  if (ttl !== undefined) {
    const seconds = Number(ttl);
    // The client counts a code lifetime under a second as implausible (it falls back to 10 minutes).
    if (ttl.trim() === '' || !Number.isFinite(seconds) || seconds < 1) {
      throw new UsageError(`--otp-ttl expects a number of seconds >= 1, got "${ttl}"`);
    }
    options.otpTtlMs = Math.round(seconds * 1000);
  }
  if (fixedOtp !== undefined) {
    if (!/^\d{6}$/.test(fixedOtp)) throw new UsageError(`--fixed-otp expects 6 digits, got "${fixedOtp}"`);
    options.fixedOtp = fixedOtp;
  }

  if (options.otpFromStdin) {
    const complete =
      method === 'email'
        ? options.email !== undefined
        : options.countryCode !== undefined && options.phone !== undefined;
    if (!complete) {
      throw new UsageError('--otp-from-stdin needs --country-code and --phone, or --email <address>');
    }
  }
  return { kind: 'login', options };
}
