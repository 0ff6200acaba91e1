import { describe, expect, it } from 'vitest'
import { parseColor } from '../../src/shared/trace'
import { MARK_INK, coverageMap } from '../../src/shared/trace/coverage'
import { prepareFigure } from '../../src/shared/trace/traceCurve'
import { renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'
import { tracedWithWholeness } from './helpers'

/**
 * NEJM style: a thin coloured line under black "+" marks. Beside a mark JPEG mixes the line's
 * colour with the mark's black, so the line's pixels there are darker than its colour can be and
 * were read as no curve's ink at all (coverage.ts: darkenedBlend). Development seed 3002 drawn in
 * NEJM style, arm C (#E18727), traced with its true colours.
 */
describe('a line darkened beside black censor marks', () => {
  const fig = renderKmFigure(styledFigureSpec(3002, 'nejm'))
  const colors = fig.arms.map((a) => parseColor(a.color))
  const figure = prepareFigure(fig.image, fig.calibration)
  const cover = coverageMap(
    figure.index,
    colors[2],
    figure.tolerance,
    colors.filter((_, k) => k !== 2),
  )
  const at = (x: number, y: number) => (y - cover.area.y0) * cover.width + (x - cover.area.x0)

  it("is the line's coverage next to a mark (column 555–556, row 334: #68552b, #4d3d1c)", () => {
    expect(cover.cover[at(555, 334)]).toBeGreaterThan(0.5)
    expect(cover.cover[at(556, 334)]).toBeGreaterThan(0.5)
  })

  it('traces an arm whole that ran beside its line under the marks before (nejm 3009 C)', () => {
    const arms = tracedWithWholeness(renderKmFigure(styledFigureSpec(3009, 'nejm')))
    expect(arms[2].whole.whole).toBe(true)
  })

  it('takes the tinted centres of "+" marks as the line too (nejm 4008 A, #0e0000 and #160600)', () => {
    const arms = tracedWithWholeness(renderKmFigure(styledFigureSpec(4008, 'nejm')))
    expect(arms[0].whole.whole).toBe(true)
  })

  it('does not take the y axis a curve starts at as its line (lancet 3112 B: #0f0006 at 131, 40–44)', () => {
    // At share 0.08 the axis pixels beside a red start are red-tinted black; counted as the
    // line, they drew the path down the axis (to row 41 at column 132) before its first drop.
    const fig = renderKmFigure(styledFigureSpec(3112, 'lancet'))
    const arms = tracedWithWholeness(fig)
    const start = arms[1].curve.points.filter((p) => p.x < 136)
    for (const p of start) expect(p.y).toBeLessThan(38)
  })

  it('leaves the mark itself mark ink (column 562, row 334: #000000)', () => {
    expect(cover.other[at(562, 334)]).toBe(MARK_INK)
    expect(cover.cover[at(562, 334)]).toBe(0)
  })
})
