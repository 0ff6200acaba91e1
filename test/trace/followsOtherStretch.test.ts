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
 * `off-plain-line`, so the trace, not whole, passed in silence. The long-stretch rule then warned
 * of it; now the warning's stretch is also traced again with the slate line masked, and the
 * re-trace, on a line lighter than the slate one, is kept (retraceAlongOthers.ts).
 */
describe('a lighter trace that runs with a darker one over one long stretch', () => {
  it('is traced again onto its own dashes (seed 6233)', () => {
    const fig = renderKmFigure(styledFigureSpec(6233, 'jama'))
    const colors = fig.arms.map((a) => parseColor(a.color))
    const curves = traceCurves(fig.image, fig.calibration, colors)
    const i = fig.arms.findIndex((a) => a.color === '#808080')
    const span = Math.abs(fig.calibration.x2.value - fig.calibration.x1.value)
    const w = wholeness(curves[i], fig.arms[i].ipd, axisMap(fig.calibration), span)
    // Before: only 85% of its columns lay within 2 px of the grey's line.
    expect(w.within).toBeGreaterThan(0.95)
    expect(w.whole).toBe(true)
    expect(isFlagged(curves[i])).toBe(false)
  })
})
