import { describe, expect, it } from 'vitest'
import { deltaE, findCurves, parseColor, rgbToLab } from '../../src/shared/trace'
import { renderKmFigure } from '../generator/kmFigure'
import { type FigureStyle, styledFigureSpec } from '../generator/styledFigure'
import { armsFollowed } from './helpers'

/**
 * Issue 10, arms by line, traced from the line's own ink: a grey arm's ink joined to the black
 * of the axes and labels as one candidate was offered as a black curve (#020202), traced along
 * the grey line; its trace covered no pixel fully, and it had gaps where the black took the
 * line's anti-aliased edge. The curve is now traced in the line's own colour, picked along the
 * black trace (suggestColors.ts: findCurves; lineInk.ts). Development seeds.
 */
function offered(seed: number, style: FigureStyle, arm: string) {
  const fig = renderKmFigure(styledFigureSpec(seed, style))
  const found = findCurves(fig.image, fig.calibration)
  const i = fig.arms.findIndex((a) => a.name === arm)
  const k = armsFollowed(found.curves, fig.arms).get(i)
  expect(k, `${style} ${seed}: ${arm} offered`).toBeDefined()
  return { curve: found.curves[k!], color: fig.arms[i].color }
}

describe("Suggest curves' colour for a grey line offered as black", () => {
  it.each([
    [3010, 'lancet', 'Arm C'],
    [3048, 'random', 'Arm B'],
    [3105, 'jco', 'Arm C'],
  ] as const)('is the line’s own grey (%i %s %s), traced whole', (seed, style, arm) => {
    const { curve, color } = offered(seed, style, arm)
    const gap = deltaE(rgbToLab(...curve.color), rgbToLab(...parseColor(color)))
    expect(gap, `offered ${curve.color.join(',')} for ${color}`).toBeLessThan(10)
    expect(curve.status.status).toBe('whole')
    expect(curve.warnings.map((w) => w.code)).not.toContain('ink-other-colour')
  })
})
