import { describe, expect, it } from 'vitest'
import { hasPointInk } from '../../src/shared/axes/pointInk'
import type { RgbaImage } from '../../src/shared/trace/types'

/** A 30 × 16 white image with black rectangles [x, y, w, h]. */
function label(rects: [number, number, number, number][]): RgbaImage {
  const width = 30
  const height = 16
  const data = new Uint8ClampedArray(width * height * 4).fill(255)
  for (const [x, y, w, h] of rects) {
    for (let j = y; j < y + h; j++)
      for (let i = x; i < x + w; i++) data.set([0, 0, 0], (j * width + i) * 4)
  }
  return { data, width, height }
}
const all = { x: 0, y: 0, width: 30, height: 16 }

describe('hasPointInk', () => {
  it('finds a point at the foot between two digits ("1.5")', () => {
    expect(
      hasPointInk(
        label([
          [4, 3, 4, 10],
          [10, 11, 2, 2],
          [14, 3, 5, 10],
        ]),
        all,
      ),
    ).toBe(true)
  })

  it('finds none in digits alone, a mark at mid-height or a speck after the last digit', () => {
    expect(
      hasPointInk(
        label([
          [4, 3, 4, 10],
          [14, 3, 5, 10],
        ]),
        all,
      ),
    ).toBe(false)
    // A minus-like stroke between the digits is not at their foot.
    expect(
      hasPointInk(
        label([
          [4, 3, 4, 10],
          [10, 7, 2, 2],
          [14, 3, 5, 10],
        ]),
        all,
      ),
    ).toBe(false)
    expect(
      hasPointInk(
        label([
          [4, 3, 4, 10],
          [14, 3, 5, 10],
          [21, 11, 2, 2],
        ]),
        all,
      ),
    ).toBe(false)
  })

  it('looks only inside the region', () => {
    const img = label([
      [4, 3, 4, 10],
      [10, 11, 2, 2],
      [14, 3, 5, 10],
    ])
    expect(hasPointInk(img, { x: 0, y: 0, width: 10, height: 16 })).toBe(false)
  })
})
