import { describe, expect, it } from 'vitest'
import { traceRowsOf } from '../../src/shared/trace/traceAudit'
import { lineDarkness } from '../../src/shared/trace/lineDarkness'
import type { RgbaImage, TracedCurve } from '../../src/shared/trace'
import { armOf, tracedStyled } from './helpers'

/**
 * JAMA's slate (#374E55) and grey (#808080) arms differ only in how dark they are, and a thin
 * line in a low-quality JPEG keeps no tint: both read as greys. On development seeds 7324 and
 * 6210 (forced JAMA style) each trace started along the other's line and followed it to its end,
 * both `whole` and unwarned (within 2 px of their own lines in 0–1% of their columns). The
 * slate trace lay on the lighter line; each arm traced again with its first line masked lies on
 * its own.
 */
describe('two arms told apart by darkness alone', () => {
  for (const seed of [7324, 6210]) {
    it(`are traced on the lines of their darkness (seed ${seed})`, () => {
      const arms = tracedStyled(seed, 'jama')
      for (const color of ['#374E55', '#808080']) {
        const { whole, curve } = armOf(arms, { color })
        expect(whole.within).toBeGreaterThan(0.95)
        expect(curve.warnings.map((w) => w.code)).not.toContain('lines-swapped')
      }
    })
  }

  // Development seed 6181: the lines cross at month 14, and each trace is on the other's line
  // before the crossing and on its own after. Traced again off their first lines, the two run
  // together, so the first traces stay, and both say they may be swapped.
  it('are warned when the re-trace cannot separate them (seed 6181)', () => {
    const arms = tracedStyled(6181, 'jama')
    for (const color of ['#374E55', '#808080']) {
      const { curve } = armOf(arms, { color })
      const warning = curve.warnings.find((w) => w.code === 'lines-swapped')
      expect(warning?.message).toMatch(/#374e55 and #808080|#808080 and #374e55/)
    }
  })

  it('leaves arms on their own lines alone (seed 7240)', () => {
    for (const { curve } of tracedStyled(7240, 'jama')) {
      expect(curve.warnings.map((w) => w.code)).not.toContain('lines-swapped')
    }
  })
})

describe('lineDarkness', () => {
  // A 20×12 white image with a grey row (luma 128) at y = 3 and a dark one (luma 64) at y = 7.
  const image: RgbaImage = { width: 20, height: 12, data: new Uint8ClampedArray(20 * 12 * 4) }
  image.data.fill(255)
  for (let x = 0; x < 20; x++) {
    for (const [y, v] of [
      [3, 128],
      [7, 64],
    ]) {
      image.data.set([v, v, v], 4 * (y * 20 + x))
    }
  }
  const flat = (y: number): TracedCurve =>
    ({
      points: [
        { x: 0, y, time: 0, surv: 1 },
        { x: 19, y, time: 1, surv: 1 },
      ],
    }) as unknown as TracedCurve
  const [grey, dark] = traceRowsOf([flat(3), flat(7)])

  it("reads each line's darkest pixel against the background", () => {
    expect(lineDarkness(image, [255, 255, 255], grey, null, 1).darkness).toBeCloseTo(127 / 255, 3)
    expect(lineDarkness(image, [255, 255, 255], dark, null, 1).darkness).toBeCloseTo(191 / 255, 3)
  })

  it('leaves out the columns where the other line lies near', () => {
    // 4 rows apart: closer than a line width and APART_PX, so no column is read.
    expect(lineDarkness(image, [255, 255, 255], grey, dark, 1).columns).toBe(0)
  })
})
