import { describe, expect, it } from 'vitest'
import { fitAxis, pixelOf } from '../../src/shared/axes/axisFit'
import { axisView, inkMap } from '../../src/shared/axes/inkMap'
import { parseTickLabel } from '../../src/shared/axes/tickLabel'
import { evenRun, findTickRows } from '../../src/shared/axes/tickMarks'
import { timeUnitOf } from '../../src/shared/axes/timeUnit'
import type { RgbaImage } from '../../src/shared/trace/types'
import { expectAllClose, expectClose } from '../helpers/close'

describe('parseTickLabel', () => {
  it('reads integers, decimals, decimal commas and percentages exactly', () => {
    expect(parseTickLabel('24', 'decimal')).toEqual({ value: 24, percent: false })
    expect(parseTickLabel('0.25', 'decimal')).toEqual({ value: 0.25, percent: false })
    expect(parseTickLabel('0,25', 'decimal')).toEqual({ value: 0.25, percent: false })
    expect(parseTickLabel('75%', 'decimal')).toEqual({ value: 75, percent: true })
    expect(parseTickLabel('12,5%', 'decimal')).toEqual({ value: 12.5, percent: true })
    // A speck read as a trailing point is dropped.
    expect(parseTickLabel('40.', 'decimal')).toEqual({ value: 40, percent: false })
  })

  it('reads a comma as a thousands separator only before groups of three digits', () => {
    expect(parseTickLabel('1,000', 'thousands')).toEqual({ value: 1000, percent: false })
    expect(parseTickLabel('1,000', 'decimal')).toEqual({ value: 1, percent: false })
    expect(parseTickLabel('0,5', 'thousands')).toBeNull()
  })

  it('reads nothing from text that is not exactly a number', () => {
    for (const t of ['', '.', 'O.5', '05', '00', '1.2.3', '0,5.1', '-1', 'a12', '12a', '1 2']) {
      expect(parseTickLabel(t, 'decimal'), t).toBeNull()
    }
  })
})

describe('timeUnitOf', () => {
  it('finds the one unit an axis title names', () => {
    expect(timeUnitOf('Time (months)')).toBe('months')
    expect(timeUnitOf('Years since randomisation')).toBe('years')
    expect(timeUnitOf('Follow-up, DAYS')).toBe('days')
    expect(timeUnitOf('Week')).toBe('weeks')
    expect(timeUnitOf('Time')).toBeUndefined()
    expect(timeUnitOf('months (years)')).toBeUndefined()
    expect(timeUnitOf('Yearly')).toBeUndefined()
  })
})

describe('fitAxis', () => {
  it('fits pixels to values by least squares and reports the largest residual', () => {
    // pixel = 50 + 10·value, with ±0.3 px of noise on three ticks: OLS by hand
    // (x̄ = 12, ȳ = 170.02; Sxy = 3597.6, Sxx = 360 → slope 9.99333…, intercept 50.1; the fitted
    // pixels 50.1, 110.06, 170.02, 229.98, 289.94, the largest residual 0.32 at value 12).
    const ticks = [
      { pixel: 50.3, value: 0 },
      { pixel: 110, value: 6 },
      { pixel: 169.7, value: 12 },
      { pixel: 230, value: 18 },
      { pixel: 290.1, value: 24 },
    ]
    const fit = fitAxis(ticks, 60, 3)!
    expect(fit.scale).toBe('linear')
    expectClose(fit.slope, 3597.6 / 360, {}, 'slope')
    expectClose(fit.intercept, 50.1, {}, 'intercept')
    expect(fit.rejected).toEqual([])
    expectClose(fit.maxResidual, 0.32, {}, 'max residual')
  })

  it('leaves out a misread label that breaks the progression', () => {
    const ticks = [0, 12, 29, 36, 48].map((value, k) => ({ pixel: 100 + 80 * k, value }))
    const fit = fitAxis(ticks, 80, 3)!
    expect(fit.rejected.map((t) => t.value)).toEqual([29])
    expectClose(pixelOf(fit, 24), 260, {}, 'pixel of 24')
  })

  it('chooses log10 when the labels are a geometric progression', () => {
    const ticks = [0.1, 1, 10, 100].map((value, k) => ({ pixel: 40 + 150 * k, value }))
    const fit = fitAxis(ticks, 150, 3)!
    expect(fit.scale).toBe('log')
    expectClose(pixelOf(fit, 1), 190, {}, 'pixel of 1')
    expectClose(pixelOf(fit, Math.sqrt(10)), 265, {}, 'pixel of √10')
  })

  it('fits nothing when too few labels agree', () => {
    const ticks = [0, 5, 7].map((value, k) => ({ pixel: 100 + 80 * k, value }))
    expect(fitAxis(ticks, 80, 3)).toBeNull()
  })
})

describe('evenRun', () => {
  it('finds the evenly spaced positions among others, preferring the wider step', () => {
    expect(evenRun([10, 30, 50, 55, 70, 90, 91.5])).toEqual([10, 30, 50, 70, 90])
    // Minor ticks halfway: the major ticks are the longest run with the wider step.
    expect(evenRun([0, 20, 40, 60, 80]).length).toBe(5)
    expect(evenRun([5, 7])).toEqual([])
  })
})

/** A white image with black rectangles (x, y, width, height), as an axis with ticks. */
function drawn(width: number, height: number, rects: number[][]): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4).fill(255)
  for (const [x, y, w, h] of rects) {
    for (let j = y; j < y + h; j++) {
      for (let i = x; i < x + w; i++) data.set([0, 0, 0], (j * width + i) * 4)
    }
  }
  return { data, width, height }
}

describe('findTickRows', () => {
  it('finds ticks under the time axis at their centres', () => {
    // Axis line at row 50; 2-px ticks below it, 5 rows long, every 40 px from x = 20.
    const ticks = [20, 60, 100, 140, 180].map((x) => [x, 51, 2, 5])
    const rows = findTickRows(axisView(inkMap(drawn(220, 80, [[10, 50, 200, 1], ...ticks])), 'x'))
    expect(rows.length).toBe(1)
    // A 2-px tick at columns x, x+1 has its centre at x + 1 (pixel i centred at i + ½).
    expectAllClose(rows[0].positions, [21, 61, 101, 141, 181], {}, 'tick centres')
    expect([rows[0].from, rows[0].to]).toEqual([51, 55])
  })

  it('finds ticks left of the survival axis, and not the strokes of labels beside them', () => {
    // Axis line at column 60, ticks at columns 54–59; a "label" left of each tick: a block with a
    // horizontal bar level with the tick (as a "2" or a "%" has), which is not a tick.
    const rects: number[][] = [[60, 5, 1, 200]]
    for (const y of [10, 50, 90, 130, 170]) {
      rects.push([54, y, 6, 1], [30, y - 6, 2, 13], [34, y, 6, 1])
    }
    const rows = findTickRows(axisView(inkMap(drawn(100, 210, rects)), 'y'))
    expect(rows.length).toBe(1)
    expectAllClose(rows[0].positions, [10.5, 50.5, 90.5, 130.5, 170.5], {}, 'tick centres')
    expect([rows[0].from, rows[0].to]).toEqual([54, 59])
  })

  it('takes no row of strokes that have other ink of their glyph beside them', () => {
    // Left of each tick a "glyph": a block, and a bar under it 5 px below the tick, too
    // far off to be the tick's own row seen twice, with the rest of its glyph above it.
    const rects: number[][] = [[60, 5, 1, 200]]
    for (const y of [20, 60, 100, 140, 180])
      rects.push([54, y, 6, 1], [34, y - 8, 6, 8], [34, y + 5, 6, 1])
    const rows = findTickRows(axisView(inkMap(drawn(100, 210, rects)), 'y'))
    expect(rows.map((r) => r.from)).toEqual([54])
  })
})
