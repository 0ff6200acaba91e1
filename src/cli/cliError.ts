/** A failure the CLI reports as one line and an exit code, never a stack trace. */
export class CliError extends Error {
  readonly exitCode: number

  constructor(message: string, exitCode = 1) {
    super(message)
    this.name = 'CliError'
    this.exitCode = exitCode
  }
}

/** A mistake in the command's own words (flags, values): exit code 2, as most Unix tools. */
export function usageError(message: string): CliError {
  return new CliError(`${message} (see --help)`, 2)
}
