import { type ColumnRuns, RUN_NOT_OWN } from './columnRuns'
import type { Plateau } from './stepCorners'

/** How far (in line widths, plus pixels) above and below the line a mark may reach. */
const REACH_WIDTHS = 5
const REACH_PX = 4

/** A censor mark: its image column (centre) and the level of the plateau it sits on. */
export interface MarkPixel {
  x: number
  y: number
}

/**
 * Finds the censor marks on a traced curve: the ticks, plus signs, crosses and circles that
 * survival plots draw on the curve at each censoring time. KMtoIPD and CEN-KM, and Guyot's
 * algorithm, spread censorings evenly because the marks are not read; here they are.
 *
 * A KM curve never rises, so ink just above a plateau is never the curve; a mark reaches above
 * and below the line by about the same amount in the columns it occupies (the upright of a tick
 * or a plus sign, the two strokes of a cross, the arcs of a circle). Columns of each plateau where
 * this curve's ink reaches at least half a line width (and a pixel) beyond the line on both sides,
 * symmetrically, are grouped, and each group is one mark at its ink-weighted centre — or several
 * spread evenly across it, when it is a multiple of the curves' typical mark wide (a cluster of
 * censorings). Marks at the time of a drop, whose upper half is hidden in the vertical segment,
 * are not found.
 */
export function censorMarks(
  runs: ColumnRuns,
  plateaus: readonly Plateau[],
  lineWidth: number,
): MarkPixel[] {
  const half = lineWidth / 2
  const reach = REACH_WIDTHS * lineWidth + REACH_PX
  const least = Math.max(1, half)
  const groups: { x0: number; x1: number; y: number; weight: number; moment: number }[] = []
  for (const p of plateaus) {
    if (p.weight === 0) continue
    const top = p.level - half
    const bottom = p.level + half
    let open: (typeof groups)[number] | null = null
    for (let x = p.xFirst; x <= p.xLast + Math.ceil(reach); x++) {
      const c = x - runs.x0
      if (c < 0 || c >= runs.columns) break
      let up = 0
      let down = 0
      let touches = false
      for (let j = runs.start[c]; j < runs.start[c + 1]; j++) {
        if (runs.flags[j] & RUN_NOT_OWN) continue
        if (runs.bottom[j] < top - reach || runs.top[j] > bottom + reach) continue
        if (runs.top[j] <= bottom && runs.bottom[j] >= top) touches = true
        up = Math.max(up, Math.min(reach, top - runs.top[j]))
        down = Math.max(down, Math.min(reach, runs.bottom[j] - bottom))
      }
      const isMark =
        up >= least &&
        down >= least &&
        Math.abs(up - down) <= Math.max(1.5, 0.5 * Math.max(up, down))
      if (isMark && (touches || x <= p.xLast)) {
        if (open && x - open.x1 <= 2) open.x1 = x
        else {
          open = { x0: x, x1: x, y: p.level, weight: 0, moment: 0 }
          groups.push(open)
        }
        open.weight += up + down
        open.moment += (x + 0.5) * (up + down)
      } else if (x > p.xLast && !isMark) break
    }
  }
  if (groups.length === 0) return []
  const widths = groups.map((g) => g.x1 - g.x0 + 1).sort((a, b) => a - b)
  const single = Math.max(1, widths[widths.length >> 1])
  const marks: MarkPixel[] = []
  for (const g of groups) {
    const width = g.x1 - g.x0 + 1
    const count = width > 1.5 * single ? Math.max(1, Math.round(width / single)) : 1
    if (count === 1) marks.push({ x: g.moment / g.weight, y: g.y })
    else {
      for (let k = 0; k < count; k++) {
        marks.push({ x: g.x0 + ((k + 0.5) * width) / count, y: g.y })
      }
    }
  }
  return marks
}
