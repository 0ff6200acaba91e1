import { InputError } from './inputError'
import { cellNumber, columnIndex, csvCell, parseTable } from './table'

export interface IpdRecord {
  time: number
  event: 0 | 1
  arm: string | null
  study: string | null
  subgroup: string | null
}

/**
 * Reads an IPD file: header `time,event` (event 1 = event, 0 = censored; `status` is accepted for
 * `event`, as R's survival data sets name it), optional columns `arm`, `study`, `subgroup`.
 * Times must be finite and non-negative; each bad value names its row.
 */
export function readIpdFile(text: string, source: string): IpdRecord[] {
  const table = parseTable(text, source)
  if (!table.header) {
    throw new InputError(
      source,
      1,
      'the first row must be a header naming the columns time and event',
    )
  }
  const ti = columnIndex(table, ['time'], null)
  const ei = columnIndex(table, ['event', 'status'], null)
  if (ti < 0 || ei < 0) {
    throw new InputError(
      source,
      1,
      `the header needs columns "time" and "event" (it has ${table.header.join(', ')})`,
    )
  }
  if (table.rows.length === 0) throw new InputError(source, null, 'no data rows')
  const ai = columnIndex(table, ['arm', 'group'], null)
  const si = columnIndex(table, ['study'], null)
  const gi = columnIndex(table, ['subgroup'], null)
  const label = (r: number, c: number): string | null => (c < 0 ? null : table.rows[r][c])
  return table.rows.map((_, r) => {
    const line = table.lines[r]
    const time = cellNumber(table, r, ti, 'time')
    const event = cellNumber(table, r, ei, 'event')
    if (time < 0) throw new InputError(source, line, `time ${time} is negative`)
    if (event !== 0 && event !== 1) {
      throw new InputError(source, line, `event ${event} must be 1 (event) or 0 (censored)`)
    }
    return { time, event, arm: label(r, ai), study: label(r, si), subgroup: label(r, gi) }
  })
}

/**
 * Writes IPD as CSV with the header `time,event` and, where any record has them, the columns
 * `arm`, `study`, `subgroup` (DESIGN.md section 3). Times are written in full (shortest exact
 * decimal), so reading the file back gives the same numbers.
 */
export function formatIpdCsv(
  records: readonly Partial<IpdRecord>[] & { time: number; event: 0 | 1 }[],
): string {
  const extra = (['study', 'subgroup', 'arm'] as const).filter((k) =>
    records.some((r) => r[k] !== undefined && r[k] !== null),
  )
  const lines = [['time', 'event', ...extra].join(',')]
  for (const r of records) {
    lines.push(
      [String(r.time), String(r.event), ...extra.map((k) => csvCell(r[k] ?? ''))].join(','),
    )
  }
  return `${lines.join('\n')}\n`
}
