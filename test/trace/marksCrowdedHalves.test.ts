import { describe, expect, it } from 'vitest'
import { renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'
import { markScores } from './helpers'

/**
 * Issue 10, random style's crowded circles and crosses. The halves of a curve's crosses or circles
 * were joined only where the pairs a set distance apart made at least 5% of all its groups; where
 * small marks crowd, most groups are runs of merged marks or a drop's corner, the clean pairs fall
 * short of that, and each mark was read twice, at its halves, each 2–3 px off. A crowded curve's
 * pairs are now weighed against its groups that slope like a half (censorMarks.ts, pairHalves:
 * CROWD_PAIRS, SLOPED_SHARE). Development seed, forced random style; a traced mark matches a
 * drawn one within 2 px in time, as in test/bench/tracing.ts.
 */
describe('the halves of crowded circles are one mark each', () => {
  // regression lock: produced by kmpool's tracer, not an external reference. Before the change:
  // recall 0.746, precision 0.462; after: 0.788 and 0.685.
  it('random style, seed 3011', () => {
    const s = markScores([renderKmFigure(styledFigureSpec(3011, 'random'))])
    expect(s.drawn).toBeGreaterThan(150)
    expect(s.recall).toBeGreaterThanOrEqual(0.78)
    expect(s.precision).toBeGreaterThanOrEqual(0.65)
  })
})
