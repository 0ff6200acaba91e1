import { describe, expect, it } from 'vitest'
import { heightMode } from '../../src/shared/trace/heightMode'

describe('heightMode', () => {
  it("finds the line's height among taller runs of drops and marks", () => {
    // 2 px flat columns, a few 9 px drops and one 40 px band (left out).
    const heights = [...Array(30).fill(2), ...Array(8).fill(9), 40, 40, 40, 40, 40, 40, 40, 40, 40]
    const { bins, best } = heightMode(heights)
    expect(best).toBe(8) // the quarter-pixel bin [2, 2.25)
    expect(bins[8]).toBe(30)
    expect(bins.reduce((a, b) => a + b, 0)).toBe(38) // the 40 px runs are not counted
  })

  it('weighs a bin with its neighbours, so a spread line beats a single spike', () => {
    // 1.6, 1.8 and 2.0 px columns of one JPEG-softened line against 12 runs of exactly 5 px.
    const heights = [
      ...Array(8).fill(1.6),
      ...Array(8).fill(1.8),
      ...Array(8).fill(2),
      ...Array(12).fill(5),
    ]
    expect(heightMode(heights).best).toBe(7)
  })

  it('returns the first bin with nothing to count', () => {
    expect(heightMode([]).best).toBe(1) // the first bin the smoothing can centre on
  })
})
