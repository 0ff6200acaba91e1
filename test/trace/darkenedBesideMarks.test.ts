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

  it('leaves the mark itself mark ink (column 562, row 334: #000000)', () => {
    expect(cover.other[at(562, 334)]).toBe(MARK_INK)
    expect(cover.cover[at(562, 334)]).toBe(0)
  })
})
