import { describe, expect, it } from 'vitest'
import { axisMap, parseColor, traceCurves } from '../../src/shared/trace'
import { renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'
import { wholeness } from './wholeness'

/**
 * Issue 10, survminer arms 3–4 px wide drawn one over the other near their start: a sliver of an
 * arm's colour (an anti-aliased edge, 0.5 px tall) a few pixels below its line is no dash of it,
 * and the path does not drop onto it for free and ride the ink below the line
 * (monotonePath.ts: SLIVER).
 */
describe('a sliver of colour below a thick line', () => {
  it('does not pull the trace off its line (development seed 4111, Strata 3)', () => {
    const fig = renderKmFigure(styledFigureSpec(4111, 'survminer'))
    const curves = traceCurves(
      fig.image,
      fig.calibration,
      fig.arms.map((a) => parseColor(a.color)),
    )
    const map = axisMap(fig.calibration)
    const span = Math.abs(fig.calibration.x2.value - fig.calibration.x1.value)
    const w = wholeness(curves[2], fig.arms[2].ipd, map, span)
    expect(w.within).toBeGreaterThanOrEqual(0.95)
    expect(w.whole).toBe(true)
  })
})
