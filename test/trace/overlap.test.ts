import { describe, expect, it } from 'vitest'
import { axisMap, parseColor, traceCurves } from '../../src/shared/trace'
import { expectClose } from '../helpers/close'
import { renderKmFigure, sharedStartSpec, touchingTailsSpec } from './figures'
import { traceIae } from './helpers'

/**
 * Issue 10, through overlaps: where an arm's own ink vanishes under another curve's, the trace
 * follows the visible ink it runs under and says so; tails that touch keep their final drop.
 */

describe('an arm hidden under another', () => {
  for (const jpeg of [null, 0.5]) {
    it(`follows the shared line for the months both arms are one curve (${jpeg ? `JPEG ${jpeg}` : 'PNG'})`, () => {
      // Both arms have the same patients until month 10: the first arm is drawn under the second
      // there. Bridged from its start to where it reappears it was a slope 0.04 off on average.
      const fig = renderKmFigure(sharedStartSpec(10, { jpeg }))
      const colors = fig.arms.map((a) => parseColor(a.color))
      const [hidden, top] = traceCurves(fig.image, fig.calibration, colors)
      expect(traceIae(hidden, fig.arms[0].ipd)).toBeLessThan(0.002)
      expect(traceIae(top, fig.arms[1].ipd)).toBeLessThan(0.003)
      expect(top.status.status).toBe('whole')
      expect(hidden.status.status).toBe('inferred')
      expect(hidden.status.stretches).toHaveLength(1)
      const [under] = hidden.status.stretches
      expect(under.kind).toBe('under')
      expect(under.underColor).toBe(fig.arms[1].color)
      expect(under.underArm).toBe(1)
      // From the start to where the arms part, within a line width or two (0.3 months).
      expectClose(under.from, 0, { abs: 0.3 }, 'under from')
      expectClose(under.to, 10, { abs: 0.5 }, 'under to')
      const map = axisMap(fig.calibration)
      expectClose(under.x0, map.toPixel(under.from, 1).px, { abs: 1 }, 'x0 is from in pixels')
    })
  }
})

describe('tails that touch', () => {
  it('keeps both final drops onto the axis', () => {
    // Both arms' last deaths are at month 40, the second arm's drop drawn over the first's foot:
    // the first arm's drop lies beside the second's ink and the second's is only 4 px tall.
    const fig = renderKmFigure(touchingTailsSpec())
    const colors = fig.arms.map((a) => parseColor(a.color))
    const curves = traceCurves(fig.image, fig.calibration, colors)
    const map = axisMap(fig.calibration)
    curves.forEach((c, i) => {
      const last = c.points[c.points.length - 1]
      expect(last.surv, `arm ${i + 1} ends on the axis`).toBe(0)
      expectClose(last.time, 40, { abs: 1 / map.pxPerTime + 0.05 }, `arm ${i + 1} end time`)
      expect(c.warnings, `arm ${i + 1}`).toEqual([])
    })
  })
})
