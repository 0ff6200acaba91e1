import { describe, expect, it } from 'vitest'
import { axisMap, parseColor, traceCurves } from '../../src/shared/trace'
import { renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'
import { wholeness } from './wholeness'

/**
 * A tail under a row of black censor marks (NEJM's "+"): the path, passing through a mark, left
 * it at a level a pixel or two below the line (its anti-aliased edge), from which the line beyond
 * read as above it, where a curve that never rises cannot follow; the trace stopped while the
 * marks and the curve's own ink between them went on (pathEnd.ts: stepUnderMarks). Development
 * seed 3005 in NEJM style (test/generator/seeds.ts), traced with its true colours: the blue arm's
 * trace stopped at month 49.1; the arm's last time is 58.4.
 */
function nejmArm(seed: number, arm: number) {
  const fig = renderKmFigure(styledFigureSpec(seed, 'nejm'))
  const colors = fig.arms.map((a) => parseColor(a.color))
  const curves = traceCurves(fig.image, fig.calibration, colors)
  const span = Math.abs(fig.calibration.x2.value - fig.calibration.x1.value)
  const w = wholeness(curves[arm], fig.arms[arm].ipd, axisMap(fig.calibration), span)
  return { curve: curves[arm], w, span }
}

describe('a tail under a row of black marks', () => {
  it('is followed to its end where its own ink reappears between the marks (seed 3005, arm B)', () => {
    const { curve, w, span } = nejmArm(3005, 1)
    expect(Math.abs(w.endGap)).toBeLessThan(0.02 * span)
    expect(w.whole).toBe(true)
    expect(curve.warnings.map((x) => x.code)).not.toContain('ink-beyond-end')
  })

  it("is not followed along the marks' anti-aliased edges (seed 3037, arm C)", () => {
    // The orange arm's line lies under the marks 4 px below where its trace ends; the marks' edges
    // read as fragments of its colour a pixel or two lower than that end. Followed, the tail ran
    // 80 columns off its line: 170 of 1070 columns more than 2 px off, against 91 of 991 unfollowed.
    const { w } = nejmArm(3037, 2)
    expect(w.within).toBeGreaterThan(0.9)
  })
})
