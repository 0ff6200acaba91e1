import { describe, expect, it } from 'vitest'
import { hasInk, inkColor, inkSpan, textLineHeight } from '../../src/shared/riskTable/inkColor'

/** A white image with filled rectangles. */
function image(
  w: number,
  h: number,
  rects: { x0: number; y0: number; x1: number; y1: number; rgb: number[] }[],
) {
  const data = new Uint8ClampedArray(w * h * 4).fill(255)
  for (const r of rects) {
    for (let y = r.y0; y < r.y1; y++) {
      for (let x = r.x0; x < r.x1; x++) data.set([...r.rgb, 255], (y * w + x) * 4)
    }
  }
  return { data, width: w, height: h }
}

describe('ink in a table row', () => {
  const img = image(100, 40, [
    { x0: 10, y0: 10, x1: 30, y1: 20, rgb: [214, 39, 40] }, // a red label
    { x0: 50, y0: 10, x1: 56, y1: 20, rgb: [0, 0, 0] }, // black digits, 2 px apart
    { x0: 58, y0: 10, x1: 64, y1: 20, rgb: [0, 0, 0] },
    { x0: 80, y0: 10, x1: 86, y1: 20, rgb: [0, 0, 0] },
  ])

  it('gives the colour of coloured ink, none for black', () => {
    expect(inkColor(img, { x0: 5, y0: 5, x1: 35, y1: 25 })).toBe('#d62728')
    expect(inkColor(img, { x0: 45, y0: 5, x1: 70, y1: 25 })).toBeUndefined()
    expect(inkColor(img, { x0: 35, y0: 5, x1: 45, y1: 25 })).toBeUndefined()
  })

  it('finds ink, and none in a blank place', () => {
    expect(hasInk(img, { x0: 45, y0: 5, x1: 70, y1: 25 })).toBe(true)
    expect(hasInk(img, { x0: 66, y0: 5, x1: 78, y1: 25 })).toBe(false)
  })

  it('spans a number across the gaps between its digits, not to the next column', () => {
    expect(inkSpan(img, { y0: 5, y1: 25 }, 57, 40, 75, 4)).toEqual({ x0: 50, x1: 64 })
    expect(inkSpan(img, { y0: 5, y1: 25 }, 70, 66, 78, 4)).toBeNull()
  })

  it('measures the height of a line of text', () => {
    expect(textLineHeight(img, { x0: 0, y0: 0, x1: 100, y1: 40 })).toBe(10)
  })
})

describe('textLineHeight', () => {
  it('is not misled by a frame’s vertical lines', () => {
    const img = image(100, 60, [
      { x0: 0, y0: 0, x1: 1, y1: 60, rgb: [0, 0, 0] },
      { x0: 99, y0: 0, x1: 100, y1: 60, rgb: [0, 0, 0] },
      { x0: 20, y0: 10, x1: 40, y1: 17, rgb: [0, 0, 0] },
      { x0: 20, y0: 30, x1: 40, y1: 37, rgb: [0, 0, 0] },
    ])
    expect(textLineHeight(img, { x0: 0, y0: 0, x1: 100, y1: 60 })).toBe(7)
  })
})
