import { describe, expect, it } from 'vitest'
import { findCurves } from '../../src/shared/trace'
import { renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'
import { armOf, armsFollowed, tracedStyled } from './helpers'

/**
 * A NEJM red arm whose line lies under dense black "+" marks (development seed 6146, true
 * colours): its trace left its line at month 13 for the orange arm's, just below, and rode it to
 * month 33 (within 2 px of its own line in 54% of its columns), while the follows-other warning
 * went to the orange arm. Traced again with the orange arm's traced line masked over that
 * stretch, the red trace rests on more of its own ink and leaves the orange line.
 */
describe('a trace that runs along another curve', () => {
  it('is traced again with the other line left out (seed 6146)', () => {
    const red = armOf(tracedStyled(6146, 'nejm'), { color: '#BC3C29' })
    // 0.85 re-traced; its tail past month 33 still lies off its line.
    expect(red.whole.within).toBeGreaterThan(0.8)
    // At month 25 the red line is near survival 0.73, the orange one near 0.68.
    const at = red.curve.points.filter((p) => p.time <= 25).at(-1)!
    expect(at.surv).toBeGreaterThan(0.71)
  })

  // NEJM development seed 6404: the blue arm's trace rode the red arm's line over months 23–41
  // (within 2 px of its own line in 51% of its columns), and the warning went to the red arm.
  // Re-traced with the red line masked there, it sees 1.3% fewer columns of its own ink (the
  // mask takes its pixels where the lines meet) and lies on its own line.
  it('keeps a re-trace that sees a little less ink where the lines meet (seed 6404)', () => {
    const blue = armOf(tracedStyled(6404, 'nejm'), { color: '#0072B5' })
    expect(blue.whole.within).toBeGreaterThan(0.9)
  })

  // NEJM development seed 6368: the red arm's tail, under dense black marks, was traced down
  // onto the orange arm's tail at month 26 and along it to its end, 2 months past the red's
  // (within 2 px of its line in 67% of its columns). Re-traced with the orange tail masked, it
  // sees 34 fewer columns of its own ink (its line hides under marks) but ends on its own tail;
  // it still runs with the orange arm where the two lines truly meet (months 20–26).
  // JAMA development seed 6047: the grey dashed arm rode the slate line for 96% of its length
  // (within 2 px of its own line in 2% of its columns). Its re-trace off that line sees 57% fewer
  // columns of ink (its line is dashed, the slate one solid), and the colours cannot tell whose
  // the line is in this JPEG (both read as greys); the re-trace lies on a line half as dark as the
  // one it left, which makes it the grey arm's.
  it('keeps a lighter arm re-traced onto a line lighter than the one it left (seed 6047)', () => {
    const grey = armOf(tracedStyled(6047, 'jama'), { color: '#808080' })
    expect(grey.whole.within).toBeGreaterThan(0.9)
  })

  it("re-traces a tail that jumped onto another arm's tail (seed 6368)", () => {
    const red = armOf(tracedStyled(6368, 'nejm'), { color: '#BC3C29' })
    expect(red.whole.within).toBeGreaterThan(0.8)
    // The red arm ends near month 32, the orange one near month 34.
    expect(red.curve.points.at(-1)!.time).toBeLessThan(33)
  })
})

// Suggest curves (findCurves) re-traces the same way. JAMA development seed 6347 (a slate and a
// grey arm): of the two curves offered, one ran along the other for 98% of its length, so one
// arm had no curve; re-traced with the other's line masked, each arm has one.
describe('Suggest curves', () => {
  it('offers a curve re-traced off another line (seed 6347)', () => {
    const fig = renderKmFigure(styledFigureSpec(6347, 'jama'))
    const { curves } = findCurves(fig.image, fig.calibration)
    expect(armsFollowed(curves, fig.arms).size).toBe(fig.arms.length)
  })
})
