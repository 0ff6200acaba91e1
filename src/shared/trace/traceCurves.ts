import { traceCurve } from './traceCurve'
import type { Calibration, Rgb, RgbaImage, TraceOptions, TracedCurve } from './types'

/**
 * Traces several curves of one figure, each knowing the others' colours (so that a pixel nearer
 * another curve's colour, or a run of a lighter sibling's ink, is not taken for its own). Results
 * are in the order of `colors`.
 */
export function traceCurves(
  image: RgbaImage,
  calibration: Calibration,
  colors: readonly Rgb[],
  options: TraceOptions = {},
): TracedCurve[] {
  return colors.map((color, i) =>
    traceCurve(image, calibration, color, {
      ...options,
      otherColors: [...(options.otherColors ?? []), ...colors.filter((_, j) => j !== i)],
    }),
  )
}
