import { type ColumnRuns, RUN_MARK, RUN_NOT_OWN } from './columnRuns'
import { type CoverageMap, MARK_INK } from './coverage'
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
 * An upward tick (JCO's style: a short stroke rising from the line only) reaches at least this
 * many line widths, and pixels, above the line.
 */
const UP_WIDTHS = 1
const UP_PX = 1.5
/**
 * Read from the coverage map, a column holds a mark when it has at least INK_EXTRA pixels' worth
 * more of the curve's ink above the line than the plateau's typical column, within
 * WINDOW_WIDTHS line widths plus WINDOW_PX pixels (JPEG leaves a thin tick's pixels below the
 * core coverage that runs need).
 */
const INK_EXTRA = 1
/** At a drop, whose corners spill ink, a mark adds at least this much. */
const DROP_EXTRA = 1.5
const WINDOW_WIDTHS = 3.5
const WINDOW_PX = 2

/**
 * Finds the censor marks on a traced curve: the ticks, plus signs, crosses and circles that
 * survival plots draw on the curve at each censoring time. KMtoIPD and CEN-KM, and Guyot's
 * algorithm, spread censorings evenly because the marks are not read; here they are.
 *
 * A KM curve never rises, so ink just above a plateau is never the curve. A mark is read from
 * the curve's own ink and from mark ink (near-black ink of no curve, RUN_MARK: NEJM draws black
 * "+" on coloured curves) in the columns of each plateau:
 * - a column whose ink reaches at least half a line width (and a pixel) beyond the line on both
 *   sides, symmetrically, holds a mark that crosses the line (the upright of a tick or a plus
 *   sign, the two strokes of a cross, the arcs of a circle);
 * - a column whose ink rises UP_WIDTHS line widths plus UP_PX pixels above the line and not below
 *   it holds an upward tick, except next to the plateau's first column, where the drop onto the
 *   plateau comes down.
 * A column whose ink, read from the coverage map, adds INK_EXTRA above the line (and below it
 * none, or about as much) holds a mark too: JPEG leaves a thin tick below the runs' core coverage.
 * Such columns are grouped, and a group is one mark at its ink-weighted centre, or — a dense run
 * of marks — several spread evenly across it, as many as the curve's typical mark fits. Marks at the
 * time of a drop, whose upper half is hidden in the vertical segment, are read from the ink they
 * add below the lower line or above the upper one (dropMarks).
 */
export function censorMarks(
  runs: ColumnRuns,
  plateaus: readonly Plateau[],
  lineWidth: number,
  cover?: CoverageMap,
): MarkPixel[] {
  const half = lineWidth / 2
  const reach = REACH_WIDTHS * lineWidth + REACH_PX
  const least = Math.max(1, half)
  const rise = UP_WIDTHS * lineWidth + UP_PX
  const skipFirst = Math.ceil(half) + 1
  interface Group {
    x0: number
    x1: number
    y: number
    weight: number
    moment: number
  }
  const groups: Group[] = []
  for (const p of plateaus) {
    if (p.weight === 0) continue
    const top = p.level - half
    const bottom = p.level + half
    let open: Group | null = null
    const extra = cover
      ? inkAround(cover, p, top, bottom, WINDOW_WIDTHS * lineWidth + WINDOW_PX)
      : null
    for (let x = p.xFirst; x <= p.xLast + Math.ceil(reach); x++) {
      const c = x - runs.x0
      if (c < 0 || c >= runs.columns) break
      let up = 0
      let down = 0
      let touches = false
      for (let j = runs.start[c]; j < runs.start[c + 1]; j++) {
        if (runs.flags[j] & RUN_NOT_OWN && !(runs.flags[j] & RUN_MARK)) continue
        if (runs.bottom[j] < top - reach || runs.top[j] > bottom + reach) continue
        if (runs.top[j] <= bottom && runs.bottom[j] >= top) touches = true
        up = Math.max(up, Math.min(reach, top - runs.top[j]))
        down = Math.max(down, Math.min(reach, runs.bottom[j] - bottom))
      }
      const crossing =
        up >= least &&
        down >= least &&
        Math.abs(up - down) <= Math.max(1.5, 0.5 * Math.max(up, down))
      const inPlateau = x >= p.xFirst + skipFirst && x <= p.xLast
      const upward = up >= rise && down < least && inPlateau && touches
      // Or read from the coverage: ink above the line, and below it either none or about as much.
      const above = extra ? extra.above[x - p.xFirst] : 0
      const below = extra ? extra.below[x - p.xFirst] : 0
      const faint =
        x > p.xFirst &&
        x <= p.xLast &&
        above >= INK_EXTRA &&
        (below < 0.35 * above || Math.abs(above - below) <= 0.5 * above)
      const isMark = crossing || upward || faint
      if (isMark && (touches || x <= p.xLast)) {
        const ink = crossing ? up + down : upward ? up : above + Math.max(0, below)
        if (open && x - open.x1 <= 2) open.x1 = x
        else {
          open = { x0: x, x1: x, y: p.level, weight: 0, moment: 0 }
          groups.push(open)
        }
        open.weight += ink
        open.moment += (x + 0.5) * ink
      } else if (x > p.xLast && !isMark) break
    }
  }
  if (cover) {
    const window = WINDOW_WIDTHS * lineWidth + WINDOW_PX
    for (let k = 1; k + 1 < plateaus.length; k++) {
      const [p, q] = [plateaus[k], plateaus[k + 1]]
      if (p.weight === 0 || q.weight === 0) continue
      for (const g of dropMarks(cover, p, q, half, window)) {
        if (!groups.some((h) => g.x0 <= h.x1 + 2 && h.x0 <= g.x1 + 2)) groups.push(g)
      }
    }
  }
  if (groups.length === 0) return []
  const widths = groups.map((g) => g.x1 - g.x0 + 1).sort((a, b) => a - b)
  const single = Math.max(1, widths[widths.length >> 1])
  const marks: MarkPixel[] = []
  for (const g of groups) {
    const width = g.x1 - g.x0 + 1
    const count = width > 1.5 * single ? Math.max(1, Math.round(width / single)) : 1
    if (count === 1) {
      marks.push({ x: g.moment / g.weight, y: g.y })
      continue
    }
    for (let k = 0; k < count; k++) {
      marks.push({ x: g.x0 + ((k + 0.5) * width) / count, y: g.y })
    }
  }
  return marks
}

/**
 * For columns xFrom…xTo, the ink of the curve (coverage, or 1 for a pixel of mark ink) in the rows
 * wholly above `top` within `window` pixels, and in those wholly below `bottom`.
 */
function inkSums(
  map: CoverageMap,
  xFrom: number,
  xTo: number,
  top: number,
  bottom: number,
  window: number,
): { above: Float64Array; below: Float64Array } {
  const n = Math.max(0, xTo - xFrom + 1)
  const above = new Float64Array(n)
  const below = new Float64Array(n)
  const { area, width, height, cover, other } = map
  const ink = (x: number, r: number) => {
    const y = r - area.y0
    if (y < 0 || y >= height) return 0
    const i = y * width + (x - area.x0)
    return other[i] === MARK_INK ? 1 : cover[i]
  }
  const aboveFrom = Math.ceil(top - window)
  const aboveTo = Math.floor(top - 1.5)
  const belowFrom = Math.ceil(bottom + 0.5)
  const belowTo = Math.floor(bottom + window)
  for (let k = 0; k < n; k++) {
    const x = xFrom + k
    if (x < area.x0 || x >= area.x1) continue
    for (let r = aboveFrom; r <= aboveTo; r++) above[k] += ink(x, r)
    for (let r = belowFrom; r <= belowTo; r++) below[k] += ink(x, r)
  }
  return { above, below }
}

const median = (xs: Float64Array) => {
  const s = Array.from(xs).sort((a, b) => a - b)
  return s.length ? s[s.length >> 1] : 0
}

/**
 * inkSums over a plateau's columns (from its first), each less the plateau's median column: what
 * a mark adds to the line.
 */
function inkAround(
  map: CoverageMap,
  p: Plateau,
  top: number,
  bottom: number,
  window: number,
): { above: Float64Array; below: Float64Array } {
  const { above, below } = inkSums(map, p.xFirst, p.xLast, top, bottom, window)
  const ma = median(above)
  const mb = median(below)
  for (let k = 0; k < above.length; k++) {
    above[k] -= ma
    below[k] -= mb
  }
  return { above, below }
}

/**
 * Marks at a drop, in the columns between two plateaus: a mark at a censoring time at (or within
 * a pixel or two of) an event sits on the lower level, where the vertical segment hides its
 * upper half — but a tick or a plus sign reaches below the lower line, and an upward tick longer
 * than the drop above the upper one, which the drop's own ink never does. Columns with at least
 * DROP_EXTRA of such ink (more than the plateaus' typical column) are grouped into marks.
 */
function dropMarks(
  map: CoverageMap,
  p: Plateau,
  q: Plateau,
  half: number,
  window: number,
): { x0: number; x1: number; y: number; weight: number; moment: number }[] {
  const xFrom = p.xLast + 1
  const xTo = q.xFirst - 1
  if (xTo < xFrom) return []
  const upper = inkSums(map, p.xFirst, p.xLast, p.level - half, p.level + half, window)
  const lower = inkSums(map, q.xFirst, q.xLast, q.level - half, q.level + half, window)
  const above = inkSums(map, xFrom, xTo, p.level - half, p.level + half, window).above
  const below = inkSums(map, xFrom, xTo, q.level - half, q.level + half, window).below
  const ma = median(upper.above)
  const mb = median(lower.below)
  const out: { x0: number; x1: number; y: number; weight: number; moment: number }[] = []
  for (let k = 0; k < above.length; k++) {
    const ink = Math.max(above[k] - ma, below[k] - mb)
    if (ink < DROP_EXTRA) continue
    const x = xFrom + k
    const last = out[out.length - 1]
    if (last && x - last.x1 <= 1) last.x1 = x
    else out.push({ x0: x, x1: x, y: q.level, weight: 0, moment: 0 })
    out[out.length - 1].weight += ink
    out[out.length - 1].moment += (x + 0.5) * ink
  }
  return out
}
