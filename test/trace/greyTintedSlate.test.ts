import { describe, expect, it } from 'vitest'
import { parseColor, traceCurves } from '../../src/shared/trace'
import { renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'
import { traceIae } from './helpers'

/**
 * JAMA style: a grey arm (#808080) beside a dark slate one (#374E55) drawn under a pixel wide,
 * whose pixels all read as the grey's (none darker than grey can be). Their tint tells them
 * apart (coverage.ts: a darker sibling's hue; columnRuns.ts: TINT_SHARE). Forced-JAMA
 * development seeds, traced with their true colours.
 */
describe('a grey arm beside a thin slate arm', () => {
  it.each([
    // Grey traced along the slate arm for most of the plot before: IAE 0.082 and 0.028.
    [4032, 0.005],
    [3002, 0.01],
  ])('is traced along its own line (seed %i)', (seed, most) => {
    const fig = renderKmFigure(styledFigureSpec(seed, 'jama'))
    const curves = traceCurves(
      fig.image,
      fig.calibration,
      fig.arms.map((a) => parseColor(a.color)),
    )
    expect(traceIae(curves[1], fig.arms[1].ipd)).toBeLessThan(most)
  })
})
