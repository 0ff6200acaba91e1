import { describe, expect, it } from 'vitest'
import { renderKmFigure } from '../generator/kmFigure'
import { styleOfSeed, styledFigureSpec } from '../generator/styledFigure'
import { markScores } from './helpers'

/**
 * Issue 10, censor marks: two or three marks a few pixels apart merge into one run of columns
 * no wider than a lone mark's group allows, yet their strokes stand as separate peaks of ink;
 * each peak parted from the next by a dip below half the lower one is a mark (censorMarks.ts,
 * peakCount). Development seeds 3027, 3099 (JCO) and 3110 (NEJM), a traced mark matching a drawn
 * one within 2 px in time, as in test/bench/tracing.ts.
 */
describe('marks whose strokes merge into one run (development seeds 3027, 3099, 3110)', () => {
  // regression lock: produced by kmpool's tracer (recall 0.659, precision 0.913), not an external
  // reference; with a run's marks counted by its width alone: recall 0.643, precision 0.910.
  it('are read one per stroke', () => {
    const s = markScores(
      [3027, 3099, 3110].map((seed) => renderKmFigure(styledFigureSpec(seed, styleOfSeed(seed)))),
    )
    expect(s.drawn).toBeGreaterThan(1000)
    expect(s.recall).toBeGreaterThanOrEqual(0.655)
    expect(s.precision).toBeGreaterThanOrEqual(0.91)
  })
})
