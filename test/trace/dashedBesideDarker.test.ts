import { describe, expect, it } from 'vitest'
import { parseColor, traceCurves } from '../../src/shared/trace'
import { coverageMap, relation } from '../../src/shared/trace/coverage'
import { columnRuns } from '../../src/shared/trace/columnRuns'
import { dashGap } from '../../src/shared/trace/dashGaps'
import { markSiblingRuns } from '../../src/shared/trace/siblingRuns'
import { prepareFigure } from '../../src/shared/trace/traceCurve'
import { renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'
import { traceIae } from './helpers'

/**
 * A pale dashed arm beside a darker one (JAMA's grey beside its dark slate, both 1–1.25 px): the
 * darker line's anti-aliased pixels read as the grey's colour, without a gap, so the grey's trace
 * left its own dashes for the darker line and rode it for months (development seeds 3029 and
 * 3035: trace 0.03–0.09 off the grey's KM, reconstruction IAE 0.026–0.027). Development seeds
 * (test/generator/seeds.ts), traced with their true colours.
 */
const LIMIT = 0.003

function greyArm(seed: number) {
  const fig = renderKmFigure(styledFigureSpec(seed, 'jama'))
  const colors = fig.arms.map((a) => parseColor(a.color))
  const curves = traceCurves(fig.image, fig.calibration, colors)
  const i = fig.arms.findIndex((a) => a.color === '#808080')
  return { fig, colors, i, curve: curves[i] }
}

describe('a pale dashed arm beside a darker arm', () => {
  it('goes on along its own dashes where the darker line runs below them (seed 3029)', () => {
    // At month 16 the grey's dashes go on 22 px above the darker line: the path scored the
    // darker line's gapless look-alike pixels above the dashes and jumped down onto it. Counted
    // as seen, the dash gaps make the dashes score as a solid line (monotonePath's `dash`).
    const { fig, i, curve } = greyArm(3029)
    expect(fig.arms[i].name).toBe('Arm B')
    expect(traceIae(curve, fig.arms[i].ipd)).toBeLessThan(LIMIT)
  })

  it('leaves the shared start along its own dashes (seed 3035)', () => {
    // Both start at survival 1; the grey falls away at month 0.3. The darker line's runs are set
    // aside as the darker sibling's only when the two groups of run ink are compared by their
    // medians (siblingRuns.ts), and the trace along the dashes is kept only when its dash gaps
    // count as seen (a reading with ridges, along the solid darker line, otherwise won).
    const { fig, i, curve } = greyArm(3035)
    expect(traceIae(curve, fig.arms[i].ipd)).toBeLessThan(LIMIT)
  })

  it('leaves the top of a dashed drop for its foot (seed 4007)', () => {
    // At month 3 the grey (1 px, JPEG) falls 9 px down a dashed vertical segment, the next dash
    // in the same column: the path left at the drop's foot scored as the one left at its top,
    // which crowded it out (monotonePath's carried paths), and from the top the dashes below
    // were reached only by a jump; the darker line beside won, and the grey's trace rode it for
    // 18 months (0.06 off its KM, reconstruction IAE 0.058). A JPEG of quality 0.5 and a 1-px
    // line: the trace is 0.004 off its KM today, against 0.001–0.002 for the two above.
    const { fig, i, curve } = greyArm(4007)
    expect(traceIae(curve, fig.arms[i].ipd)).toBeLessThan(2 * LIMIT)
  })

  it('reads the dash gap of the dashed grey arm, and sets the darker line aside', () => {
    const fig = renderKmFigure(styledFigureSpec(3035, 'jama'))
    const colors = fig.arms.map((a) => parseColor(a.color))
    const f = prepareFigure(fig.image, fig.calibration)
    const [dark, grey] = colors
    const runs = columnRuns(coverageMap(f.index, grey, f.tolerance, [dark], []))
    const rel = relation(grey, dark, f.index.background, f.tolerance)
    expect(rel.kind).toBe('darker')
    // Dashes of 5 px with gaps of 3 px (1-px line): the commonest gap of 3 columns, plus one.
    expect(dashGap(runs, 1)).toBe(4)
    markSiblingRuns(runs, [], [rel.strength])
    // The darker line's first plateau below survival 1 (image row 31, columns 126–140) reads as
    // the grey's colour, fully inked: set aside as the darker sibling's, every column of it.
    let set = 0
    for (let x = 126; x <= 140; x++) {
      const c = x - runs.x0
      for (let j = runs.start[c]; j < runs.start[c + 1]; j++) {
        if (Math.abs(runs.centre[j] - 31.25) < 0.5 && runs.flags[j] & 2) set++
      }
    }
    expect(set).toBe(15)
  })
})
