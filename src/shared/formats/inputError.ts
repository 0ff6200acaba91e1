/**
 * An error in something a user supplied (a file, a flag, a project), with a one-line message that
 * names the source and, where there is one, the row, and says how to fix it. The CLI prints the
 * message alone (no stack trace); the app shows it beside the offending input.
 */
export class InputError extends Error {
  readonly source: string
  readonly line: number | null

  constructor(source: string, line: number | null, message: string) {
    super(line === null ? `${source}: ${message}` : `${source}, row ${line}: ${message}`)
    this.name = 'InputError'
    this.source = source
    this.line = line
  }
}
