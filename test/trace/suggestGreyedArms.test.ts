import { describe, expect, it } from 'vitest'
import { findCurves } from '../../src/shared/trace'
import { rgbToLab } from '../../src/shared/trace/color'
import { renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'
import { FOLLOWS, traceIae } from './helpers'

/**
 * Issue 10, arms by line: a thin coloured line on a low-quality JPEG loses most of its chroma
 * (chroma subsampling), and its ink spreads over many colours of little chroma beside the grey
 * ramp of the text, the frame and the black marks, so that no colour of it was a peak of the ink's
 * colours: the arm was never a candidate and was missing from Suggest curves, without a word.
 * Development seeds (the held-out ones are the bench's alone).
 */

/** Chroma (CIELAB a*b*) below this is a grey: the arm's own curve is offered, not a grey's. */
const GREY = 8

/** Each arm followed by a curve of its own, and that curve of the arm's hue, not grey. */
function expectEachArmInItsColour(seed: number, style: 'lancet' | 'jco'): void {
  const fig = renderKmFigure(styledFigureSpec(seed, style))
  const found = findCurves(fig.image, fig.calibration)
  expect(found.curves, `${style} ${seed}: one curve per arm`).toHaveLength(fig.arms.length)
  const used = new Set<number>()
  for (const arm of fig.arms) {
    const gaps = found.curves.map((c) => traceIae(c, arm.ipd))
    const best = gaps.indexOf(Math.min(...gaps))
    expect(gaps[best], `${style} ${seed}: ${arm.name} followed`).toBeLessThan(FOLLOWS)
    used.add(best)
    const [, a, b] = rgbToLab(...found.curves[best].color)
    const [, ta, tb] = rgbToLab(
      ...([1, 3, 5].map((i) => parseInt(arm.color.slice(i, i + 2), 16)) as [
        number,
        number,
        number,
      ]),
    )
    if (Math.hypot(ta, tb) >= GREY) {
      expect(Math.hypot(a, b), `${style} ${seed}: ${arm.name} offered in colour`).toBeGreaterThan(
        GREY,
      )
      // Same hue as drawn (within a quarter turn): JPEG greys a line but keeps its hue.
      expect(a * ta + b * tb, `${style} ${seed}: ${arm.name} of its hue`).toBeGreaterThan(0)
    }
  }
  expect(used.size, `${style} ${seed}: each arm its own curve`).toBe(fig.arms.length)
}

describe('Suggest curves offers thin coloured arms that JPEG has greyed', () => {
  it('offers the red arm of a Lancet JPEG (quality 0.52) beside the blue one (seed 3040)', () => {
    // Before: the ink's colours were a grey and a pale blue; the red arm was no candidate.
    expectEachArmInItsColour(3040, 'lancet')
  })

  it('offers the blue arm of a JCO JPEG beside the yellow and grey ones (seed 4095)', () => {
    // Before: the ink's colours were three greys and the yellow's pale shade; no blue.
    expectEachArmInItsColour(4095, 'jco')
  })
})
