import { describe, expect, it } from 'vitest'
import { parseColor, traceCurves } from '../../src/shared/trace'
import { RUN_HALO, RUN_MARK } from '../../src/shared/trace/columnRuns'
import { inkBeyondEnd } from '../../src/shared/trace/pathEnd'
import { renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'
import { runPerColumn } from './helpers'

/**
 * The curve's colour JPEG bleeds past a black mark's bar (columnRuns.ts: RUN_HALO) is set aside as
 * mark ink, yet it shows the curve's line going on there: beyond a trace's end it counts as the
 * curve's own ink (pathEnd.ts: inkBeyondEnd), so that a trace stopped at the start of a row of
 * dense marks is read again (traceCurve.ts) rather than left short.
 */
describe('halo runs beyond a trace end', () => {
  // Hand-made runs at row 0: the path ends at column 9; columns 11–30 hold one run each.
  const count = (flags: number) =>
    inkBeyondEnd(
      runPerColumn(31, (x) => (x > 10 ? flags : 0)),
      9,
      0,
      200,
      1,
      1,
    ).columns

  it('counts the bled colour beside a mark as ink beyond the end', () => {
    expect(count(RUN_MARK | RUN_HALO)).toBe(20)
  })

  it('does not count the marks themselves', () => {
    expect(count(RUN_MARK)).toBe(0)
  })

  it('lets an NEJM arm under a row of dense marks be traced on (development seed 3074)', () => {
    // Arm C (#E18727, 1.25 px) runs from 10 months on under rows of black "+" marks that hide it
    // almost wholly; two of the few runs of its colour left beyond the trace's first end at 13.2
    // months are bled past a bar. Set aside, the ink beyond that end fell to 17 columns, below
    // the 18 that have the curve read again, and the trace stopped there (IAE 0.006 → 0.055).
    // Read again with ridges it follows the marks to 17 months.
    const fig = renderKmFigure(styledFigureSpec(3074, 'nejm'))
    const curves = traceCurves(
      fig.image,
      fig.calibration,
      fig.arms.map((a) => parseColor(a.color)),
    )
    const points = curves[2].points
    expect(points[points.length - 1].time).toBeGreaterThan(16)
  })
})
