/**
 * An arm with no event is a flat line at survival 1, which Suggest curves' trace of its ink
 * follows along the frame's row: refused as a rule, it must still be reported (candidate-not-
 * traced), never dropped without a word. Dev seed 3004 (Lancet style, two arms), its first arm
 * redrawn with no event; the other arm is found as before.
 */
import { describe, expect, it } from 'vitest'
import { deltaE, findCurves, parseColor, rgbToLab } from '../../src/shared/trace'
import { renderKmFigure } from '../generator/kmFigure'
import { styleOfSeed, styledFigureSpec } from '../generator/styledFigure'

describe('Suggest curves on a figure with a flat arm', () => {
  it('reports the flat arm it could not trace', () => {
    const spec = styledFigureSpec(3004, styleOfSeed(3004), {})
    const n = 150
    // No event: censorings spread over 20–95% of the axis.
    const ipd = Array.from({ length: n }, (_, i) => ({
      time: spec.tMax * (0.2 + (0.75 * i) / n),
      event: 0 as const,
    }))
    const flat = { ...spec.arms[0], ipd }
    const fig = renderKmFigure({ ...spec, arms: [flat, ...spec.arms.slice(1)] })
    const { curves, warnings } = findCurves(fig.image, fig.calibration)
    const lab = (hex: string) => rgbToLab(...parseColor(hex))
    const near = (hex: string, to: string) => deltaE(lab(hex), lab(to)) < 40
    // The falling arm is found (one curve); the flat one is not a curve, and is said so.
    expect(curves).toHaveLength(1)
    const note = warnings.find(
      (w) =>
        w.code === 'candidate-not-traced' &&
        near(/#[0-9a-f]{6}/.exec(w.message)?.[0] ?? '#ffffff', flat.color),
    )
    expect(note?.message).toContain('runs along the frame or a gridline')
  })
})
