/** How `verifik-login` ends: documented in `--help`, relied on by scripts. */
export const exitCodes = {
  /** Logged in; the token was printed or written. */
  success: 0,
  /** The login failed: the service refused or could not be reached, the code expired, codes ran out. */
  failure: 1,
  /** The command line or the answers given could not be used (bad flag, invalid phone, no input). */
  usage: 2,
  /**
   * The account needs its authenticator app, and this run cannot ask for it: a first setup without a
   * terminal (the key is shown on one only), or a script's input ended where the app's code was needed.
   */
  authenticator: 3,
  /** Ctrl-C or SIGINT. */
  cancelled: 130,
} as const;

/** One of the {@link exitCodes}: what {@link main} resolves with and a {@link CliError} carries. */
export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

/** A failure whose message is meant for the user, with the exit code it ends the process with. */
export class CliError extends Error {
  /** Each subclass sets its own, which {@link isCliError} recognises across bundle copies. */
  override name: string = 'CliError';
  /** What the process should exit with, so a caller of {@link runLogin} can end the way the CLI does. */
  readonly exitCode: ExitCode;

  constructor(message: string, exitCode: ExitCode, options?: { cause?: unknown }) {
    super(message, options);
    this.exitCode = exitCode;
  }
}

/** A bad flag or an unusable answer: exit 2. */
export class UsageError extends CliError {
  /** Always `UsageError`. */
  override name = 'UsageError' as const;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, exitCodes.usage, options);
  }
}

/** The login did not succeed: exit 1. */
export class LoginFailedError extends CliError {
  /** Always `LoginFailedError`. */
  override name = 'LoginFailedError' as const;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, exitCodes.failure, options);
  }
}

/** The account needs its authenticator app, which this run cannot use: exit 3. */
export class AuthenticatorNeededError extends CliError {
  /** Always `AuthenticatorNeededError`. */
  override name = 'AuthenticatorNeededError' as const;

  constructor(message: string) {
    super(message, exitCodes.authenticator);
  }
}

/** The user cancelled: exit 130. */
export class CancelledError extends CliError {
  /** Always `CancelledError`. */
  override name = 'CancelledError' as const;

  constructor(message = 'Cancelled.') {
    super(message, exitCodes.cancelled);
  }
}

const cliErrorNames: ReadonlySet<string> = new Set([
  'CliError',
  'UsageError',
  'LoginFailedError',
  'AuthenticatorNeededError',
  'CancelledError',
]);

/** Works across bundle copies: checks `name` and `exitCode`, not only `instanceof`. */
export function isCliError(error: unknown): error is CliError {
  return (
    error instanceof CliError ||
    (typeof error === 'object' &&
      error !== null &&
      cliErrorNames.has(String((error as { name?: unknown }).name)) &&
      typeof (error as { exitCode?: unknown }).exitCode === 'number')
  );
}
