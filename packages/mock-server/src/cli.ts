import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { MockClients } from './clients.js';
import type { MockServerOptions } from './options.js';
import { parseAllowedHosts, parseAllowedOrigins } from './origin-guard.js';
import { type MockServer, startMockServer } from './server.js';
import type { InboxMessage } from './store.js';
import { logError, stripControlCharacters } from './terminal-text.js';

/** The `--help` text of `verifik-mock`. */
export const usage = `Usage: verifik-mock [options]

A local imitation of Verifik's login API, with a dev inbox at /__dev/.

Options:
  -p, --port <n>               port to listen on, 0 for any free one (default 4010)
      --host <address>         interface to bind (default 127.0.0.1)
      --otp-ttl <seconds>      how long a code stays valid (default 600)
      --resend-cooldown <s>    wait before the same phone+gateway or email gets a new code (default 120)
      --fixed-otp <code>       send this 6-digit code every time instead of a random one
      --authenticator-otp <c>  the authenticator code accepted from clients with an authenticator
                               and no authenticatorSecret (default 000000)
      --clients <file>         JSON {"phones": ["+1 1234566663", ...], "emails": [...]}: only these are
                               registered (default: every well-formed phone and email is); an entry
                               {..., "authenticator": "needs-setup"} also needs an authenticator code
      --allow-origin <origin>  let pages of this origin (e.g. https://app.example) call the Verifik
                               routes; repeatable. Pages on localhost, 127.0.0.1 and [::1] always may
      --allow-host <name>      answer the Verifik routes under this Host name too (e.g. mock.internal);
                               repeatable. /__dev/ answers localhost, 127.0.0.1 and [::1] only
  -h, --help                   show this help
`;

/** A command line the CLI could not use; its message is meant for the user. */
export class UsageError extends Error {
  override name = 'UsageError' as const;
}

/** What a command line asks for. */
export interface CliCommand {
  help: boolean;
  options: MockServerOptions;
  /** The `--clients` file, read by {@link loadClientsFile}. */
  clientsFile?: string;
}

function seconds(value: string | undefined, flag: string, minimum: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < minimum) {
    throw new UsageError(`${flag} expects a number of seconds >= ${minimum}, got "${value}"`);
  }
  return number * 1000;
}

/** Parses `verifik-mock` arguments; throws a {@link UsageError} on a bad one. */
export function parseCli(argv: readonly string[]): CliCommand {
  let values: ReturnType<typeof parse>['values'];
  try {
    ({ values } = parse(argv));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const options: MockServerOptions = {};
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65_535)
      throw new UsageError(`--port expects 0-65535, got "${values.port}"`);
    options.port = port;
  }
  if (values.host !== undefined) options.host = values.host;
  const otpTtlMs = seconds(values['otp-ttl'], '--otp-ttl', 1);
  if (otpTtlMs !== undefined) options.otpTtlMs = otpTtlMs;
  const resendCooldownMs = seconds(values['resend-cooldown'], '--resend-cooldown', 0);
  if (resendCooldownMs !== undefined) options.resendCooldownMs = resendCooldownMs;
  for (const [flag, key] of [
    ['fixed-otp', 'fixedOtp'],
    ['authenticator-otp', 'authenticatorOtp'],
  ] as const) {
    const value = values[flag];
    if (value === undefined) continue;
    if (!/^\d{6}$/.test(value)) throw new UsageError(`--${flag} expects 6 digits, got "${value}"`);
    options[key] = value;
  }
  for (const [flag, key, check] of [
    ['allow-origin', 'allowedOrigins', parseAllowedOrigins],
    ['allow-host', 'allowedHosts', parseAllowedHosts],
  ] as const) {
    const list = values[flag];
    if (list === undefined) continue;
    try {
      options[key] = check(list);
    } catch (error) {
      throw new UsageError(`--${flag}: ${(error as Error).message.replace(/^\w+\[\d+\]: /, '')}`);
    }
  }
  const command: CliCommand = { help: values.help ?? false, options };
  if (values.clients !== undefined) command.clientsFile = values.clients;
  return command;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      'otp-ttl': { type: 'string' },
      'resend-cooldown': { type: 'string' },
      'fixed-otp': { type: 'string' },
      'authenticator-otp': { type: 'string' },
      clients: { type: 'string' },
      'allow-origin': { type: 'string', multiple: true },
      'allow-host': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/** Reads a `--clients` file (see `MockClients` for the format); the mock checks its entries. */
export async function loadClientsFile(path: string): Promise<MockClients> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the clients file ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as MockClients;
  } catch {
    throw new UsageError(`the clients file ${path} is not valid JSON`);
  }
}

function duration(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 1000)} s`;
}

/** One sent code as a console line, e.g. `[inbox] +1 1234566663 via whatsapp: 123456 (valid 10 min)`. */
export function formatInboxLine(message: InboxMessage): string {
  const to = message.method === 'phone' ? `${message.countryCode} ${message.phone}` : message.email;
  const via = message.gateway ?? 'email';
  const valid = duration(Date.parse(message.expiresAt) - Date.parse(message.sentAt));
  // The address comes from whoever called the mock: never let it drive the terminal.
  return stripControlCharacters(`[inbox] ${to} via ${via}: ${message.otp} (valid ${valid})`);
}

/** Where the CLI writes. */
export interface CliOutput {
  log(line: string): void;
  error(line: string): void;
}

/**
 * Runs `verifik-mock` with `argv` (without node and script): starts the server and prints its URL and
 * every code it sends. Resolves to the running server, or undefined after `--help`. Throws a
 * {@link UsageError} for a bad command line.
 */
export async function runCli(
  argv: readonly string[],
  output: CliOutput = console,
): Promise<MockServer | undefined> {
  const command = parseCli(argv);
  if (command.help) {
    output.log(usage);
    return undefined;
  }
  const options: MockServerOptions = { ...command.options, onMessage: (m) => output.log(formatInboxLine(m)) };
  if (command.clientsFile !== undefined) options.clients = await loadClientsFile(command.clientsFile);
  let mock: MockServer;
  try {
    mock = await startMockServer(options);
  } catch (error) {
    // Bad clients entries and a taken port are the user's to fix, not crashes.
    throw new UsageError((error as Error).message);
  }
  output.log(`Verifik mock server listening on ${mock.url}`);
  output.log(`Inbox: ${mock.url}/__dev/`);
  return mock;
}

/** The `verifik-mock` process: runs the CLI, stops cleanly on SIGINT/SIGTERM, sets the exit code. */
export async function main(argv: readonly string[]): Promise<void> {
  let mock: MockServer | undefined;
  try {
    mock = await runCli(argv);
  } catch (error) {
    // A usage error quotes the command line, which may hold anything.
    console.error(`verifik-mock: ${stripControlCharacters((error as Error).message)}`);
    if (error instanceof UsageError) console.error('Run verifik-mock --help for the options.');
    process.exitCode = error instanceof UsageError ? 2 : 1;
    return;
  }
  if (!mock) return;
  const running = mock;
  const stop = (signal: NodeJS.Signals) => {
    console.log(`Received ${signal}, stopping.`);
    running.close().then(
      () => {
        process.exitCode = 0;
      },
      (error: unknown) => {
        logError('failed to stop cleanly', error);
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
