import { InputError } from './inputError'
import { cellNumber, columnIndex, parseTable } from './table'

export interface CensorFile {
  /** Censoring times, sorted ascending (repeats kept: two marks at one time are two patients). */
  times: number[]
  /** The 1-based file line of each time as given, for messages. */
  lines: number[]
}

/**
 * Reads censor-mark times: one column `time` (header optional; `t` and `censor` are accepted
 * names), as `kmpool trace --censor-out` writes them. Times must be finite and non-negative; each
 * violation names its row. An empty table (a header alone) is no marks.
 */
export function readCensorFile(text: string, source: string): CensorFile {
  const table = parseTable(text, source)
  const ti = columnIndex(table, ['time', 't', 'censor', 'censor_time'], 0)
  if (table.rows.length > 0 && ti < 0) {
    throw new InputError(source, table.lines[0], 'expected a column of censoring times')
  }
  const entries = table.rows.map((_, r) => {
    const time = cellNumber(table, r, ti, 'censoring time')
    if (time < 0) throw new InputError(source, table.lines[r], `time ${time} is negative`)
    return { time, line: table.lines[r] }
  })
  entries.sort((a, b) => a.time - b.time)
  return { times: entries.map((e) => e.time), lines: entries.map((e) => e.line) }
}

/** Censor-mark times as a CSV with a `time` header. */
export function formatCensorCsv(times: readonly number[]): string {
  return `time\n${times.map((t) => `${Number(t.toPrecision(7))}\n`).join('')}`
}
