import { describe, expect, it } from 'vitest'
import { axisMap, parseColor, traceCurves } from '../../src/shared/trace'
import { renderKmFigure } from '../generator/kmFigure'
import { type FigureStyle, styledFigureSpec } from '../generator/styledFigure'
import { wholeness } from './wholeness'

/** A generated figure in `style`, traced with its true colours, with each arm's wholeness. */
function traced(seed: number, style: FigureStyle) {
  const fig = renderKmFigure(styledFigureSpec(seed, style))
  const curves = traceCurves(
    fig.image,
    fig.calibration,
    fig.arms.map((a) => parseColor(a.color)),
  )
  const span = Math.abs(fig.calibration.x2.value - fig.calibration.x1.value)
  const map = axisMap(fig.calibration)
  return { span, arms: curves.map((curve, i) => wholeness(curve, fig.arms[i].ipd, map, span)) }
}

/**
 * Grey (#808080) arms of JPEG development figures whose trace ended early with no warning: the
 * tail's ink was there, too faint or too few columns to warn of, and the trace stopped at a tick.
 */
describe('grey tails that end early in JPEG figures', () => {
  it('reads a faint tail whose two rows are covered alike (6226 C, Lancet)', () => {
    // 33 columns of tail 0.24 covered in both rows, with ticks on it: no pixel was a ridge, and
    // the trace stopped at the first tick, 6% of the time span early.
    const { span, arms } = traced(6226, 'lancet')
    expect(Math.abs(arms[2].endGap)).toBeLessThan(0.02 * span)
    expect(arms[2].whole).toBe(true)
  })

  it('goes on from a drop whose foot lands on a tick (6095 B, JAMA)', () => {
    // The drop and a tick at its foot read as one run, its foot 1.7 px below the tail: the path
    // could not rise back to it and ended at the drop, 3% of the time span early.
    const { span, arms } = traced(6095, 'jama')
    expect(Math.abs(arms[1].endGap)).toBeLessThan(0.02 * span)
    expect(arms[1].whole).toBe(true)
  })
})
