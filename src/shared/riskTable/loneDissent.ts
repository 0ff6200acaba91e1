/**
 * A cell whose readings disagree only by one unsure reading: settled on the number all the others
 * read, when they are at least three, one of them sure (SURE, 90) and one of them a
 * black-and-white reading. The grey readings of a small digit share their mistakes (a "99" read
 * "29" by five grey readings, "99" by the two black-and-white ones), so a number read only in
 * grey is never taken this way, and two readings of another number keep the cell unsettled:
 * only a lone reading, unsure, is outvoted (a "76" read "70" once at 78 and "76" six times).
 */

/** One reading of a cell that read a number. */
export interface CellReading {
  nRisk: number
  inParentheses?: number
  /** The reading's confidence, its least sure word's (0–100). */
  confidence: number
  /** Read in black and white (binarized) rather than grey. */
  binary: boolean
}

const SURE = 90

/** The number the readings other than one unsure one agree on, or null. */
export function outvoteLone(readings: readonly CellReading[]): CellReading | null {
  const key = (r: CellReading) => `${r.nRisk}|${r.inParentheses ?? ''}`
  const groups = new Map<string, CellReading[]>()
  for (const r of readings) groups.set(key(r), [...(groups.get(key(r)) ?? []), r])
  if (groups.size !== 2) return null
  const [a, b] = [...groups.values()].sort((x, y) => y.length - x.length)
  const sure = (rs: readonly CellReading[]) => Math.max(...rs.map((r) => r.confidence)) >= SURE
  return b.length === 1 && !sure(b) && a.length >= 3 && sure(a) && a.some((r) => r.binary)
    ? a.reduce((x, y) => (y.confidence > x.confidence ? y : x))
    : null
}
