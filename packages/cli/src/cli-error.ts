import { EXIT_CODES, type ExitCode } from './exit-codes.ts';

/**
 * A failure the CLI reports itself (bad arguments, unreadable files): the message says what
 * was wrong and what to do; `exitCode` is curl's number for it.
 */
export class CliError extends Error {
  /** The process exit code. */
  readonly exitCode: ExitCode;

  constructor(message: string, exitCode: ExitCode = EXIT_CODES.usage, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** A usage error: exit code 2, with a pointer to `--help`. */
export function usageError(message: string): CliError {
  return new CliError(`${message}\nTry 'urlpool --help' for the options.`, EXIT_CODES.usage);
}
