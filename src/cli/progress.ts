import type { Output } from './output'

/** A progress bar, redrawn in place on standard error. */
export interface Progress {
  /** `done` of the total are finished; `what` is shown after the count. */
  update(done: number, what: string): void
  /** Clears the bar, leaving the terminal as it was. */
  end(): void
}

const WIDTH = 24
const none: Progress = { update: () => undefined, end: () => undefined }

/** The bar on the terminal now, cleared before an error line (dispatch.ts) so it stays whole. */
let shown: Progress | null = null

/** Clears the bar on the terminal, if there is one. */
export function clearProgress(): void {
  shown?.end()
}

/**
 * A bar for `total` steps on standard error when it is a terminal and `quiet` is off; nothing
 * otherwise (a log file or a pipe gets no control characters).
 */
export function progressBar(output: Output, total: number, quiet = false): Progress {
  if (quiet || !output.stderrIsTTY || total <= 0) return none
  let drawn = false
  const bar: Progress = {
    update(done, what) {
      const filled = Math.round((WIDTH * Math.min(done, total)) / total)
      const cells = `${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}`
      const line = `${cells} ${done}/${total} ${what}`.slice(0, 100)
      output.stderr(`\r\x1b[2K${line}`)
      drawn = true
      shown = bar
    },
    end() {
      if (drawn) output.stderr('\r\x1b[2K')
      drawn = false
      if (shown === bar) shown = null
    },
  }
  return bar
}
