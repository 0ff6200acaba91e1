import { describe, expect, it } from 'vitest'
import { axisMap, parseColor, traceCurves } from '../../src/shared/trace'
import { coverageMap } from '../../src/shared/trace/coverage'
import { RUN_HALO, RUN_MARK, columnRuns } from '../../src/shared/trace/columnRuns'
import { prepareFigure } from '../../src/shared/trace/traceCurve'
import { renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'
import { wholeness } from './wholeness'

/**
 * NEJM style: thin coloured lines under black "+" marks. Where a mark's bar hides the line, JPEG's
 * coarse colour channel paints the curve's colour into the pixels on both sides of the bar (and
 * past the ends of a mark's vertical stroke); a path along that colour traces the arm 2–3 px off
 * its line (columnRuns.ts: flagHalos). Development seeds (test/generator/seeds.ts) drawn in NEJM
 * style, traced with their true colours.
 */
function nejm(seed: number) {
  const fig = renderKmFigure(styledFigureSpec(seed, 'nejm'))
  return { fig, colors: fig.arms.map((a) => parseColor(a.color)) }
}

describe('the curve colour JPEG bleeds around black censor marks', () => {
  it('is not taken for the line where it touches a mark bar from above and below (seed 3023)', () => {
    // Column 620 of arm B (#0072B5, 1.75 px; its KM is at row 234.0 there): a 2-px black bar at
    // rows 233–235, hiding the line, between 3-px runs of the arm's colour at 229.5–232.5 and
    // 235.5–238.5, each 2–3 px off the line.
    const { fig, colors } = nejm(3023)
    const figure = prepareFigure(fig.image, fig.calibration)
    const cover = coverageMap(
      figure.index,
      colors[1],
      figure.tolerance,
      colors.filter((_, k) => k !== 1),
      [],
    )
    const runs = columnRuns(cover)
    const c = 620 - runs.x0
    const column = []
    for (let j = runs.start[c]; j < runs.start[c + 1]; j++) {
      column.push({ top: runs.top[j], bottom: runs.bottom[j], flags: runs.flags[j] })
    }
    const bar = column.findIndex((r) => r.flags === RUN_MARK && r.top === 233 && r.bottom === 235)
    expect(bar).toBeGreaterThan(0)
    // Both runs of bled colour are set aside as mark ink; the bar stays a plain mark.
    for (const r of [column[bar - 1], column[bar + 1]]) {
      expect(r.flags & (RUN_MARK | RUN_HALO)).toBe(RUN_MARK | RUN_HALO)
    }
    expect(column[bar].flags).toBe(RUN_MARK)
  })

  it.each([
    // Arm B (#0072B5, 0.75–1.75 px) in both: traced 2–3 px off its line for months along the
    // bled colour (share of columns within 2 px of the line 0.88 and 0.87, not whole, and not
    // flagged); along the marks' bars it is whole.
    [3007, 1],
    [3016, 1],
  ])('leaves an arm under dense marks whole (seed %i, arm %i)', (seed, arm) => {
    const { fig, colors } = nejm(seed)
    const curve = traceCurves(fig.image, fig.calibration, colors)[arm]
    const span = Math.abs(fig.calibration.x2.value - fig.calibration.x1.value)
    const w = wholeness(curve, fig.arms[arm].ipd, axisMap(fig.calibration), span)
    expect(w.whole).toBe(true)
  })
})
