import { describe, expect, it } from 'vitest'
import { isFlagged } from './wholeness'
import { tracedStyled, armOf } from './helpers'

/**
 * A survminer arm hidden under an arm drawn later: what shows of its colour there is the tips of
 * its "+" bars, its line's uncovered edge or anti-aliased fringes, and the path, riding them 3–15
 * px off the line, was `whole` by its status. Such a stretch is `inferred` (traceStatus:
 * underSlivers).
 */
describe('arms riding slivers of their own ink under another arm are not reported whole', () => {
  it('the arm on faint fringes at the start (seed 4018)', () => {
    // Columns 135–172: fringes of peak 0.3–0.7 beside the covering arm, the trace up to 11 px off.
    const { curve, whole: w } = armOf(tracedStyled(4018, 'survminer'), { name: 'Strata 2' })
    expect(w.whole).toBe(false)
    expect(curve.status.status).toBe('inferred')
    expect(curve.status.stretches[0]).toMatchObject({ kind: 'under' })
    expect(curve.status.stretches[0].x0).toBeLessThanOrEqual(140)
    expect(curve.status.stretches[0].x1).toBeGreaterThanOrEqual(165)
  })

  it('the arm on 1–2.5 px slivers of its 5 px line (seed 4082)', () => {
    const { curve, whole: w } = armOf(tracedStyled(4082, 'survminer'), { name: 'Strata 1' })
    expect(w.whole).toBe(false)
    expect(isFlagged(curve)).toBe(true)
    expect(curve.status.stretches.some((s) => s.x0 <= 600 && s.x1 >= 610)).toBe(true)
  })
})
