import { describe, expect, it } from 'vitest'
import { tracedStyled } from './helpers'

/**
 * Issue 10. A survminer line drawn over its own band touches the band's tint, so that the line and
 * the band below it read as one run of the curve's colour, taller than the line: its centre, or a
 * "+" bar's, lies in the band (stepCorners.ts: SOLID_LINE).
 */
describe('a line drawn over its own band', () => {
  it('is read at the solid line, not the centre of line and band (development seed 3024, survminer, Strata 2)', () => {
    // Regression lock: produced by kmpool's tracer on the generated figure, not an external
    // reference. Before: plateaus 8–19 px under the line at x 877–894, 909–933 and 1191–1207,
    // 0.935 of its columns within 2 px, not whole.
    const w = tracedStyled(3024, 'survminer')[1].whole
    expect(w.within).toBeGreaterThanOrEqual(0.95)
    expect(w.whole).toBe(true)
  })
})

/**
 * A dashed line going on past the end of its trace: its gaps count with its dashes as ink beyond
 * the end (pathEnd.ts: inkBeyondEnd), whose warning's threshold is a share of the plot's width,
 * the stretch the line goes on for; its last drop, read as dashes stacked in one column, is one
 * drop (pathEnd.ts: longDrop), so the trace now reaches the end.
 */
describe('a dashed line going on past where its trace once ended', () => {
  it('is traced to its end (development seed 3010, Lancet, Arm B)', () => {
    // Regression lock, as above. Before inkBeyondEnd counted the gaps: the trace ended 3.8% of
    // the time span early with 21 inked columns beyond it (22 warn), and no warning; before
    // longDrop, it ended there with the warning `ink-beyond-end`.
    expect(tracedStyled(3010)[1].whole.whole).toBe(true)
  })
})
