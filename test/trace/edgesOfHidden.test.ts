import { describe, expect, it } from 'vitest'
import { TraceError, findCurves, parseColor, traceEachCurve } from '../../src/shared/trace'
import { armsFollowed } from './helpers'
import { columnRuns } from '../../src/shared/trace/columnRuns'
import { coverageMap, indexPixels } from '../../src/shared/trace/coverage'
import type { Rgb } from '../../src/shared/trace/types'
import { renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'

/**
 * Issue 10, no silent wrong answer: where survminer draws an arm over another, the arm beneath
 * shows its line's edges (or its marks' arms) on either side of the covering line, and a path
 * that keeps to those edges lies 3–10 px off the hidden line while every column it took reads as
 * the curve's own ink (columnRuns.ts: `inkAbove`, `inkBelow`, `across`; traceStatus.ts:
 * acrossOthers, bothSides).
 */
describe('a curve seen only on either side of another curve’s line', () => {
  // survminer's colours on its grey panel.
  const bg: Rgb = [0xeb, 0xeb, 0xeb]
  const red: Rgb = [0xf8, 0x76, 0x6d]
  const green: Rgb = [0x00, 0xba, 0x38]
  const blue: Rgb = [0x61, 0x9c, 0xff]

  it('reads whose ink touches a run and whose line lies across it', () => {
    // Green rows 3–4, blue rows 5–9 over the green line's middle, green rows 10–11, in the left
    // half of a 40 × 30 plot (a full row would be a gridline).
    const width = 40
    const height = 30
    const data = new Uint8ClampedArray(width * height * 4)
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const c =
          x >= 20
            ? bg
            : y >= 5 && y <= 9
              ? blue
              : (y >= 3 && y <= 4) || (y >= 10 && y <= 11)
                ? green
                : bg
        data.set([...c, 255], (y * width + x) * 4)
      }
    }
    const index = indexPixels({ data, width, height }, { x0: 0, y0: 0, x1: width, y1: height }, bg)
    const runs = columnRuns(coverageMap(index, green, 18, [red, blue]))
    const own = [...Array(runs.start[4] - runs.start[3]).keys()]
      .map((k) => runs.start[3] + k)
      .filter((j) => runs.under[j] < 0)
    expect(own.length).toBe(2)
    const [upper, lower] = own
    // The blue line (1 + its index among the others) touches the upper run's bottom and the
    // lower run's top, and lies across both.
    expect(runs.inkBelow?.[upper]).toBe(2)
    expect(runs.inkAbove?.[upper]).toBe(0)
    expect(runs.inkAbove?.[lower]).toBe(2)
    expect(runs.across?.[upper]).toBe(1)
    expect(runs.across?.[lower]).toBe(1)
  })

  const traced = (seed: number, arm: number) => {
    const fig = renderKmFigure(styledFigureSpec(seed, 'survminer'))
    const curves = traceEachCurve(
      fig.image,
      fig.calibration,
      fig.arms.map((a) => parseColor(a.color)),
    )
    const c = curves[arm]
    if (c instanceof TraceError) throw c
    return c
  }

  it('lists survminer 6001 strata 2 as under strata 3 where it rode both edges', () => {
    // The green arm under the blue one near its steep start: traced along the blue line's upper
    // edge, then across it and along its lower edge, up to 9.3 px off at columns 147–190, 93.9%
    // of its columns within 2 px of the true curve, whole by its status before.
    const c = traced(6001, 1)
    expect(c.status.status).toBe('inferred')
    const s = c.status.stretches.find((t) => t.kind === 'under' && t.underColor === '#619cff')
    expect(s).toBeDefined()
    expect(s!.x0).toBeLessThanOrEqual(147)
    expect(s!.x1).toBeGreaterThanOrEqual(190)
  })

  it('lists survminer 6223 strata 1 as under strata 2, at whose level it lies', () => {
    // The red arm under the green one at one level, its edges showing above and below: traced
    // along one edge and the other, 4–5 px off at columns 373–396, whole by its status before.
    const c = traced(6223, 0)
    expect(c.status.status).toBe('inferred')
    const s = c.status.stretches.find((t) => t.kind === 'under' && t.underColor === '#00ba38')
    expect(s).toBeDefined()
    expect(s!.x0).toBeLessThanOrEqual(373)
    expect(s!.x1).toBeGreaterThanOrEqual(396)
  })

  it('lists survminer 6085 strata 2 as under strata 3, whose line lay across its path', () => {
    // The green arm between the red one and the blue one drawn over it: traced along the blue
    // line's far edge, 3.5–5 px off at columns 193–208, whole by its status before.
    const c = traced(6085, 1)
    expect(c.status.status).toBe('inferred')
    expect(
      c.status.stretches.some(
        (t) => t.kind === 'under' && t.underColor === '#619cff' && t.x0 <= 193 && t.x1 >= 202,
      ),
    ).toBe(true)
  })

  it('lists survminer 6001 strata 2 as under strata 3 with suggested colours too', () => {
    // Suggest curves also offers the green and blue bands' teal blend as a curve (its ink of
    // another colour, so warned of); traced beside it, the green arm lost its stretch under the
    // blue line and was said whole. The other curves are traced without such a curve.
    const fig = renderKmFigure(styledFigureSpec(6001, 'survminer'))
    const found = findCurves(fig.image, fig.calibration)
    const j = armsFollowed(found.curves, fig.arms).get(1)
    expect(j).toBeDefined()
    const c = found.curves[j!]
    expect(c.status.status).toBe('inferred')
    const s = c.status.stretches.find((t) => t.kind === 'under' && t.underColor === '#619cff')
    expect(s).toBeDefined()
    expect(s!.x0).toBeLessThanOrEqual(147)
    expect(s!.x1).toBeGreaterThanOrEqual(190)
    // The teal is still offered, with its warning.
    expect(found.curves.some((k) => k.warnings.some((w) => w.code === 'ink-other-colour'))).toBe(
      true,
    )
  })

  it('leaves survminer 6027 strata 2 whole, drawn over the arm it crosses', () => {
    // The teal arm over the red one: the red shows on either side of it, and the trace, on the
    // teal line, is right (bothSides judges only curves drawn over the traced one).
    const c = traced(6027, 1)
    expect(c.status.status).toBe('whole')
  })
})
