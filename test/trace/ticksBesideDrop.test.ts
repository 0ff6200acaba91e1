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
})
