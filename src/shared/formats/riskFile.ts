import type { RiskRow } from '../reconstruct/types'
import { InputError } from './inputError'
import { cellNumber, columnIndex, parseTable } from './table'

export interface RiskFile {
  rows: RiskRow[]
  /** The 1-based file line of each row, for messages that name a row. */
  lines: number[]
}

/**
 * Reads a number-at-risk table: columns `time,n_risk` (header optional; `n`, `nrisk`, `n.risk`
 * and `at_risk` are accepted names). Numbers at risk must be whole and non-negative, times
 * non-negative and strictly increasing; each violation names its row.
 */
export function readRiskFile(text: string, source: string): RiskFile {
  const table = parseTable(text, source)
  if (table.rows.length === 0) throw new InputError(source, null, 'no data rows')
  const ti = columnIndex(table, ['time', 't'], 0)
  const ni = columnIndex(table, ['n_risk', 'nrisk', 'n.risk', 'n', 'at_risk', 'risk'], 1)
  if (ti < 0 || ni < 0 || ti === ni) {
    throw new InputError(source, table.lines[0], 'expected two columns: time and n_risk')
  }
  const rows = table.rows.map((_, r) => {
    const line = table.lines[r]
    const time = cellNumber(table, r, ti, 'time')
    const nRisk = cellNumber(table, r, ni, 'number at risk')
    if (time < 0) throw new InputError(source, line, `time ${time} is negative`)
    if (nRisk < 0 || !Number.isInteger(nRisk)) {
      throw new InputError(source, line, `number at risk ${nRisk} is not a whole number ≥ 0`)
    }
    return { time, nRisk }
  })
  for (let r = 1; r < rows.length; r++) {
    if (rows[r].time <= rows[r - 1].time) {
      throw new InputError(
        source,
        table.lines[r],
        `time ${rows[r].time} does not come after ${rows[r - 1].time}; list times in increasing order`,
      )
    }
  }
  return { rows, lines: table.lines }
}
