import { describe, expect, it } from 'vitest'
import { extendPathEnd } from '../../src/shared/trace/pathEnd'
import { type HandRun, handRuns, handStep, tracedStyled } from './helpers'

/**
 * A thin line's tail hidden to its end under NEJM's black "+" marks, which hide its drops too:
 * the path, at the end of its own ink, must be carried along the row of bars, down the stroke of
 * the mark that hides the drop, and on along the next row (forced-NEJM development seeds 6094 A
 * and 7312 A lost 13% and 22% of the time span so).
 */
describe('a tail under black marks that drops under a mark', () => {
  // A 2 px line at row 50: its own ink in columns 0–9; then a row of marks on it (bars at rows
  // 49–51, a stroke at rows 46–54 every 5 columns) in columns 10–29; in column 30 the stroke of a
  // mark at row 56 (rows 47–65) over the drop; then a row of marks at row 56 (bars 55–57, strokes
  // 51–61 every 5 columns) in columns 31–59. No ink of the line's colour shows after column 9.
  const cols: HandRun[][] = Array.from({ length: 60 }, (_, x): HandRun[] => {
    if (x < 10) return [[49, 51]]
    if (x < 30) return [x % 5 === 0 ? [46, 54, 'mark'] : [49, 51, 'mark']]
    if (x === 30) return [[47, 65, 'mark']]
    return [x % 5 === 0 ? [51, 61, 'mark'] : [55, 57, 'mark']]
  })
  const runs = handRuns(cols)
  const path = Array.from({ length: 10 }, (_, x) => handStep(runs, x, 0))

  it('is carried down the hidden drop to the end of the lower row', () => {
    const out = extendPathEnd(path, runs, 2, 1.75, 190)
    const end = out[out.length - 1]
    // Before, the extension stopped at the end of the upper row (column 29): 30 columns lost.
    expect(end.x).toBe(59)
    expect(end.exit).toBe(56)
    // The drop is taken at the stroke that hides it, not before, and to the lower row's level.
    const drop = out.find((s) => s.exit > 51)!
    expect(drop.x).toBe(30)
    expect(drop.exit).toBe(56)
    for (const s of out) expect(s.exit === 50 || s.exit === 56).toBe(true)
  })

  it('is not carried onto a lower row that runs beside the line before the stroke', () => {
    // The same, with the lower row's bars also in columns 10–19 beside the upper row: another
    // arm's row of marks, which the stroke only touches; the line ends with its own row.
    const beside = cols.map((c, x) =>
      x >= 10 && x < 20 && x % 5 !== 0 ? [...c, [55, 57, 'mark'] as HandRun] : c,
    )
    const r = handRuns(beside)
    const p = Array.from({ length: 10 }, (_, x) => handStep(r, x, 0))
    const out = extendPathEnd(p, r, 2, 1.75, 190)
    expect(out[out.length - 1].x).toBe(29)
    for (const s of out) expect(s.exit).toBe(50)
  })

  it('carries a forced-NEJM arm to the end of its hidden tail (seed 3002, arm C)', () => {
    // Its last months lie under rows of black "+" that step down with the line: the trace ended
    // at month 18 of 21.6 (traceAudit.test.ts); now at 20.9, down the drops the marks hide.
    const { whole } = tracedStyled(3002, 'nejm')[2]
    expect(whole.endGap).toBeGreaterThan(-1)
  })
})
