import type { CurvePoint } from '../reconstruct/types'
import { InputError } from './inputError'
import { cellNumber, columnIndex, parseTable } from './table'

export type SurvivalScale = 'proportion' | 'percent'

export interface PointsFile {
  points: CurvePoint[]
  /** The scale the file's survival column was read on; points are always returned as proportions. */
  scale: SurvivalScale
  /** True when the scale was detected from the values rather than given by the caller. */
  detected: boolean
  /** The 1-based file line of each point, for messages that name a row. */
  lines: number[]
}

/** Survival values above this are taken as percentages (DESIGN.md section 3). */
export const PERCENT_THRESHOLD = 1.5

/**
 * Reads a digitized curve: two numeric columns, time and survival, optional header (columns named
 * time/x and surv/survival/y are found by name, otherwise the first two are used). WebPlotDigitizer's
 * CSV export has this shape. Survival is detected as percent when any value exceeds 1.5, unless
 * `scale` is given; a percent curve declared as proportion is refused with the offending row.
 */
export function readPointsFile(text: string, source: string, scale?: SurvivalScale): PointsFile {
  const table = parseTable(text, source)
  if (table.rows.length === 0) throw new InputError(source, null, 'no data rows')
  const ti = columnIndex(table, ['time', 'x', 't'], 0)
  const si = columnIndex(table, ['surv', 'survival', 's', 'y'], 1)
  if (ti < 0 || si < 0 || ti === si) {
    throw new InputError(source, table.lines[0], 'expected two columns: time and survival')
  }
  const raw = table.rows.map((_, r) => ({
    time: cellNumber(table, r, ti, 'time'),
    surv: cellNumber(table, r, si, 'survival'),
  }))
  const maxAt = raw.reduce((best, p, i) => (p.surv > raw[best].surv ? i : best), 0)
  const looksPercent = raw[maxAt].surv > PERCENT_THRESHOLD
  if (scale === 'proportion' && looksPercent) {
    throw new InputError(
      source,
      table.lines[maxAt],
      `survival ${raw[maxAt].surv} is above 1 but the curve was declared a proportion; drop the flag or declare it as percent`,
    )
  }
  const used: SurvivalScale = scale ?? (looksPercent ? 'percent' : 'proportion')
  const factor = used === 'percent' ? 0.01 : 1
  return {
    points: raw.map((p) => ({ time: p.time, surv: p.surv * factor })),
    scale: used,
    detected: scale === undefined,
    lines: table.lines,
  }
}
