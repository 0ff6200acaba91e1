import { deltaE, rgbToLab } from './color'
import type { PixelIndex } from './coverage'
import { traceRows } from './traceAudit'
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
  if (points.length < 2) return null
  const { area, width, height, ids, labs, colors, background } = index
  const bg = rgbToLab(...background)
  const from = Math.ceil(points[0].x)
  const x0 = Math.max(area.x0, from)
  const x1 = Math.min(area.x1 - 1, Math.floor(points[points.length - 1].x))
  const { lo, hi } = traceRows(points, from, x1)
  const reach = lineWidth / 2 + 1
  const cores: number[] = []
  for (let x = x0; x <= x1; x++) {
    const k = x - from
    if (!(lo[k] <= hi[k])) continue
    let best = -1
    let far = 0
    const y0 = Math.max(area.y0, Math.floor(lo[k] - reach))
    const y1 = Math.min(area.y0 + height - 1, Math.ceil(hi[k] + reach))
    for (let y = y0; y <= y1; y++) {
      const id = ids[(y - area.y0) * width + (x - area.x0)]
      if (id < 0) continue
      const d = deltaE(labs[id], bg)
      if (d > far) {
        far = d
        best = id
      }
    }
    if (best >= 0) cores.push(best)
  }
  if (cores.length < MIN_COLUMNS) return null
  const median = (o: number) => {
    const v = cores.map((id) => colors[3 * id + o]).sort((a, b) => a - b)
    return v[Math.floor(v.length / 2)]
  }
  return [median(0), median(1), median(2)]
}
