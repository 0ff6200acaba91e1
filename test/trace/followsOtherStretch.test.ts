import { describe, expect, it } from 'vitest'
import { axisMap, parseColor, traceCurves } from '../../src/shared/trace'
import { renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'
import { isFlagged, wholeness } from './wholeness'

/**
 * A grey dashed arm under a solid slate one (JAMA style, development seed 6233, true colours):
 * over months 0.6–5 the grey's trace rode the slate line, whose anti-aliased edge reads as grey,
 * while its own dashes lay 10–25 px below. That was 17% of its columns, in one unbroken stretch:
 * too little for the share-of-length rule (30%), and its dashes are too short for
 * `off-plain-line`, so the trace, not whole, passed in silence.
 */
describe('a lighter trace that runs with a darker one over one long stretch', () => {
  it('is warned of (follows-other), not passed as whole (seed 6233)', () => {
    const fig = renderKmFigure(styledFigureSpec(6233, 'jama'))
    const colors = fig.arms.map((a) => parseColor(a.color))
    const curves = traceCurves(fig.image, fig.calibration, colors)
    const i = fig.arms.findIndex((a) => a.color === '#808080')
    const span = Math.abs(fig.calibration.x2.value - fig.calibration.x1.value)
    const w = wholeness(curves[i], fig.arms[i].ipd, axisMap(fig.calibration), span)
    // Not whole: only 85% of its columns lie within 2 px of the grey's line.
    expect(w.whole).toBe(false)
    expect(curves[i].warnings.map((x) => x.code)).toContain('follows-other')
    expect(isFlagged(curves[i])).toBe(true)
  })
})
