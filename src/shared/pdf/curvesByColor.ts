import { deltaE, rgbToLab } from '../trace/color'
import { DEFAULT_TOLERANCE } from '../trace/traceCurve'
import type { Rgb } from '../trace/types'

/**
 * The curves of each of the given colours, in the order given: each curve goes to the nearest of
 * the colours within `tolerance` (CIELAB ΔE*76; default as for tracing pixels), or to none. A
 * colour picked from the rendered image matches its vector curve exactly, or nearly where an
 * eyedropper caught an anti-aliased edge. One list per colour, empty when the colour has no curve.
 */
export function curvesByColor<T extends { color: Rgb }>(
  curves: readonly T[],
  colors: readonly Rgb[],
  tolerance = DEFAULT_TOLERANCE,
): T[][] {
  const wanted = colors.map((c) => rgbToLab(...c))
  const groups: T[][] = colors.map(() => [])
  for (const curve of curves) {
    const lab = rgbToLab(...curve.color)
    let best = -1
    let bestDistance = Infinity
    wanted.forEach((w, i) => {
      const d = deltaE(w, lab)
      if (d <= tolerance && d < bestDistance) {
        best = i
        bestDistance = d
      }
    })
    if (best >= 0) groups[best].push(curve)
  }
  return groups
}
