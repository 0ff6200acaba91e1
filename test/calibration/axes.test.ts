import { describe, expect, it } from 'vitest'
import { axesTransform, CalibrationError } from '../../src/shared/calibration/axes'

// shared/cases/lung/truth.json
const lung = {
  x1: { px: 240, py: 760, value: 0 },
  x2: { px: 1370, py: 760, value: 36 },
  y1: { px: 240, py: 760, value: 0 },
  y2: { px: 240, py: 60, value: 1 },
}

describe('axesTransform', () => {
  it('maps the calibration points to their values and back', () => {
    const t = axesTransform(lung)
    expect(t.toData(240, 760)).toEqual({ x: 0, y: 0 })
    const p = t.toData(1370, 60)
    expect(p.x).toBeCloseTo(36, 12)
    expect(p.y).toBeCloseTo(1, 12)
    const q = t.toPixel(18, 0.5)
    expect(q.px).toBeCloseTo(805, 9)
    expect(q.py).toBeCloseTo(410, 9)
  })

  it('handles a rotated and sheared figure exactly (affine)', () => {
    const angle = 0.05
    const rot = (x: number, y: number) => ({
      px: 100 + x * Math.cos(angle) - y * Math.sin(angle),
      py: 500 + x * Math.sin(angle) + y * Math.cos(angle) + 0.1 * x,
    })
    // Data (t, s) drawn at local (t·20, −s·400), then rotated and sheared.
    const at = (t: number, s: number) => rot(t * 20, -s * 400)
    const cal = {
      x1: { ...at(0, 0), value: 0 },
      x2: { ...at(30, 0), value: 30 },
      y1: { ...at(0, 0.2), value: 0.2 },
      y2: { ...at(0, 1), value: 1 },
    }
    const t = axesTransform(cal)
    const p = at(12.5, 0.63)
    const d = t.toData(p.px, p.py)
    expect(d.x).toBeCloseTo(12.5, 9)
    expect(d.y).toBeCloseTo(0.63, 9)
  })

  it('maps log axes through log10', () => {
    const t = axesTransform({
      x1: { px: 0, py: 100, value: 1 },
      x2: { px: 200, py: 100, value: 100 },
      y1: { px: 0, py: 100, value: 0 },
      y2: { px: 0, py: 0, value: 1 },
      xScale: 'log',
    })
    expect(t.toData(100, 50).x).toBeCloseTo(10, 9)
  })

  it('refuses identical points, equal values, log values ≤ 0 and collinear axes', () => {
    expect(() => axesTransform({ ...lung, x2: { ...lung.x1, value: 36 } })).toThrow(/same place/)
    expect(() => axesTransform({ ...lung, x2: { ...lung.x2, value: 0 } })).toThrow(/same value/)
    expect(() => axesTransform({ ...lung, xScale: 'log' })).toThrow(
      /log axis has only values above 0/,
    )
    expect(() =>
      axesTransform({
        ...lung,
        y1: { px: 500, py: 760, value: 0 },
        y2: { px: 900, py: 760, value: 1 },
      }),
    ).toThrow(CalibrationError)
  })
})
