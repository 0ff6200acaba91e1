import { describe, expect, it } from 'vitest'
import { findCurves } from '../../src/shared/trace'
import { renderKmFigure } from '../generator/kmFigure'
import { type FigureStyle, styledFigureSpec } from '../generator/styledFigure'
import { traceIae } from './helpers'

/**
 * Issue 10, arms found under automatic colours: in findCurves' first round each line is traced
 * beside every other candidate line, those that give no curve included. A dashed grey arm (JAMA)
 * lost its pixels to its own pale JPEG edge, a grey too far in lightness to join its group (dev
 * seed 4097: 9 columns beside it, whole beside the black alone); a greyed blue line (NEJM 4082)
 * lost its to the greys and black of the "+" marks. Both arms were warned of, never offered. A line
 * refused so is now traced again beside the lines kept and the rules alone. Development seeds
 * (the held-out ones are the bench's alone).
 */

/** A trace this close (traceIae) to its arm follows it well, not only roughly (FOLLOWS). */
const CLOSE = 0.003

/** The offered curve nearest the arm drawn in `color`, and its traceIae. */
function nearest(seed: number, style: FigureStyle, color: string): number {
  const fig = renderKmFigure(styledFigureSpec(seed, style))
  const arm = fig.arms.find((a) => a.color.toUpperCase() === color)!
  const found = findCurves(fig.image, fig.calibration)
  return Math.min(...found.curves.map((c) => traceIae(c, arm.ipd)))
}

describe('Suggest curves traces a refused line again beside the lines kept', () => {
  it('offers the dashed grey arm of JAMA seed 4097', () => {
    // Before: only the slate arm offered (the grey's nearest 0.12), the grey ink warned of.
    expect(nearest(4097, 'jama', '#808080')).toBeLessThan(CLOSE)
  })

  it('offers the greyed blue arm of NEJM seed 4082', () => {
    // Before: red and orange offered (the blue's nearest 0.057), the blue ink warned of.
    expect(nearest(4082, 'nejm', '#0072B5')).toBeLessThan(CLOSE)
  })
})
