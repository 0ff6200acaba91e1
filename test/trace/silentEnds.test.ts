import { describe, expect, it } from 'vitest'
import { tracedStyled } from './helpers'

/**
 * Development arms whose trace was wrong at its end with no warning and status whole: each is now
 * traced to its end, or warned of.
 */
describe('silent wrong ends of traces', () => {
  it('goes down a dashed last drop read as separate dashes (7067 B, JAMA)', () => {
    // The grey dashed line's last drop, 36 px, read as four dashes 2.7 px tall and 5.3 px apart:
    // the trace ended at its top, 1.4 months early, said whole.
    expect(tracedStyled(7067)[1].whole).toMatchObject({ whole: true })
  })

  it('warns of a drop across the background onto another line (6287 B, JAMA)', () => {
    // The grey line ends at month 20.9; its trace slanted 112 px down across blank paper onto the
    // slate line and rode it 1.3 months on.
    const arms = tracedStyled(6287)
    expect(arms[1].curve.warnings.map((w) => w.code)).toContain('follows-other')
    // The orange tail, hidden under the slate line to its end, is not traced again off the grey
    // trace's ride along that line (it ended 1 month early so, flagged only as mostly bridged).
    expect(arms[2].whole).toMatchObject({ whole: true })
  })

  it('warns of a trace that runs past the end of a stopped trace it ran along (7150 C, Lancet)', () => {
    // The thin grey arm's ink ends at month 53 under the crimson dashed line, whose trace stopped
    // at month 54; the grey trace rode the crimson dashes on to month 56.
    const { curve } = tracedStyled(7150)[2]
    expect(curve.warnings.map((w) => w.code)).toContain('follows-other')
  })

  it('warns of own ink beyond an end that slid off its line (7303 B, survminer)', () => {
    // The green tail runs on under the blue line's marks; the trace slid 3.4 px down the marks
    // and ended 2.3 months early, and the green ink and tick beyond it lie at the line's level.
    const { curve } = tracedStyled(7303)[1]
    expect(curve.warnings.map((w) => w.code)).toContain('ink-beyond-end')
  })
})
