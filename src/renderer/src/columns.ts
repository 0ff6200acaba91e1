import type { CurvePoint, RiskRow } from '../../shared/reconstruct/types'

/**
 * Rows of two numeric columns, comma, semicolon or tab separated. Only the first row may be a
 * header; a non-numeric row anywhere else is an error, since dropping data would skew the result.
 */
export function parseTwoColumns(text: string): [number, number][] {
  const rows: [number, number][] = []
  let first = true
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    if (line.trim() === '') continue
    const row = numericRow(line)
    if (row) rows.push(row)
    else if (!first) throw new Error(`Line ${index + 1} is not two numbers: "${line}"`)
    first = false
  }
  return rows
}

function numericRow(line: string): [number, number] | null {
  const cells = line.split(/[,;\t]/).map((cell) => cell.trim())
  if (cells.length < 2 || cells[0] === '' || cells[1] === '') return null
  const a = Number(cells[0])
  const b = Number(cells[1])
  return Number.isFinite(a) && Number.isFinite(b) ? [a, b] : null
}

/** Survival stays as written, proportion or percent: reconstruct() detects which. */
export function parsePoints(text: string): CurvePoint[] {
  return parseTwoColumns(text).map(([time, surv]) => ({ time, surv }))
}

export function parseRisk(text: string): RiskRow[] {
  return parseTwoColumns(text).map(([time, nRisk]) => ({ time, nRisk }))
}
