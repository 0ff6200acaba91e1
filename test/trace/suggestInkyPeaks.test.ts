import { describe, expect, it } from 'vitest'
import { axisMap, findCurves } from '../../src/shared/trace'
import { renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'
import { FOLLOWS, traceIae } from './helpers'
import { wholeness } from './wholeness'

/**
 * Issue 10, a line outweighed by its pale halo: in a JCO JPEG the yellow arm (#EFC000) is ringed
 * by a pale yellow (#fefac9) of many more pixels, which alone was an ink colour (suggestColors.ts:
 * inkColorsOf), so the arm was traced from the halo and was not whole where the trace from its
 * true colour is. The peaks of the inky coloured ink give the line's own colour. Development
 * seeds (the held-out ones are the bench's alone).
 */

function expectYellowWhole(seed: number): void {
  const fig = renderKmFigure(styledFigureSpec(seed, 'jco'))
  const found = findCurves(fig.image, fig.calibration)
  const arm = fig.arms.find((a) => a.color === '#EFC000')!
  const best = found.curves
    .map((c) => ({ c, gap: traceIae(c, arm.ipd) }))
    .sort((a, b) => a.gap - b.gap)[0]
  expect(best.gap, `jco ${seed}: the yellow arm found`).toBeLessThan(FOLLOWS)
  const span = Math.abs(fig.calibration.x2.value - fig.calibration.x1.value)
  const w = wholeness(best.c, arm.ipd, axisMap(fig.calibration), span)
  expect(w.whole, `jco ${seed}: the yellow arm traced whole`).toBe(true)
}

describe('Suggest curves traces a yellow JCO line from its ink, not its pale halo', () => {
  it('seed 3015', () => expectYellowWhole(3015))
  it('seed 3027', () => expectYellowWhole(3027))
  it('seed 4011', () => expectYellowWhole(4011))
})
