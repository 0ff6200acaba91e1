import { deltaE, rgbToLab } from './color'
import type { PixelIndex } from './coverage'
import { alongTrace, medianColour } from './inkColour'
import type { Rgb } from './types'

/** Columns of ink needed to name a line's colour. */
const MIN_COLUMNS = 20

/**
 * The colour of the line a trace lies on, as an eyedropper on the line would pick it: in each
 * traced column, the pixel within half the line's width and a pixel of the trace that stands
 * furthest from the background (ΔE*76: the line's core, not its anti-aliased edge), and of those
 * pixels the median of each channel. `points` are the trace's corners (image pixels). Null when
 * fewer than MIN_COLUMNS columns hold ink there.
 */
export function lineInk(
  index: PixelIndex,
  points: readonly { x: number; y: number }[],
  lineWidth: number,
): Rgb | null {
  const { ids, labs, background } = index
  const bg = rgbToLab(...background)
  const cores: number[] = []
  alongTrace(index, points, lineWidth, (first, last, step) => {
    let best = -1
    let far = 0
    for (let i = first; i <= last; i += step) {
      const id = ids[i]
      if (id < 0) continue
      const d = deltaE(labs[id], bg)
      if (d > far) {
        far = d
        best = id
      }
    }
    if (best >= 0) cores.push(best)
  })
  return cores.length < MIN_COLUMNS ? null : medianColour(index, cores)
}
