/**
 * `verifik-login`, the terminal login, as a library: `main` is the whole command, `runLogin` the dialogue
 * on any streams, and the errors and exit codes both use.
 * @module @verifik-auth/cli
 */
export { type CliCommand, type CliOptions, parseCliArgs, usage } from './args.js';
export { type CliStreams, main } from './cli.js';
export {
  AuthenticatorNeededError,
  CancelledError,
  CliError,
  type ExitCode,
  exitCodes,
  isCliError,
  LoginFailedError,
  UsageError,
} from './errors.js';
export { type RunLoginOptions, runLogin } from './login-flow.js';
export { formatSession, type SessionJson } from './output.js';
export { checkSecretFileTarget, writeSecretFile } from './secure-write.js';
