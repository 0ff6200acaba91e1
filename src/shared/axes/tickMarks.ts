import { type AxisView, INK } from './inkMap'

/**
 * A row of tick marks along an axis: short strokes across the axis, evenly spaced, all spanning
 * the same pixels across it. Positions are sub-pixel (darkness-weighted centroids, in the tracer's
 * convention: pixel i is centred at i + ½).
 */
export interface TickRow {
  /** Tick positions along the axis, increasing. */
  positions: number[]
  /** The pixels across the axis that the ticks span, first and last (inclusive). */
  from: number
  to: number
  /** Pixels between neighbouring ticks. */
  spacing: number
}

/** Wider than this (pixels) a stroke is a line or text, not a tick (2-px ticks antialias to 3–4). */
const MAX_TICK_WIDTH = 6
/** Shortest tick (pixels across the axis): 8-px fonts draw 3-px ticks. */
const MIN_TICK_LENGTH = 2
/** Fewest ticks that can verify an axis: two fix a line, the third checks it. */
export const MIN_TICKS = 3

interface Track {
  /** Sums for the darkness-weighted centroid. */
  w: number
  wu: number
  /** Centre in the last row, to match the next row's stroke. */
  last: number
  from: number
  to: number
}

/**
 * Finds rows of tick marks: every stroke across the axis at most MAX_TICK_WIDTH wide, followed
 * from one line of pixels to the next (a stroke that moves by more than a pixel, or merges with
 * a line, ends); strokes of the same extent grouped; in each group the longest evenly spaced run
 * (other strokes between its ticks, minor ticks or marks, are passed over). `towardPlot` is the
 * direction across the axis in which the plot lies (by default −1: above the time axis; 1: right
 * of the survival axis). Returned best first: most ticks, then widest span. Text and censor marks make rows too; the labels decide (see
 * detectAxes).
 */
export function findTickRows(
  view: AxisView,
  towardPlot: 1 | -1 = view.axis === 'x' ? -1 : 1,
): TickRow[] {
  const { alongSize, acrossSize } = view
  const done: Track[] = []
  let open: Track[] = []
  for (let v = 0; v < acrossSize; v++) {
    const next: Track[] = []
    let u = 0
    let k = 0
    while (u < alongSize) {
      if (view.at(u, v) <= INK) {
        u++
        continue
      }
      let w = 0
      let wu = 0
      const start = u
      // The stroke with its antialiased edges: lighter ink either side counts to the centroid.
      while (u < alongSize && view.at(u, v) > INK) {
        const d = view.at(u, v)
        w += d
        wu += d * (u + 0.5)
        u++
      }
      if (u - start > MAX_TICK_WIDTH) continue
      for (const e of [start - 1, u]) {
        if (e >= 0 && e < alongSize) {
          const d = view.at(e, v)
          w += d
          wu += d * (e + 0.5)
        }
      }
      const c = wu / w
      while (k < open.length && open[k].last < c - 1) k++
      const t = k < open.length && Math.abs(open[k].last - c) <= 1 ? open[k] : null
      if (t) {
        k++
        t.w += w
        t.wu += wu
        t.last = c
        t.to = v
        next.push(t)
      } else next.push({ w, wu, last: c, from: v, to: v })
    }
    const kept = new Set(next)
    for (const t of open) if (!kept.has(t)) done.push(t)
    open = next
  }
  done.push(...open)
  const ticks = done.filter((t) => t.to - t.from + 1 >= MIN_TICK_LENGTH)
  // Group strokes of the same extent: the end at the plot (the axis line) within 1 px; the far
  // end within 3 (antialiased ends, and small labels that touch their ticks).
  ticks.sort((a, b) => b.to - b.from - (a.to - a.from))
  const groups: Track[][] = []
  const near = (t: Track) => (towardPlot === 1 ? t.to : t.from)
  const far = (t: Track) => (towardPlot === 1 ? t.from : t.to)
  for (const t of ticks) {
    const g = groups.find(
      (g) => Math.abs(near(g[0]) - near(t)) <= 1 && Math.abs(far(g[0]) - far(t)) <= 3,
    )
    if (g) g.push(t)
    else groups.push([t])
  }
  const rows: TickRow[] = []
  for (const g of groups) {
    if (g.length < MIN_TICKS) continue
    const centres = g.map((t) => t.wu / t.w).sort((a, b) => a - b)
    const chain = evenRun(centres)
    if (chain.length < MIN_TICKS) continue
    const members = g.filter((t) => chain.includes(t.wu / t.w))
    const from = Math.min(...members.map((t) => t.from))
    const to = Math.max(...members.map((t) => t.to))
    const step = (chain[chain.length - 1] - chain[0]) / (chain.length - 1)
    if (!isolated(view, chain, from, to, step)) continue
    rows.push({
      positions: chain,
      from,
      to,
      spacing: step,
    })
  }
  // Rows at the same positions are one axis seen twice: its ticks and, further from the plot, the
  // aligned strokes of its labels (the right edges of "%" signs). Keep the row nearest the plot.
  const kept = rows.filter(
    (r) =>
      !rows.some(
        (o) => o !== r && samePositions(o, r) && (towardPlot === 1 ? o.from > r.from : o.to < r.to),
      ),
  )
  const span = (r: TickRow) => r.positions[r.positions.length - 1] - r.positions[0]
  kept.sort((a, b) => b.positions.length - a.positions.length || span(b) - span(a))
  return kept
}

/**
 * Whether two rows have as many ticks, each within a tenth of a step (at least 3 px) of the
 * other's: label glyphs centred on their ticks sit a few pixels off them.
 */
function samePositions(a: TickRow, b: TickRow): boolean {
  const tol = Math.max(3, 0.1 * Math.min(a.spacing, b.spacing))
  return (
    a.positions.length === b.positions.length &&
    a.positions.every((p, i) => Math.abs(p - b.positions[i]) <= tol)
  )
}

/**
 * Whether the strokes stand alone, as tick marks do: in the lines they span, no other dark ink
 * (twice INK: JPEG ringing beside an axis line is fainter) within twice the stroke's length (at
 * most half a step) either side, beyond the stroke's own width, for at least 60% of them (the
 * ticks at the plot's corners may have the other axis's first label or a censor mark beside
 * them).
 * Strokes of digits in a column of labels (the bars of "2", "5", "7" level with each other) have
 * the rest of their glyph beside them and fail.
 */
function isolated(view: AxisView, centres: number[], from: number, to: number, step: number) {
  let alone = 0
  const reach = Math.min(step / 2, 2 * (to - from + 1) + 4)
  for (const c of centres) {
    const lo = Math.max(0, Math.floor(c - reach))
    const hi = Math.min(view.alongSize - 1, Math.ceil(c + reach))
    let other = 0
    for (let v = from; v <= to; v++) {
      for (let u = lo; u <= hi; u++) {
        if (Math.abs(u + 0.5 - c) > MAX_TICK_WIDTH / 2 + 1 && view.at(u, v) > 2 * INK) other++
      }
    }
    if (other === 0) alone++
  }
  return alone >= Math.max(MIN_TICKS - 1, 0.6 * centres.length)
}

/** Closest two ticks can be: closer, labels could not be printed under them. */
const MIN_SPACING = 8

/**
 * The longest run of positions at equal steps (within 1.5 px or 2% of the step), others between
 * them skipped; ties go to the wider step (major ticks over minor ones).
 */
export function evenRun(sorted: number[]): number[] {
  let best: number[] = []
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      const step = sorted[j] - sorted[i]
      if (step < MIN_SPACING) continue
      const tol = Math.max(1.5, 0.02 * step)
      const run = [sorted[i], sorted[j]]
      let k = j + 1
      for (;;) {
        const want = run[run.length - 1] + step
        while (k < sorted.length && sorted[k] < want - tol) k++
        if (k < sorted.length && Math.abs(sorted[k] - want) <= tol) run.push(sorted[k++])
        else break
      }
      const bestStep = best.length > 1 ? best[1] - best[0] : 0
      if (run.length > best.length || (run.length === best.length && step > bestStep)) best = run
    }
  }
  return best
}
