import { describe, expect, it } from 'vitest'
import { tracedStyled } from './helpers'

/**
 * Issue 10, survminer arms drawn one over the other with translucent bands: where another arm's
 * line hides this one, the only ink of this colour left near it may be faint runs, the anti-aliased
 * fringe of its band (no pixel more than 0.6 covered). A line 2 px wide or more covers some row of
 * every column it crosses by more than that, so such runs are no line: counted as seen, they kept
 * the path at its old level above a hidden drop (monotonePath.ts: FAINT_PEAK).
 */
describe('the faint fringe of a band near a hidden line', () => {
  it('does not hold the trace above the drop (development seed 3079, survminer, Strata 1)', () => {
    // Regression lock: produced by kmpool's tracer on the generated figure, not an external
    // reference. Before: 0.946 of its columns within 2 px of the line (3.3–3.7 px above it at
    // columns 131–134), not whole.
    const w = tracedStyled(3079)[0].whole
    expect(w.within).toBeGreaterThanOrEqual(0.95)
    expect(w.whole).toBe(true)
  })
})
