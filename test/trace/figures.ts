import type { RgbaImage } from '../../src/shared/trace'
import { figureSpec } from '../generator/figureSpec'
import { type FigureSpec, renderKmFigure } from '../generator/kmFigure'
import { random, simulateIpd } from '../generator/simulateIpd'

/**
 * Figures for the overlap and arm-finding tests, built from the shared generator (test/generator)
 * by choosing the patients and colours: the generator draws arms in order, so a later arm's ink
 * lies over an earlier one's wherever their curves coincide.
 */

const BASE = {
  n: 150,
  median: 20,
  shape: 1,
  cured: 0,
  followUp: 48,
  accrual: 24,
  dropout: 0.01,
  resolution: 0.01,
}

/**
 * Two arms with the same patients until `split` (so the same Kaplan–Meier curve, one line drawn
 * over the other), whose later patients then fare worse in the second arm (drawn on top).
 */
export function sharedStartSpec(split: number, overrides: Partial<FigureSpec> = {}): FigureSpec {
  const spec = figureSpec(overrides, { lineWidth: 2 })
  const early = simulateIpd(BASE, random(11))
  spec.arms[0].ipd = early
  spec.arms[1].ipd = early.map((r) =>
    r.time < split ? r : { ...r, time: Math.max(split + 0.01, r.time * 0.6) },
  )
  return spec
}

/** Two arms followed until everyone has died, the last deaths at one time: both tails drop onto the axis together. */
export function touchingTailsSpec(): FigureSpec {
  const rand = random(5)
  const spec = figureSpec()
  const arm = (median: number) =>
    simulateIpd(
      { ...BASE, n: 120, median, shape: 1.5, dropout: 0, followUp: 200, accrual: 0 },
      rand,
    ).map((r) => ({ time: Math.min(r.time, 40), event: 1 as const }))
  spec.arms[0].ipd = arm(14)
  spec.arms[1].ipd = arm(10)
  return spec
}

/**
 * Draws a straight line of `width` pixels in `rgb` from pixel (x0, y0) to (x1, y1) into an image
 * (no anti-aliasing): ink that is drawn like a curve but is none.
 */
export function drawLine(
  image: RgbaImage,
  from: { px: number; py: number },
  to: { px: number; py: number },
  rgb: [number, number, number],
  width = 2,
): void {
  const steps = Math.ceil(Math.hypot(to.px - from.px, to.py - from.py))
  for (let k = 0; k <= steps; k++) {
    const x = Math.round(from.px + ((to.px - from.px) * k) / steps)
    const y = Math.round(from.py + ((to.py - from.py) * k) / steps)
    for (let dy = 0; dy < width; dy++) {
      const o = ((y + dy) * image.width + x) * 4
      image.data[o] = rgb[0]
      image.data[o + 1] = rgb[1]
      image.data[o + 2] = rgb[2]
    }
  }
}

export { renderKmFigure }
