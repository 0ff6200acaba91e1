import { type AxisView, INK } from './inkMap'
import type { TickRow } from './tickMarks'

/**
 * Where the tick labels of a row of ticks are: the first band of ink beyond the ticks on the side
 * away from the plot (below the time axis, left of the survival axis), across the pixels
 * `near`…`far` (inclusive, `near` next to the ticks), and how tall the text is along the axis.
 * Lines met first (an axis line under inward ticks) are passed over.
 */
export interface LabelStrip {
  near: number
  far: number
  /** Height of the digits (pixels), to choose how much to enlarge them for OCR. */
  textSize: number
}

/**
 * Scans away from the plot (direction 1: increasing `across`, for the time axis; −1 for the
 * survival axis) over the span of the ticks ± half a step: skips blank lines and lines inked over more than
 * half the span (axis lines), then takes the lines with ink until a gap of `gap` blank lines
 * (labels of the time axis are one line of text; the survival axis's are read across, where a gap
 * between characters is narrow and the gap to the axis title is wide). Null when no ink is found
 * within `reach` pixels.
 */
export function findLabelStrip(
  view: AxisView,
  row: TickRow,
  direction: 1 | -1,
  reach: number,
): LabelStrip | null {
  const u0 = Math.max(0, Math.floor(row.positions[0] - row.spacing / 2))
  const u1 = Math.min(
    view.alongSize - 1,
    Math.ceil(row.positions[row.positions.length - 1] + row.spacing / 2),
  )
  const span = u1 - u0 + 1
  const inkOn = (v: number) => {
    let n = 0
    for (let u = u0; u <= u1; u++) if (view.at(u, v) > INK) n++
    return n
  }
  const start = direction === 1 ? row.to + 1 : row.from - 1
  const inside = (v: number) => v >= 0 && v < view.acrossSize && Math.abs(v - start) <= reach
  let v = start
  while (inside(v)) {
    const n = inkOn(v)
    if (n > 0 && n <= span / 2) break
    v += direction
  }
  if (!inside(v)) return null
  const near = v
  // Below the time axis the text's height is the lines it spans; left of the survival axis it is
  // read along the axis, as the longest ink run near a tick in the text's first lines.
  const across = direction === 1
  const digit = across ? 0 : runThrough(view, row, near, direction)
  const gap = across ? 2 : Math.max(3, Math.round(0.7 * digit))
  let far = near
  let blank = 0
  for (let w = near; inside(w); w += direction) {
    const n = inkOn(w)
    if (n === 0 || n > span / 2) {
      if (++blank >= gap) break
    } else {
      blank = 0
      far = w
    }
  }
  const textSize = across ? Math.abs(far - near) + 1 : digit
  return { near: Math.min(near, far), far: Math.max(near, far), textSize }
}

/**
 * The longest run of inked pixels along the axis near each tick, in the 24 lines from `near`
 * (at least one whole digit of a label), the median over the ticks.
 */
function runThrough(view: AxisView, row: TickRow, near: number, direction: 1 | -1): number {
  const sizes: number[] = []
  for (const p of row.positions) {
    let best = 0
    for (let k = 0; k < 24; k++) {
      const v = near + k * direction
      if (v < 0 || v >= view.acrossSize) break
      const lo = Math.max(0, Math.floor(p - row.spacing / 2))
      const hi = Math.min(view.alongSize - 1, Math.ceil(p + row.spacing / 2))
      let run = 0
      for (let u = lo; u <= hi; u++) {
        run = view.at(u, v) > INK ? run + 1 : 0
        if (run > best) best = run
      }
    }
    if (best > 0) sizes.push(best)
  }
  sizes.sort((a, b) => a - b)
  return sizes.length ? sizes[Math.floor(sizes.length / 2)] : 0
}
