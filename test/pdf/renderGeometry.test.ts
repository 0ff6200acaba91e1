import { describe, expect, it } from 'vitest'
import { MAX_PIXELS, PdfError, apply, renderGeometry } from '../../src/shared/pdf'

// An A4 page (595.28 × 841.89 pt) at scale 2, as PDF.js's getViewport gives it.
const A4 = { transform: [2, 0, 0, -2, 0, 1683.78], width: 1190.56, height: 1683.78 }

describe('renderGeometry', () => {
  it('covers the whole page in whole pixels, page points to pixels', () => {
    const g = renderGeometry(A4)
    expect([g.width, g.height, g.pageWidth, g.pageHeight]).toEqual([1191, 1684, 1191, 1684])
    expect(g.crop).toEqual({ x: 0, y: 0, width: 1191, height: 1684 })
    expect(apply(g.toPixel, 0, 841.89)).toEqual({ x: 0, y: 0 })
    expect(apply(g.toPixel, 100, 0).x).toBe(200)
    expect(apply(g.toPixel, 100, 0).y).toBeCloseTo(1683.78, 9)
  })

  it('shifts pixels by the crop’s corner', () => {
    const g = renderGeometry(A4, { x: 100, y: 50, width: 400, height: 300 })
    expect([g.width, g.height]).toEqual([400, 300])
    expect(apply(g.toPixel, 50, 841.89)).toEqual({ x: 0, y: -50 })
  })

  it('refuses crops outside the page, fractional crops and renders too large', () => {
    const bad = [
      { x: -1, y: 0, width: 10, height: 10 },
      { x: 1190, y: 0, width: 2, height: 10 },
      { x: 0, y: 0, width: 0, height: 10 },
      { x: 0.5, y: 0, width: 10, height: 10 },
    ]
    for (const crop of bad) expect(() => renderGeometry(A4, crop)).toThrow(PdfError)
    const huge = { transform: [20, 0, 0, -20, 0, 16837.8], width: 11905.6, height: 16837.8 }
    expect(() => renderGeometry(huge)).toThrow(/more than 64 million/)
    expect(renderGeometry(huge, { x: 0, y: 0, width: 1000, height: 1000 }).width).toBe(1000)
    expect(MAX_PIXELS).toBe(64e6)
    expect(() => renderGeometry({ ...A4, transform: [1, 0, 0] })).toThrow(PdfError)
  })
})
