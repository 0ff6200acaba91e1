/** Where a command writes; the tests capture it instead of the process's streams. */
export interface Output {
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** Standard error is a terminal: a progress bar may be drawn there (see progress.ts). */
  stderrIsTTY?: boolean
}
