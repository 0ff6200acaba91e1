import { describe, expect, it } from 'vitest'
import { deltaE, rgbToLab } from '../../src/shared/trace/color'
import { expectClose } from '../helpers/close'

/**
 * CIELAB by the IEC 61966-2-1 transfer function computed exactly (a power per channel) and the
 * CIE 1976 formulas under D65, as color.ts documents them: the reference that its tabulated,
 * interpolated transfer function for fractional channels must match.
 */
function exactLab(r: number, g: number, b: number): [number, number, number] {
  const lin = (v: number) => {
    const c = Math.min(1, Math.max(0, v / 255))
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 / 116) * t + 16 / 116)
  const [R, G, B] = [lin(r), lin(g), lin(b)]
  const fx = f((0.4124564 * R + 0.3575761 * G + 0.1804375 * B) / 0.95047)
  const fy = f(0.2126729 * R + 0.7151522 * G + 0.072175 * B)
  const fz = f((0.0193339 * R + 0.119192 * G + 0.9503041 * B) / 1.08883)
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)]
}

describe('rgbToLab', () => {
  it('gives fractional channels (blends) as the exact transfer function does, to 1e-8 ΔE', () => {
    // Deterministic spread over the whole range, both sides of the linear segment's end (10.31),
    // the ends 0 and 255, and just inside them.
    const values = [0, 0.4, 10.3, 10.32, 10.5, 127.5, 254.6, 254.999, 255]
    for (let k = 0; k < 2000; k++) values.push(((k * 7919) % 25500) / 100 + 0.003 * (k % 7))
    let worst = 0
    for (let k = 0; k < values.length; k++) {
      const rgb: [number, number, number] = [
        values[k],
        values[(k * 31 + 5) % values.length],
        values[(k * 57 + 11) % values.length],
      ]
      worst = Math.max(worst, deltaE(rgbToLab(...rgb), exactLab(...rgb)))
    }
    expect(worst).toBeLessThan(1e-8)
  })

  it('agrees with R grDevices::convertColor for fractional sRGB (its own white point: within 0.5)', () => {
    // R 4.x: convertColor(rbind(c(128.5, 64.25, 200.75), c(250.3, 10.6, 90.9),
    //   c(11.2, 240.7, 30.05)) / 255, from = "sRGB", to = "Lab")
    const r: [number, number, number, number, number, number][] = [
      [128.5, 64.25, 200.75, 42.08075012, 53.48643402, -60.45834984],
      [250.3, 10.6, 90.9, 53.58120952, 80.3952797, 24.52498758],
      [11.2, 240.7, 30.05, 83.29513359, -81.75427159, 76.10921818],
    ]
    for (const [red, green, blue, L, a, b] of r) {
      const lab = rgbToLab(red, green, blue)
      // R adapts to its white point differently (a few tenths of ΔE), hence the absolute floor.
      expectClose(lab[0], L, { rel: 0, abs: 0.5 }, 'L*')
      expectClose(lab[1], a, { rel: 0, abs: 0.5 }, 'a*')
      expectClose(lab[2], b, { rel: 0, abs: 0.5 }, 'b*')
    }
  })

  it('reads whole channels through the exact table', () => {
    for (const rgb of [
      [0, 0, 0],
      [255, 255, 255],
      [31, 119, 180],
      [10, 11, 12],
    ] as [number, number, number][]) {
      const lab = rgbToLab(...rgb)
      const exact = exactLab(...rgb)
      for (let j = 0; j < 3; j++) expectClose(lab[j], exact[j], { rel: 1e-12, abs: 1e-12 }, 'Lab')
    }
  })
})
