import { readFileSync } from 'node:fs';
import { formatLabel } from '@verifik-auth/core';
import { type CliOptions, parseCliArgs, usage } from './args.js';
import { CancelledError, CliError, type ExitCode, exitCodes, isCliError } from './errors.js';
import { runLogin } from './login-flow.js';
import { cliMessages } from './messages.js';
import { formatDate, formatSession } from './output.js';
import { Reporter } from './reporter.js';
import { checkSecretFileTarget, writeSecretFile } from './secure-write.js';

/** The streams of a `verifik-login` process. */
export interface CliStreams {
  /** Answers, or the codes with `--otp-from-stdin`; on a terminal the codes are read without echo. */
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  /** The result only: the token or its JSON. */
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  /** Everything for the person. */
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

const defaultStreams: CliStreams = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };

function version(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

async function login(options: CliOptions, streams: CliStreams, signal: AbortSignal): Promise<void> {
  // Before the login, so a code is not spent on a token that would then be lost.
  if (options.out !== undefined) await checkSecretFileTarget(options.out);
  const { out, json, lang, ...identity } = options;
  const session = await runLogin({ ...identity, lang, input: streams.stdin, output: streams.stderr, signal });
  const text = cliMessages[lang];
  const date = formatDate(session.expiresAt, lang);
  const result = formatSession(session, { json });
  const report = new Reporter(streams.stderr);
  const say = (line: string) => report.say(line, 'success');
  if (out !== undefined) {
    try {
      await writeSecretFile(out, result);
    } catch (error) {
      // The code is spent and the login cannot be redone for free: the token goes to stdout, the one
      // other place it may go, rather than being lost. stderr says why, and holds no part of it.
      streams.stdout.write(result);
      const reason = isCliError(error) ? error.message : 'the file could not be written.';
      throw new CliError(
        `Signed in, but the token was not written: ${reason}\nThe token was printed on stdout instead.`,
        exitCodes.failure,
      );
    }
    say(formatLabel(text.tokenWritten, { file: out, date }));
    return;
  }
  say(formatLabel(text.signedIn, { date }));
  streams.stdout.write(result);
}

/**
 * Runs `verifik-login` with `argv` (without node and the script) and resolves with the exit code.
 * SIGINT (and Ctrl-C in a terminal) cancels the login; a second one ends the process at once.
 */
export async function main(argv: readonly string[], streams: CliStreams = defaultStreams): Promise<ExitCode> {
  const report = new Reporter(streams.stderr);
  const fail = (message: string) => report.say(message, 'error');
  let command: ReturnType<typeof parseCliArgs>;
  try {
    command = parseCliArgs(argv);
  } catch (error) {
    fail(`verifik-login: ${(error as Error).message}`);
    streams.stderr.write('Run verifik-login --help for the options.\n');
    return exitCodes.usage;
  }
  if (command.kind === 'help') {
    streams.stdout.write(usage);
    return exitCodes.success;
  }
  if (command.kind === 'version') {
    streams.stdout.write(`${version()}\n`);
    return exitCodes.success;
  }

  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(exitCodes.cancelled);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    await login(command.options, streams, controller.signal);
    return exitCodes.success;
  } catch (error) {
    if (error instanceof CancelledError) {
      report.say(error.message);
      return error.exitCode;
    }
    if (isCliError(error)) {
      fail(error.message);
      return error.exitCode;
    }
    fail(
      `verifik-login: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return exitCodes.failure;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
