import { describe, expect, it } from 'vitest'
import { axisMap, parseColor, traceCurves } from '../../src/shared/trace'
import { renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'
import { wholeness } from './wholeness'

/** A generated figure forced to NEJM style, traced with its true colours: each arm's wholeness. */
function tracedNejm(seed: number) {
  const fig = renderKmFigure(styledFigureSpec(seed, 'nejm'))
  const curves = traceCurves(
    fig.image,
    fig.calibration,
    fig.arms.map((a) => parseColor(a.color)),
  )
  const span = Math.abs(fig.calibration.x2.value - fig.calibration.x1.value)
  const map = axisMap(fig.calibration)
  return curves.map((c, i) => wholeness(c, fig.arms[i].ipd, map, span))
}

describe('a line hidden under dense "+" marks, only its colour bled past their strokes seen', () => {
  // Forced-NEJM development seeds: the path, on the colour bled above a mark's stroke (2–3 px
  // above the line), could not step down onto the marks' bars on the line, and went down a
  // stroke to the row of another arm's marks below instead (monotonePath.ts: HALO_OFFSET).
  it.each([
    [6058, 0],
    [6024, 2],
  ])('traces seed %i arm %i on its line', (seed, arm) => {
    const w = tracedNejm(seed)[arm]
    expect(w.whole).toBe(true)
  })
})
