import { describe, expect, it } from 'vitest'
import { type OcrRequest, detectAxes } from '../../src/shared/axes'
import type { OcrWord } from '../../src/shared/ocr/ocrWord'
import type { RgbaImage } from '../../src/shared/trace/types'

/**
 * Small tick labels (7 pixels tall) are enlarged to the cap (×6) by both the second and the third
 * reading: the third would read the second's very image again. A stand-in reader that, like the
 * engine, gives the same words for the same request, and counts the requests.
 */
const X_TICKS = [50, 125, 200, 275, 350]
const Y_TICKS = [250, 190, 130, 70, 10]

function smallLabels(): RgbaImage {
  const width = 400
  const height = 320
  const data = new Uint8ClampedArray(width * height * 4).fill(255)
  const ink = (x: number, y: number, w: number, h: number) => {
    for (let j = y; j < y + h; j++)
      for (let i = x; i < x + w; i++) data.set([0, 0, 0], (j * width + i) * 4)
  }
  ink(50, 250, 301, 1) // time axis
  ink(50, 10, 1, 241) // survival axis
  for (const x of X_TICKS) {
    ink(x, 251, 1, 5)
    ink(x - 5, 260, 11, 7) // its label
  }
  for (const y of Y_TICKS) {
    ink(44, y, 6, 1)
    ink(28, y - 3, 12, 7)
  }
  ink(170, 280, 60, 7) // the axis title
  return { data, width, height }
}

const X = ['0', '12', '24', '36', '48']
const Y = ['0', '25', '50', '75', '100']

describe('detectAxes with small labels', () => {
  it('reads no label twice at the same enlargement, and settles as the repeated reading would', async () => {
    const requests: string[] = []
    const read = async (req: OcrRequest): Promise<OcrWord[]> => {
      const { x: rx, y: ry, width, height } = req.region
      const word = (text: string, x0: number, y0: number): OcrWord => ({
        text,
        confidence: 80,
        box: { x0, y0, x1: x0 + 10, y1: y0 + 7 },
      })
      if (!req.charWhitelist) return [word('Time (months)', 170, 280)]
      requests.push(JSON.stringify(req))
      const cx = rx + width / 2
      const cy = ry + height / 2
      if (cy > 255) {
        const k = X_TICKS.findIndex((t) => Math.abs(t + 0.5 - cx) < 30)
        // The third label's first (least enlarged) reading misses a digit; enlarged, it is right.
        const text = k === 2 && (req.upscale ?? 1) < 5.5 ? '2' : X[k]
        return [word(text, X_TICKS[k] - 4.5, 260)]
      }
      const k = Y_TICKS.findIndex((t) => Math.abs(t + 0.5 - cy) < 20)
      return [word(Y[k], 28, Y_TICKS[k] - 3)]
    }
    const found = await detectAxes(smallLabels(), read)
    expect(found.calibration).not.toBeNull()
    expect([found.calibration!.x1.value, found.calibration!.x2.value]).toEqual([0, 48])
    expect(found.x.labels).toBe(5)
    expect(found.problems).toEqual([])
    // Each label read at ×5 then ×6, never ×6 again.
    expect(requests.length).toBe(new Set(requests).size)
  })
})
