import { describe, expect, it } from 'vitest'
import { renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'
import { markScores } from './helpers'

/**
 * Issue 10, censor marks: JCO's short upward ticks 1–3 px after a death rise from the lower level
 * beside the drop's stroke, inside the band the line's width spreads across the drop's full
 * height, so no ink of theirs lies beyond the line; in the rows just above the lower level they
 * double the stroke's ink, right of it (censorMarks.ts, besideDrops). Development seed 3000 in
 * JCO's style, a traced mark matching a drawn one within 2 px in time, as in test/bench/tracing.ts.
 */
describe('upward ticks just after a drop (development seed 3000, JCO)', () => {
  // regression lock: produced by kmpool's tracer (recall 0.737, precision 1.000), not an external
  // reference; before besideDrops: recall 0.702 (243 of 346), precision 1.000.
  it('are read beside the drop stroke', () => {
    const s = markScores([renderKmFigure(styledFigureSpec(3000, 'jco'))])
    expect(s.drawn).toBe(346)
    expect(s.recall).toBeGreaterThanOrEqual(0.73)
    expect(s.precision).toBeGreaterThanOrEqual(0.99)
  })
  // regression lock (recall 0.838, precision 0.974): a tick at the band's right edge leaves part
  // of its ink in the column beyond, so the rows beside the drop hold less than twice the
  // stroke's ink; with BESIDE_SHARE at 1 (such rows left out), recall 0.819 (217 of 265).
  it('are read where they add less than a whole stroke to the row (seed 3005, JCO)', () => {
    const s = markScores([renderKmFigure(styledFigureSpec(3005, 'jco'))])
    expect(s.drawn).toBe(265)
    expect(s.recall).toBeGreaterThanOrEqual(0.83)
    expect(s.precision).toBeGreaterThanOrEqual(0.97)
  })
})
