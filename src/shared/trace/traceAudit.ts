import type { AxisMap } from './calibration'
import {
  type ColumnRuns,
  RUN_ALTERNATE,
  RUN_MARK,
  RUN_NEXT_TO_OTHER,
  RUN_NOT_OWN,
  RUN_SIBLING,
  RUN_UNDER,
} from './columnRuns'
import { formatColor, luma, rgbToLab } from './color'
import type { TraceWarning, TracedCurve } from './types'
import { heightMode } from './heightMode'

/**
 * An independent check of a finished trace against the ink it was traced from, using only what
 * the tracer sees: where the trace and its ink disagree more than the tracer's own status shows,
 * the curve is warned of (code `steps-merged`), so that no trace that is not whole passes as
 * whole in silence.
 *
 * What it catches: a thick line whose steps are closer together than its width (ggplot2 and
 * survminer draw 1–4 px lines; a staircase of many small drops then reads as a band of ink, not
 * as plateaus). The tracer's line width (the median height of the runs its path crosses) then
 * far exceeds the line's true width (the commonest height of the colour's runs, which flat
 * stretches and the legend's sample give), and the trace — one path through that band — merges
 * and shifts drops by more than 2 px. Its second measure, for the milder cases, is how often the
 * trace drawn at the line's width does not cover the same rows as the ink (by more than
 * MISMATCH_PX at either edge). Neither warns of a trace that, read column by column from its ink's
 * edges (offInk), lies on its line. Where neither fires, it warns (code `off-ink`) of a trace that
 * lies over 2 px off the line its ink's edges show in many columns (offInk), column by column
 * rather than by one ratio over the curve. It also warns (code `marks-beyond-end`) when censor marks joined
 * to the trace's end go on well beyond it (marksBeyondEnd), (code `never-falls`) when the trace
 * stays at its start level across nearly the whole plot, and (code `beside-ink`) when
 * the trace runs beside its own ink rather than on it in many columns (besideInk). Three local
 * checks look at one stretch rather than a share of the curve: (code `beyond-axes`) a trace
 * that goes beyond the rows of survival 0 or 1 (outsidePlot), and (code `away-from-line`) one
 * that follows other ink over a stretch while its own line runs at another level (awayFromLine),
 * and (code `off-plain-line`) one that lies off its line over a stretch where that line is
 * plainly seen on its own, as where it cut a corner (offPlainLine).
 * warnFollowsOther compares the traces of a figure's curves with each other (code
 * `follows-other`): over their length, and over a lighter trace's tail that ends where a darker
 * one ends; and (code `ends-under-other`) a trace that ends where another goes on at its level,
 * or (from the ink alone: footOnOtherLine) at the foot of a drop onto another curve's line.
 *
 * The thresholds were chosen on development seeds 3000–3119 of the styled generator (measured
 * 08:30 UTC, not asserted): survminer arms whose trace was not whole had ratios of 1.8–13.7,
 * whole arms mostly below 2; a grey arm that followed a slate one ran with it over 40–99% of its
 * columns, other arms under 15%.
 */

/**
 * Columns without ink that marksBeyondEnd bridges (plus a line width): the gap between two
 * censor marks whose line beneath shows no ink. On forced-NEJM development seed 3002 (arm C,
 * #E18727, traced to month 18 of 21.6 once its darkened pixels beside marks count as its line)
 * the marks past the end lie 7–10 columns apart, and a break of 3 or 6 stopped at the first
 * gap; 10 reached them. At 15, forced-NEJM seeds 3000–3039 and 4000–4039 and all styles of
 * 3000–3119 and 4000–4119 kept the same whole and silent arms as at 3, with one more false alarm
 * (21:55 UTC, not asserted).
 */
const MARK_BREAK = 15
/**
 * Marks beyond the end over this many columns, and this share of the plot's width, are a warning:
 * a trace that ends 2% of the time span early is not whole (issue 10). Measured on dev seeds
 * 3000–3119 and 4000–4119 (11:10 UTC, not asserted): whole arms' ink joined to their end reached
 * at most 0.021 of the width; NEJM tails lost under marks 0.054–0.45.
 */
const MARKS_BEYOND_PX = 10
const MARKS_BEYOND_SHARE = 0.025
/** A trace that ends at or below this survival has dropped to the axis: no tail hides beyond it. */
const AXIS_SURV = 0.01
/**
 * A trace that never falls by more than its line's width (plus a pixel of JPEG softening) over
 * this share of the plot's width or more is a warning: a grey frame or a line at survival 1 read
 * in the curve's colour carries the trace from its start along the top of the plot while the
 * curve's line falls away beneath (forced-JCO development seed 4114 A, forced-NEJM 4075 B: a
 * grey box frame read as 0.78 covered by a blue, the traces ran at survival 1 over 97% of the
 * width). On dev seeds 3000–3119 and 4000–4119, all styles and forced JCO and NEJM, it warned
 * of those two arms and of no whole one (01:30 UTC 12-07, not asserted).
 */
const NEVER_FALLS_SHARE = 0.9

/** The path crosses runs this many times the line's width (median over the path): merged steps. */
const TALL_RATIO = 2
/** ... or this many times, with the drawn trace off its ink's edges in MISMATCH_SHARE of columns. */
const TALL_RATIO_MILD = 1.5
const MISMATCH_SHARE = 0.5
/** An edge of the drawn trace further than this (pixels) from the ink's edge is off. */
const MISMATCH_PX = 2
/** A run this many times the line's width is a drop or merged steps, not a plateau. */
const TALL_RUN = 2
/**
 * A run whose largest pixel coverage is below this is a speck of JPEG noise or anti-aliased
 * fringe, not the line's core. Measured on dev seeds 3000–3119 (12:00 UTC, not asserted): specks
 * beside survminer lines peak at 0.45–0.5 and outnumber the line's own runs, so that the
 * commonest height, counted over them, fell to the 0.8 px floor on 79 of 568 arms (2 without them).
 */
const CORE_PEAK = 0.75

/** The rows [lo, hi] the traced polyline spans in each column x0…x1 (corners joined by lines). */
export function traceRows(
  points: readonly { x: number; y: number }[],
  x0: number,
  x1: number,
): { lo: Float64Array; hi: Float64Array } {
  const n = Math.max(0, x1 - x0 + 1)
  const lo = new Float64Array(n).fill(Infinity)
  const hi = new Float64Array(n).fill(-Infinity)
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]
    const b = points[i + 1]
    const c0 = Math.max(x0, Math.floor(Math.min(a.x, b.x)))
    const c1 = Math.min(x1, Math.floor(Math.max(a.x, b.x) - 1e-9))
    const yAt = (u: number) =>
      b.x === a.x
        ? a.y
        : a.y + ((b.y - a.y) * (Math.min(Math.max(u, a.x), b.x) - a.x)) / (b.x - a.x)
    for (let x = c0; x <= Math.max(c0, c1) && x <= x1; x++) {
      const ya = b.x === a.x ? Math.min(a.y, b.y) : Math.min(yAt(x), yAt(x + 1))
      const yb = b.x === a.x ? Math.max(a.y, b.y) : Math.max(yAt(x), yAt(x + 1))
      lo[x - x0] = Math.min(lo[x - x0], ya)
      hi[x - x0] = Math.max(hi[x - x0], yb)
    }
  }
  return { lo, hi }
}

/**
 * Calls `visit` for each column x of a trace that lies among the runs' columns and that the traced
 * polyline spans there (rows lo…hi), with the runs' column index c.
 */
function eachTracedColumn(
  points: readonly { x: number; y: number }[],
  runs: ColumnRuns,
  visit: (c: number, lo: number, hi: number, x: number) => void,
): void {
  if (points.length < 2) return
  const x0 = Math.ceil(points[0].x)
  const x1 = Math.floor(points[points.length - 1].x)
  const { lo, hi } = traceRows(points, x0, x1)
  for (let x = x0; x <= x1; x++) {
    const k = x - x0
    const c = x - runs.x0
    if (c >= 0 && c < runs.columns && lo[k] <= hi[k]) visit(c, lo[k], hi[k], x)
  }
}

/**
 * The commonest height (pixels) of the colour's own core runs (not specks, CORE_PEAK), in
 * quarter-pixel bins smoothed over their neighbours: the drawn line's width, which flat stretches
 * give one run of per column.
 */
export function commonHeight(runs: ColumnRuns): number {
  const heights: number[] = []
  for (let j = 0; j < runs.top.length; j++) {
    if (!(runs.flags[j] & RUN_NOT_OWN) && runs.peak[j] >= CORE_PEAK) {
      heights.push(runs.bottom[j] - runs.top[j])
    }
  }
  const { best } = heightMode(heights)
  return Math.max(0.8, (best + 0.5) * 0.25)
}

export interface InkAgreement {
  /** The line's width read from the colour's runs (pixels). */
  width: number
  /** The columns where the trace drawn `width` wide meets only this curve's own ink. */
  judged: number
  /** Of them, the share where either edge of the drawn trace is over MISMATCH_PX off the ink's. */
  mismatch: number
  /** Columns (image pixels) where the trace crosses own ink taller than TALL_RUN widths. */
  tall: number[]
}

/**
 * How the trace, drawn at the line's width, agrees with the curve's own ink column by column:
 * the rows the drawn trace covers (its polyline's rows over the columns within half a width,
 * widened by half a width) against the rows of own ink there. Columns where any other ink lies
 * within a width of the drawn trace are not judged: there the ink's edges are not the line's.
 */
export function inkAgreement(
  points: readonly { x: number; y: number }[],
  runs: ColumnRuns,
): InkAgreement {
  const width = commonHeight(runs)
  const out: InkAgreement = { width, judged: 0, mismatch: 0, tall: [] }
  if (points.length < 2) return out
  const x0 = Math.ceil(points[0].x)
  const x1 = Math.floor(points[points.length - 1].x)
  const { lo, hi } = traceRows(points, x0, x1)
  const h = width / 2
  const hc = Math.floor(h)
  let off = 0
  for (let x = x0 + hc; x <= x1 - hc; x++) {
    const c = x - runs.x0
    if (c < 0 || c >= runs.columns) continue
    let top = Infinity
    let bottom = -Infinity
    for (let dx = -hc; dx <= hc; dx++) {
      const k = x + dx - x0
      if (lo[k] <= hi[k]) {
        top = Math.min(top, lo[k])
        bottom = Math.max(bottom, hi[k])
      }
    }
    if (!(top <= bottom)) continue
    const k = x - x0
    let inkTop = Infinity
    let inkBottom = -Infinity
    let mixed = false
    for (let j = runs.start[c]; j < runs.start[c + 1]; j++) {
      if (runs.bottom[j] < top - h - width - 2 || runs.top[j] > bottom + h + width + 2) continue
      if (runs.flags[j] & RUN_NOT_OWN) {
        mixed = true
        break
      }
      if (runs.peak[j] < CORE_PEAK) continue
      inkTop = Math.min(inkTop, runs.top[j])
      inkBottom = Math.max(inkBottom, runs.bottom[j])
      if (
        runs.bottom[j] - runs.top[j] > TALL_RUN * width &&
        runs.top[j] <= hi[k] &&
        runs.bottom[j] >= lo[k]
      )
        out.tall.push(x)
    }
    if (mixed || !(inkTop <= inkBottom)) continue
    out.judged++
    if (Math.abs(top - h - inkTop) > MISMATCH_PX || Math.abs(bottom + h - inkBottom) > MISMATCH_PX)
      off++
  }
  out.mismatch = out.judged ? off / out.judged : 0
  return out
}

/** A trace further than this (pixels, allowing as many columns either side) from its line is off. */
const OFF_PX = 2
/**
 * A trace off its line (offInk) in this share of its judged columns, of at least OFF_JUDGED, is a
 * warning: issue 10 calls a trace whole with at most 5% of its columns over 2 px off the drawn
 * line. Measured on dev seeds 3000–3119 and 4000–4119 (12:05 UTC, not asserted): whole arms
 * mostly under 0.01, traces that merged or shifted drops up to 0.08.
 */
const OFF_SHARE = 0.02
const OFF_JUDGED = 50
/**
 * A band of ink as tall as merged steps, but a trace off its line (offInk) in under this share of
 * its columns read at the colour's width, and under ON_LINE_FITTED read at the width its edges
 * fit, lies on its line: no `steps-merged`. Measured on dev seeds 3000–3119 and 4000–4119 (12:15
 * UTC, not asserted): 5 whole arms warned of merged steps pass; the 5 arms not whole that pass
 * keep another warning (beside-ink) or status.
 */
const ON_LINE_SHARE = 0.001
const ON_LINE_FITTED = 0.01

export interface OffInk {
  /** Columns where the line's rows could be read from its own ink. */
  judged: number
  /** Of them, the share where the trace lies over OFF_PX from those rows. */
  share: number
  /** The first and last such column (image pixels), −1 when none. */
  first: number
  last: number
  /** The share off the line read at the width that best fits the ink's two edges (fitEdges). */
  fitted: number
}

/**
 * Where a trace lies off the line its ink shows, column by column. A line `width` wide drawn
 * along a staircase covers, in column x, the levels the curve takes over columns x ± width/2,
 * widened by width/2: its ink's top edge at x + width/2 lies width/2 above the level at x, its
 * bottom edge at x − width/2 as far below it (a plateau: both at the level; a drop: its two
 * levels). So the line's rows at x are read from the ink's edges half a width either side, even
 * where steps closer together than the width merge into a band of ink, and the trace's rows are
 * compared with them, allowing OFF_PX columns either side (as issue 10's "within 2 px"). Only
 * the curve's own core runs near the trace (within two widths and 3 px) are read; columns with
 * other ink there (another curve, marks) are not judged.
 */
export function offInk(
  points: readonly { x: number; y: number }[],
  runs: ColumnRuns,
  width: number,
): OffInk {
  const out: OffInk = { judged: 0, share: 0, first: -1, last: -1, fitted: 0 }
  if (points.length < 2) return out
  const x0 = Math.ceil(points[0].x)
  const x1 = Math.floor(points[points.length - 1].x)
  const { lo, hi } = traceRows(points, x0, x1)
  const n = x1 - x0 + 1
  const top = new Float64Array(n).fill(NaN)
  const bottom = new Float64Array(n).fill(NaN)
  const reach = 2 * width + 3
  for (let k = 0; k < n; k++) {
    const c = k + x0 - runs.x0
    if (c < 0 || c >= runs.columns || !(lo[k] <= hi[k])) continue
    let t = Infinity
    let b = -Infinity
    let mixed = false
    for (let j = runs.start[c]; j < runs.start[c + 1]; j++) {
      if (runs.bottom[j] < lo[k] - reach || runs.top[j] > hi[k] + reach) continue
      if (runs.flags[j] & RUN_NOT_OWN) {
        mixed = true
        break
      }
      if (runs.peak[j] < CORE_PEAK) continue
      t = Math.min(t, runs.top[j])
      b = Math.max(b, runs.bottom[j])
    }
    if (!mixed && t <= b) {
      top[k] = t
      bottom[k] = b
    }
  }
  // The line's rows in column x0 + k read from the ink's edges s columns either side, h pixels
  // in; null where unknown.
  const line = (k: number, s: number, h: number): [number, number] | null => {
    if (k - s < 0 || k + s >= n) return null
    const a = top[k + s] + h
    const b = bottom[k - s] - h
    if (Number.isNaN(a) || Number.isNaN(b)) return null
    return [Math.min(a, b), Math.max(a, b)]
  }
  const offColumns = (s: number, h: number, mark: boolean) => {
    let judged = 0
    let off = 0
    for (let k = 0; k < n; k++) {
      if (!line(k, s, h) || !(lo[k] <= hi[k])) continue
      judged++
      let d = Infinity
      for (let dx = -OFF_PX; dx <= OFF_PX; dx++) {
        const e = line(k + dx, s, h)
        if (e) d = Math.min(d, Math.hypot(dx, Math.max(0, e[0] - hi[k], lo[k] - e[1])))
      }
      if (d <= OFF_PX) continue
      off++
      if (!mark) continue
      if (out.first < 0) out.first = k + x0
      out.last = k + x0
    }
    return { judged, share: judged ? off / judged : 0 }
  }
  const atWidth = offColumns(Math.round(width / 2), width / 2, true)
  out.judged = atWidth.judged
  out.share = atWidth.share
  const fit = fitEdges(top, bottom, width)
  out.fitted = offColumns(fit.shift, fit.half, false).share
  return out
}

/** Columns (either side) and the improvement (pixels) fitEdges looks for. */
const FIT_SHIFT = 8
const FIT_GAIN = 0.02

/**
 * The half width (columns `shift` and pixels `half`) at which the ink's top edge, read
 * `shift` columns to the right, and its bottom edge, read as far to the left, put the line at
 * the same rows (the median gap halved; the mean distance from it least): where dense steps leave
 * no plateau whose height gives the width, the two edges of a band still agree only at the
 * line's true half width. Returns the colour's half width when too few columns are read.
 */
function fitEdges(
  top: Float64Array,
  bottom: Float64Array,
  width: number,
): { shift: number; half: number } {
  let best = Infinity
  let out = { shift: Math.round(width / 2), half: width / 2 }
  // One typed buffer for every shift: a typed array sorts numbers natively, several times
  // faster than an array sorted by a comparator (this ran for every trace's check).
  const buffer = new Float64Array(top.length)
  for (let shift = 0; shift <= FIT_SHIFT; shift++) {
    let n = 0
    for (let k = shift; k + shift < top.length; k++) {
      const g = bottom[k - shift] - top[k + shift]
      if (!Number.isNaN(g)) buffer[n++] = g
    }
    if (n < OFF_JUDGED) continue
    const gaps = buffer.subarray(0, n).sort()
    const half = gaps[gaps.length >> 1] / 2
    let spread = 0
    for (const g of gaps) spread += Math.abs(g - 2 * half)
    spread /= gaps.length
    if (spread < best - FIT_GAIN) {
      best = spread
      out = { shift, half }
    }
  }
  return out
}

export interface AuditInput {
  /** The trace's corners, in pixels and data units. */
  points: readonly { x: number; y: number; time: number; surv: number }[]
  runs: ColumnRuns
  /** The tracer's line width: the median height of the runs its path crosses (pixels). */
  lineWidth: number
  map: AxisMap
  /** The curve's colour as the user knows it (#rrggbb). */
  name: string
}

/**
 * How far right of a trace's end ink of censor marks (RUN_MARK: near-black ink of no curve) or of
 * the curve's own colour goes on, column after column, joined to the end: a line whose tail lies
 * under a dense row of black "+" marks (NEJM) shows little ink of its own there, and the trace
 * stops where the marks begin. The ink is followed from the rows the end covers to the rows of
 * the runs that touch them in the next column (breaks of at most MARK_BREAK columns plus a line
 * width bridged), so it goes down the drops of the hidden tail; never above the end's level, as
 * a survival curve does not rise. When the trace's last drop ends within a break of its end, the
 * whole drop is where the line may go on: a drop that fell along a mark's bar, or onto a speck of
 * anti-aliased ink below it, leaves the line at its top (nejm 4016). Not from a drop to the axis,
 * whose span would reach every curve beneath.
 */
export function marksBeyondEnd(
  points: readonly { x: number; y: number; surv: number }[],
  runs: ColumnRuns,
  lineWidth: number,
): { columns: number; last: number } {
  const end = points[points.length - 1]
  const maxBreak = MARK_BREAK + Math.ceil(lineWidth)
  let top = end.y - lineWidth / 2
  let bottom = end.y + lineWidth / 2
  // The last corner before the end at another level: the top of the trace's last drop.
  let k = points.length - 2
  while (k >= 0 && points[k].y === end.y) k--
  if (k >= 0 && end.x - points[k + 1].x <= maxBreak && end.surv > AXIS_SURV) {
    top = Math.min(top, points[k].y - lineWidth / 2)
  }
  const ceiling = top
  let last = Math.floor(end.x)
  let marks = 0
  for (let x = last + 1; x - last <= maxBreak + 1 && x < runs.x0 + runs.columns; x++) {
    const c = x - runs.x0
    if (c < 0) continue
    let t = Infinity
    let b = -Infinity
    let mark = false
    for (let j = runs.start[c]; j < runs.start[c + 1]; j++) {
      const f = runs.flags[j]
      if (f & RUN_UNDER || f & RUN_SIBLING) continue
      if (runs.top[j] > bottom + 1 || runs.bottom[j] < top - 1) continue
      t = Math.min(t, runs.top[j])
      b = Math.max(b, runs.bottom[j])
      mark ||= !!(f & RUN_MARK)
    }
    if (!(t <= b)) continue
    top = Math.max(t, ceiling)
    bottom = Math.max(b, top)
    last = x
    if (mark) marks++
  }
  return { columns: marks ? last - Math.floor(end.x) : 0, last }
}

/** Columns without another curve's ink at the end's level that footOnOtherLine bridges. */
const FOOT_BREAK = 2

/**
 * How many columns right of a trace that ends with a drop (not to the axis) another curve's ink
 * (RUN_UNDER) runs on at the level the drop ends at, column after column (breaks of FOOT_BREAK
 * bridged): a survival curve's last drop is followed by its flat tail to the last follow-up but
 * where its last time is an event, so a trace that stops at the foot of a drop onto another
 * curve's line has most likely lost its tail under that line (JCO development seed 7179 A: the
 * blue arm's last 30 columns under the yellow one, ticks and all, its trace whole by its status).
 * The foot may be followed by a stub of at most a line width and a pixel. Warned of over as many
 * columns as marks beyond the end are. Measured on development seeds 3000–3119, 4000–4119,
 * 6000–6479 and 7000–7479 (16:55 UTC 2026-12-07, not asserted; true colours): one silent arm
 * caught (7179 A), three whole arms warned of (JAMA 6083 C, survminer 7255 Strata 2 and one of
 * 7120–7239: curves whose last time is an event with others still at risk, which do end so).
 */
export function footOnOtherLine(
  points: readonly { x: number; y: number; surv: number }[],
  runs: ColumnRuns,
  lineWidth: number,
): number {
  const end = points[points.length - 1]
  // The foot of the last drop: the trace may go on from it by a stub (the drop's own stroke).
  let k = points.length - 2
  while (k >= 0 && points[k].y === end.y) k--
  if (k < 0 || end.x - points[k + 1].x > lineWidth + 1 || end.surv <= AXIS_SURV) return 0
  let last = Math.floor(end.x)
  // The other curve followed (its index among the map's others; −1: none found yet).
  let under = -1
  // Rows of the other line followed, from the foot's level (its top within a line width and two
  // pixels below the foot: the hidden line's centre lies inside the covering one) onwards.
  let top = end.y - 1
  let bottom = end.y + lineWidth + 2
  for (let x = last + 1; x - last <= FOOT_BREAK + 1 && x < runs.x0 + runs.columns; x++) {
    const c = x - runs.x0
    if (c < 0) continue
    for (let j = runs.start[c]; j < runs.start[c + 1]; j++) {
      if (!(runs.flags[j] & RUN_UNDER) || (under >= 0 && runs.under[j] !== under)) continue
      if (runs.top[j] > bottom + 1 || runs.bottom[j] < top - 1) continue
      under = runs.under[j]
      top = Math.max(runs.top[j], end.y - 1)
      bottom = Math.max(runs.bottom[j], top)
      last = x
      break
    }
  }
  return last - Math.floor(end.x)
}

/** Own ink within this many pixels of the traced path's rows in a column carries the trace there. */
const ON_INK_PX = 2
/** Own ink within this many line widths (plus ON_INK_PX + 2 pixels) and none nearer: the trace runs beside it. */
const BESIDE_WIDTHS = 3
/**
 * A trace beside its own ink in this share of its columns or more is a warning. Measured on dev
 * seeds 3000–3119 and 4000–4119 (09:45 UTC, not asserted): whole arms at most 0.058 (NEJM arms
 * under dense marks), NEJM arms traced off their line 0.069–0.13.
 */
const BESIDE_SHARE = 0.065

/**
 * The share of a trace's columns where it runs beside its own ink rather than on it: no run of
 * the curve's own colour (here RUN_NEXT_TO_OTHER counts as own) lies within ON_INK_PX of the rows
 * the traced polyline spans there, while plainly own ink lies within BESIDE_WIDTHS line widths. A trace that left
 * its line — along another curve, under a row of censor marks, across the corners of a
 * staircase — shows it as such columns; a whole trace has a few, at the corners of its steps.
 */
export function besideInk(
  points: readonly { x: number; y: number }[],
  runs: ColumnRuns,
  lineWidth: number,
): number {
  const far = BESIDE_WIDTHS * lineWidth + ON_INK_PX + 2
  let columns = 0
  let beside = 0
  eachTracedColumn(points, runs, (c, lo, hi) => {
    columns++
    let on = false
    let near = false
    for (let j = runs.start[c]; j < runs.start[c + 1]; j++) {
      const f = runs.flags[j]
      const d = Math.max(0, runs.top[j] - hi, lo - runs.bottom[j])
      // Own ink beside another curve's carries the trace, but only plainly own ink shows a line.
      if (d <= ON_INK_PX) on ||= !(f & RUN_NOT_OWN) || !!(f & RUN_NEXT_TO_OTHER)
      else if (d <= far) near ||= !(f & RUN_NOT_OWN)
    }
    if (!on && near) beside++
  })
  return columns ? beside / columns : 0
}

/**
 * A trace corner further than this many line widths (plus OUTSIDE_PX pixels) beyond the rows of
 * survival 0 or 1 lies outside the plot. Measured on dev seeds 3000–3119, 4000–4119 and survminer
 * on 3000–3059 and 4000–4059 (13:45 UTC, not asserted): no other trace beyond them at all; a
 * black arm whose trace went on down the time axis's tick and labels, 25 px (random 3078).
 */
const OUTSIDE_WIDTHS = 1
const OUTSIDE_PX = 2

/**
 * The first and last corners (indices) of a trace that lie outside the plot, beyond the rows of
 * survival 0 and 1 by more than OUTSIDE_WIDTHS line widths plus OUTSIDE_PX: a survival curve
 * is drawn between them, so a trace there has followed other ink, a dark curve's own colour in
 * the time axis, its ticks or its labels (random 3078: a black arm's trace went down a tick
 * mark and on along the labels, 1.3 months past the arm's end). Null when none does.
 */
export function outsidePlot(
  points: readonly { x: number; y: number }[],
  map: AxisMap,
  lineWidth: number,
): { first: number; last: number } | null {
  const r0 = map.toPixel(map.startTime, 0).py
  const r1 = map.toPixel(map.startTime, 1).py
  const slack = OUTSIDE_WIDTHS * lineWidth + OUTSIDE_PX
  const lo = Math.min(r0, r1) - slack
  const hi = Math.max(r0, r1) + slack
  let first = -1
  let last = -1
  points.forEach((p, k) => {
    if (p.y >= lo && p.y <= hi) return
    if (first < 0) first = k
    last = k
  })
  return first < 0 ? null : { first, last }
}

/**
 * The longest stretch of columns fed to `add(x, hit)` in order (x: an image column) where hit is
 * true, breaks of up to `maxBreak` columns bridged; a null hit neither extends nor breaks a
 * stretch. `out.first`/`out.last` are image columns; −1 when there is none.
 */
function stretchCounter(maxBreak: number) {
  const out = { columns: 0, first: -1, last: -1 }
  let run = 0
  let first = -1
  let miss = 0
  const add = (x: number, hit: boolean | null) => {
    if (hit === null) return
    if (hit) {
      if (run === 0) first = x
      run++
      miss = 0
      if (run > out.columns) Object.assign(out, { columns: run, first, last: x })
    } else if (++miss > maxBreak) run = 0
  }
  return { out, add }
}

/**
 * The longest stretch of the trace's columns where `hit(c, k)` holds (c: the column in `runs`,
 * k: in the trace's rows `lo`/`hi`), breaks of up to `maxBreak` columns bridged; columns outside
 * the runs or the trace (or that `hit` answers null for) neither extend nor break a stretch.
 * `first`/`last` are image columns; −1 when there is none.
 */
function longestStretch(
  points: readonly { x: number; y: number }[],
  runs: ColumnRuns,
  maxBreak: number,
  hit: (c: number, lo: number, hi: number) => boolean | null,
): { columns: number; first: number; last: number } {
  const { out, add } = stretchCounter(maxBreak)
  eachTracedColumn(points, runs, (c, lo, hi, x) => add(x, hit(c, lo, hi)))
  return out
}

/** Own core ink within this many pixels of a column's traced rows is the line the trace left. */
const AWAY_PX = 60
/** Columns without the pattern that awayFromLine bridges (a gap in the other ink, a corner). */
const AWAY_BREAK = 2
/**
 * A trace away from its line (awayFromLine) over this many columns is a warning. Measured on dev
 * seeds 3000–3119, 4000–4119 and survminer on 3000–3059 and 4000–4059 (13:45 UTC, not asserted):
 * traces the wholeness test calls whole ran at most 13 such columns (15 if already warned of);
 * three unwarned traces that were not whole, along a confidence band's edge or another arm's
 * ink, 26–135 (survminer 3024, 4004; random 4098).
 */
const AWAY_COLUMNS = 20

/**
 * A line at least this wide (pixels) shows core ink in every column where it is not hidden, so
 * a trace of it on faint ink beside another curve's ink has lost its line under that ink
 * (awayFromLine). A thinner line's own ink is often no stronger than a fringe (JCO's, Lancet's
 * and JAMA's 1–2 px lines), and a trace on it, beside any other curve, would read as away. The
 * width traceStatus.ts's SLIVER_LINE judges slivers from. Measured on development seeds (not
 * asserted; forced survminer 6000–6239 and 7240–7359, all styles 7480–7599):
 * silent arms 25 → 23, 9 → 7, 2 → 2; false alarms 139 → 139, 77 → 78, 78 → 78. Without the
 * floor, all styles 7000–7239 gained 35 false alarms (JCO 18 → 32).
 */
const HIDDEN_LINE = 2.5

/**
 * The longest stretch of columns (breaks of up to AWAY_BREAK bridged) where the trace runs on ink
 * that is not its line's core (a confidence band's edge in the curve's own colour, another
 * curve, marks), while a core run of its own colour, the line itself, lies elsewhere in the same
 * column within AWAY_PX: a trace that left its line and followed other ink at another level
 * (survminer 3024: the lower edge of the arm's own band, 19 px under its line for 4 months).
 * For a line `lineWidth` wide of at least HIDDEN_LINE, another curve's ink (RUN_UNDER) there
 * stands for the line too: a line drawn over by a later arm shows no core of its own where it is
 * hidden, and its trace slid off onto its band's edge (forced-survminer development seed 6110,
 * Strata 1: under Strata 2's line, 7–19 px low for 90 columns, status whole, no warning). A
 * column where the trace rests on no ink while the line shows elsewhere neither extends nor
 * breaks the stretch: the trace bridges the breaks in the faint ink it follows (the other
 * curve's marks crossing the band), and such a column says nothing either way.
 * A whole trace leaves its line's core only at the corners of its steps, a few columns at a time.
 * `first`/`last` are image columns; −1 when there is none.
 */
export function awayFromLine(
  points: readonly { x: number; y: number }[],
  runs: ColumnRuns,
  lineWidth: number,
): { columns: number; first: number; last: number } {
  const hidden = lineWidth >= HIDDEN_LINE
  return longestStretch(points, runs, AWAY_BREAK, (c, lo, hi) => {
    let onCore = false
    let onInk = false
    let line = false
    for (let j = runs.start[c]; j < runs.start[c + 1]; j++) {
      const f = runs.flags[j]
      const core = runs.peak[j] >= CORE_PEAK
      const d = Math.max(0, runs.top[j] - hi, lo - runs.bottom[j])
      if (d <= ON_INK_PX) {
        onInk = true
        onCore ||= core && (!(f & RUN_NOT_OWN) || !!(f & RUN_NEXT_TO_OTHER))
      } else if (d <= AWAY_PX) {
        line ||= (core && !(f & RUN_NOT_OWN)) || (hidden && !!(f & RUN_UNDER))
      }
    }
    if (!onInk) return line ? null : false
    return !onCore && line
  })
}

/** Columns without the pattern that onOtherLine bridges (a drop's corner, a gap in the ink). */
const OTHER_LINE_BREAK = 2
/** A run taller than this many line widths (plus 2 px) on the trace is a drop or a mark. */
const OTHER_LINE_TALL = 2
/** A run of this share of the line width or more, up to its inverse, is as tall as the line. */
const OTHER_LINE_HEIGHT = 0.6
/**
 * A trace on another curve's line (onOtherLine) in this many columns of one stretch is a warning.
 * Measured on dev seeds 3000–3119, 4000–4119 and 6000–6239 (02:10 UTC 2026-12-07, not asserted):
 * whole arms not warned of otherwise at most 13 (jama 4001 C, at survival 1 under two arms),
 * the rest at most 10; silent arms before it, jama 6113 B 15 and 6239 B 27.
 */
const OTHER_LINE_COLUMNS = 15

/**
 * The longest stretch of columns where the trace rests on another curve's ink — that curve's run
 * (RUN_UNDER) or its line read as this colour (RUN_ALTERNATE), or only the faint anti-aliased edge
 * (no core pixel) of ink next to another curve's — while a core run of the curve's own colour, as
 * tall as its line, lies elsewhere in the column: a grey arm carried along a slate arm's line at
 * survival 1 while its own line falls away 84 px below (jama 6239 B), or along the slate line's
 * lower edge while its own line shows just above the slate one (jama 6113 B; beside an edge, the
 * own line counts only across the other curve's run, as the other side of a line the trace may
 * truly lie under shows the same edge). Another curve's line read as a lighter sibling's alone
 * (RUN_SIBLING) is not counted: a slate arm's own line at survival 1 is so read where a grey arm
 * shares it (jama 6239 A, whole). Columns where the trace rests on other ink and its own line is
 * not seen neither count nor break the stretch; those on a tall run (a drop, a mark) are not
 * judged. `first`/`last` are image columns; −1 when there is none.
 */
export function onOtherLine(
  points: readonly { x: number; y: number }[],
  runs: ColumnRuns,
  lineWidth: number,
): { columns: number; first: number; last: number } {
  const tall = OTHER_LINE_TALL * lineWidth + 2
  return longestStretch(points, runs, OTHER_LINE_BREAK, (c, lo, hi) => {
    let own = false
    // On another curve's line (its run, or its line read as this colour), or only on the faint
    // edge of ink next to another curve's.
    let onLine = false
    let onEdge = false
    for (let j = runs.start[c]; j < runs.start[c + 1]; j++) {
      const f = runs.flags[j]
      if (Math.max(0, runs.top[j] - hi, lo - runs.bottom[j]) > ON_INK_PX) continue
      if (runs.bottom[j] - runs.top[j] > tall) return null
      if (f & (RUN_ALTERNATE | RUN_UNDER)) onLine = true
      else if (f & RUN_NEXT_TO_OTHER && runs.peak[j] < CORE_PEAK) onEdge = true
      else own = true
    }
    if (own || !(onLine || onEdge)) return false
    // The own line, elsewhere; beside an edge, only across another curve's run from the trace
    // (a slate line between the grey trace on its lower edge and the grey line above it).
    const across = (top: number, bottom: number) => {
      for (let j = runs.start[c]; j < runs.start[c + 1]; j++) {
        if (!(runs.flags[j] & RUN_UNDER)) continue
        const m = runs.centre[j]
        if ((m > bottom && m < lo) || (m < top && m > hi)) return true
      }
      return false
    }
    let line = false
    for (let j = runs.start[c]; j < runs.start[c + 1]; j++) {
      const f = runs.flags[j]
      const h = runs.bottom[j] - runs.top[j]
      line ||=
        Math.max(0, runs.top[j] - hi, lo - runs.bottom[j]) > ON_INK_PX &&
        runs.peak[j] >= CORE_PEAK &&
        !(f & (RUN_SIBLING | RUN_UNDER | RUN_MARK)) &&
        h >= OTHER_LINE_HEIGHT * lineWidth &&
        h <= lineWidth / OTHER_LINE_HEIGHT &&
        (onLine || across(runs.top[j], runs.bottom[j]))
    }
    return line ? true : null
  })
}

/**
 * Ink within this many line widths (the larger of the tracer's and the colour's) plus PLAIN_PX
 * pixels of the trace's rows in a column is near it (offPlainLine).
 */
const PLAIN_WIDTHS = 3
const PLAIN_PX = 4
/**
 * A trace off its plainly seen line (offPlainLine) over this many such columns in a row is a
 * warning. Measured on dev seeds 3000–3119 and 4000–4119 (21:48 UTC, not asserted): traces the
 * wholeness test calls whole ran at most 7 (lancet 3100 C), traces not whole and warned of at
 * most 10; random 3018 A, whose trace cut a corner under open circles and was silent, 12. With
 * it: silent arms 7 → 6, false alarms 123 → 123; random forced on 3000–3059 silent 4 → 2, false
 * alarms 13 → 14.
 */
const PLAIN_COLUMNS = 10

/**
 * The longest run of columns where the trace lies over OFF_PX from its line's centre (allowing
 * as many columns either side, as issue 10's "within 2 px") where that line is plainly seen: the
 * only ink near the trace in the column (within PLAIN_WIDTHS widths plus PLAIN_PX) is one core
 * run of the curve's own colour no taller than the line's `width` and a pixel — a plateau, with
 * no drop, mark, band, gridline or other curve there that could be read as the line instead.
 * There the line's level is beyond doubt, so a whole trace is on it but for a column or two
 * beside a drop it placed over OFF_PX columns early or late; a trace that cut a corner across
 * blank paper, or took the bottom of a mark for the line, lies off it for many (random 3018 A:
 * from the foot of an open circle a sloped segment 4–12 px under the plateau to the next drop).
 * Columns where the line is not plainly seen neither extend nor break a run. `first`/`last` are image columns; −1
 * when there is none.
 */
export function offPlainLine(
  points: readonly { x: number; y: number }[],
  runs: ColumnRuns,
  lineWidth: number,
  width: number,
): { columns: number; first: number; last: number } {
  if (points.length < 2) return { columns: 0, first: -1, last: -1 }
  const x0 = Math.ceil(points[0].x)
  const x1 = Math.floor(points[points.length - 1].x)
  const { lo, hi } = traceRows(points, x0, x1)
  const n = x1 - x0 + 1
  const reach = PLAIN_WIDTHS * Math.max(lineWidth, width) + PLAIN_PX
  // The centre row of the plainly seen line in each column, NaN where it is not.
  const centre = new Float64Array(n).fill(NaN)
  for (let k = 0; k < n; k++) {
    const c = k + x0 - runs.x0
    if (c < 0 || c >= runs.columns || !(lo[k] <= hi[k])) continue
    let near = 0
    let line = -1
    for (let j = runs.start[c]; j < runs.start[c + 1]; j++) {
      if (runs.bottom[j] < lo[k] - reach || runs.top[j] > hi[k] + reach) continue
      near++
      if (!(runs.flags[j] & RUN_NOT_OWN) && runs.peak[j] >= CORE_PEAK) line = j
    }
    if (near !== 1 || line < 0 || runs.bottom[line] - runs.top[line] > width + 1) continue
    centre[k] = (runs.top[line] + runs.bottom[line]) / 2
  }
  const { out, add } = stretchCounter(0)
  for (let k = 0; k < n; k++) {
    if (Number.isNaN(centre[k])) continue
    let d = Infinity
    for (let q = Math.max(0, k - OFF_PX); q <= Math.min(n - 1, k + OFF_PX); q++) {
      if (lo[q] <= hi[q])
        d = Math.min(d, Math.hypot(q - k, Math.max(0, centre[k] - hi[q], lo[q] - centre[k])))
    }
    add(k + x0, d > OFF_PX)
  }
  return out
}

/** Columns without the pattern that offMarkCentre bridges (a gap between two marks' ink). */
const MARK_CENTRE_BREAK = 2
/**
 * A trace off the centre of the marks it runs through (offMarkCentre) over this many columns is
 * a warning. Measured on dev seeds 3000–3119 and 4000–4119 (22:26 UTC, not asserted): traces the
 * wholeness test calls whole ran at most 17 such columns (jco 4077 C, warned of already; 14 if
 * not, jco 3045 A); random 3078 B, a thick grey line under overlapping thick circles of its own
 * colour, whose trace ran along their lower rims and was not warned of, 21; two traces not whole
 * and warned of otherwise, 22 and 24. With it (and stepCorners' lineBetweenLegs), 22:39 UTC:
 * warned arms 3078 B, random 3048 A (not whole, warned of already) and survminer 3097 Strata 3
 * (whole, warned of already); no new false alarm.
 */
const MARK_CENTRE_COLUMNS = 18

/**
 * The longest stretch of flat traced columns (breaks of up to MARK_CENTRE_BREAK bridged) where
 * the trace lies inside a run of the curve's own core ink over TALL_RUN line widths tall — marks
 * drawn over the line, or several of them run together — more than OFF_PX from that run's centre.
 * Marks are centred on the line (a "+", an "x", a circle), so where they crowd together so closely
 * that the line is not seen between them, their centre is the line's level, and a trace along
 * their rims is off it by half a mark (random 3078 B: 5–10 px under the line through thick
 * circles), while the ink-based checks (offInk, offPlainLine) read the marks' ink as the line or
 * judge no column there. A column where the trace lies on a run no taller than the line (the line
 * seen between marks) breaks the stretch; one without own core ink at the trace is not judged.
 * `first`/`last` are image columns; −1 when there is none.
 */
export function offMarkCentre(
  points: readonly { x: number; y: number }[],
  runs: ColumnRuns,
  lineWidth: number,
): { columns: number; first: number; last: number } {
  return longestStretch(points, runs, MARK_CENTRE_BREAK, (c, lo, hi) => {
    // Only flat columns: beside a drop a mark's run is centred on the other level.
    if (hi - lo > lineWidth + 1) return null
    const mid = (lo + hi) / 2
    for (let j = runs.start[c]; j < runs.start[c + 1]; j++) {
      if (runs.flags[j] & RUN_NOT_OWN || runs.peak[j] < CORE_PEAK) continue
      if (runs.top[j] > hi + 1 || runs.bottom[j] < lo - 1) continue
      const h = runs.bottom[j] - runs.top[j]
      if (h <= lineWidth + 1) return false
      if (h > TALL_RUN * lineWidth) return Math.abs(runs.centre[j] - mid) > OFF_PX
    }
    return null
  })
}

/** Own core ink within this many line widths (plus pixels) of a faint run is the line beside it. */
const FAINT_WIDTHS = 4
const FAINT_PX = 4
/** ... and no closer than this (pixels): touching it, the faint run is the line's own edge. */
const FAINT_APART = 1.5
/** Columns without the pattern that faintBesideLine bridges (a corner, a gap in the faint ink). */
const FAINT_BREAK = 2
/**
 * A flat trace on faint ink beside its line (faintBesideLine) over this many columns is a
 * warning. Measured on dev seeds 3000–3119 and 4000–4119, survminer forced on 4000–4059 and JAMA
 * forced on 3000–3059 (17:25 UTC, not asserted): unwarned traces that were not whole ran 5–18
 * such columns (survminer 4003, 4022, 4075, 4111; lancet 4030, along the tops of its dense ticks;
 * jama 3004 B); traces the wholeness test calls whole and nothing else warned of ran at most 4,
 * but for three (lancet 3064 A 5, jama 3016 A 7, survminer 4012 Strata 3 8).
 */
const FAINT_COLUMNS = 5

/**
 * The longest stretch of flat columns (the trace spans at most a line width and a pixel; breaks
 * of up to FAINT_BREAK bridged) where the trace lies on faint ink (the run nearest it, within a
 * pixel, has no pixel of CORE_PEAK coverage), while a core run of the curve's own ink lies in the
 * same column, apart from that run by more than FAINT_APART and at most FAINT_WIDTHS line widths
 * plus FAINT_PX: a plateau read a few pixels off the line, on the anti-aliased edge of a mark, of
 * a band or of another curve drawn over it. awayFromLine asks for longer stretches, as it looks
 * up to AWAY_PX away; this close to the line a few columns suffice, for a whole trace's plateau
 * lies on its line's core. `first`/`last` are image columns; −1 when there is none.
 */
export function faintBesideLine(
  points: readonly { x: number; y: number }[],
  runs: ColumnRuns,
  lineWidth: number,
): { columns: number; first: number; last: number } {
  const reach = FAINT_WIDTHS * lineWidth + FAINT_PX
  return longestStretch(points, runs, FAINT_BREAK, (c, lo, hi) => {
    // Only flat columns: a step's corner spans the rows between its levels.
    if (hi - lo > lineWidth + 1) return null
    let on = -1
    let near = Infinity
    for (let j = runs.start[c]; j < runs.start[c + 1]; j++) {
      const d = Math.max(0, runs.top[j] - hi, lo - runs.bottom[j])
      if (d < near) {
        near = d
        on = j
      }
    }
    if (on < 0 || near > 1 || runs.peak[on] >= CORE_PEAK) return false
    for (let j = runs.start[c]; j < runs.start[c + 1]; j++) {
      const gap = Math.max(0, runs.top[j] - runs.bottom[on], runs.top[on] - runs.bottom[j])
      const line = runs.peak[j] >= CORE_PEAK && !(runs.flags[j] & RUN_NOT_OWN)
      if (j !== on && line && gap > FAINT_APART && gap <= reach) return true
    }
    return false
  })
}

/** The warnings of auditTrace's checks for one traced curve (none when trace and ink agree). */
export function auditTrace(input: AuditInput): TraceWarning[] {
  const { points, runs, lineWidth, map, name } = input
  if (points.length < 2) return []
  const warnings: TraceWarning[] = []
  const end = points[points.length - 1]
  const beyond = marksBeyondEnd(points, runs, lineWidth)
  if (beyond.columns >= Math.max(MARKS_BEYOND_PX, MARKS_BEYOND_SHARE * runs.columns)) {
    const until = Math.max(end.time, map.toData(beyond.last + 1, end.y).time)
    warnings.push({
      code: 'marks-beyond-end',
      message: `the trace of colour ${name} ends at time ${end.time.toPrecision(3)}, but censor marks joined to its end go on to time ${until.toPrecision(3)} (${beyond.columns} columns): its line may continue beneath them; check the end of the curve`,
    })
  }
  const tail = footOnOtherLine(points, runs, lineWidth)
  if (tail >= Math.max(MARKS_BEYOND_PX, MARKS_BEYOND_SHARE * runs.columns)) {
    const until = map.toData(end.x + tail, end.y).time
    warnings.push({
      code: 'ends-under-other',
      message: `the trace of colour ${name} ends at time ${end.time.toPrecision(3)} at the foot of a drop onto another curve's line, which goes on at that level to about time ${until.toPrecision(3)}: its tail may lie hidden under that line; check the end of the curve against the figure`,
    })
  }
  const start = points[0]
  if (
    end.x - start.x >= NEVER_FALLS_SHARE * runs.columns &&
    points.every((p) => p.y - start.y <= lineWidth + 1)
  ) {
    warnings.push({
      code: 'never-falls',
      message: `the trace of colour ${name} never falls from survival ${start.surv.toPrecision(3)} across the plot: it may have followed the plot's frame or a line at that level instead of the curve; check that the curve has no events`,
    })
  }
  const outside = outsidePlot(points, map, lineWidth)
  if (outside) {
    // From the corner before the first outside one: the segment that left the plot.
    const from = points[Math.max(0, outside.first - 1)].time
    warnings.push({
      code: 'beyond-axes',
      message: `the trace of colour ${name} goes outside the plot, beyond survival 0 or 1, between time ${from.toPrecision(3)} and ${points[outside.last].time.toPrecision(3)}: it has followed other ink there (the time axis, its ticks or labels), so its end is likely wrong; check the end of the curve against the figure`,
    })
  }
  const away = awayFromLine(points, runs, lineWidth)
  if (away.columns >= AWAY_COLUMNS) {
    const at = (x: number) => Math.max(0, map.toData(x, end.y).time)
    warnings.push({
      code: 'away-from-line',
      message: `the trace of colour ${name} leaves its line between time ${at(away.first).toPrecision(3)} and ${at(away.last + 1).toPrecision(3)} (${away.columns} columns) and follows other ink there (a confidence band's edge, another curve or marks), while its line runs at another level; check that stretch against the figure`,
    })
  }
  const faint = faintBesideLine(points, runs, lineWidth)
  if (faint.columns >= FAINT_COLUMNS) {
    const at = (x: number) => Math.max(0, map.toData(x, end.y).time)
    warnings.push({
      code: 'faint-beside-line',
      message: `the trace of colour ${name} runs on faint ink a few pixels off its line between time ${at(faint.first).toPrecision(3)} and ${at(faint.last + 1).toPrecision(3)} (${faint.columns} columns), such as the edge of censor marks, of a band or of another curve: its level may be wrong there; check that stretch against the figure`,
    })
  }
  const other = onOtherLine(points, runs, lineWidth)
  if (other.columns >= OTHER_LINE_COLUMNS) {
    const at = (x: number) => Math.max(0, map.toData(x, end.y).time)
    warnings.push({
      code: 'on-other-line',
      message: `the trace of colour ${name} rests on another curve's line or its edge between time ${at(other.first).toPrecision(3)} and ${at(other.last + 1).toPrecision(3)} (${other.columns} columns), while its own line shows at another level there: it may have followed that curve instead of its own; check that stretch against the figure`,
    })
  }
  const rims = offMarkCentre(points, runs, lineWidth)
  if (rims.columns >= MARK_CENTRE_COLUMNS) {
    const at = (x: number) => Math.max(0, map.toData(x, end.y).time)
    warnings.push({
      code: 'off-mark-centre',
      message: `the trace of colour ${name} runs through censor marks crowded on its line off their centre between time ${at(rims.first).toPrecision(3)} and ${at(rims.last + 1).toPrecision(3)} (${rims.columns} columns): it may have followed the marks' rims rather than the line through them; check that stretch against the figure`,
    })
  }
  const beside = besideInk(points, runs, lineWidth)
  if (beside >= BESIDE_SHARE) {
    warnings.push({
      code: 'beside-ink',
      message: `the trace of colour ${name} runs beside its line rather than on it in ${Math.round(100 * beside)}% of its length: it may have followed another curve, censor marks or a shortcut across steps there; check it against the figure`,
    })
  }
  const fit = inkAgreement(points, runs)
  const ratio = lineWidth / fit.width
  const y = points[0].y
  const time = (x: number) => Math.max(0, map.toData(x, y).time)
  const off = offInk(points, runs, fit.width)
  const plain = offPlainLine(points, runs, lineWidth, fit.width)
  if (plain.columns >= PLAIN_COLUMNS) {
    warnings.push({
      code: 'off-plain-line',
      message: `the trace of colour ${name} lies more than ${OFF_PX} px off its line between time ${time(plain.first).toPrecision(3)} and ${time(plain.last + 1).toPrecision(3)} (${plain.columns} columns), where the line is plainly seen on its own: it may have cut a corner or taken the edge of a mark for the line there; check that stretch against the figure`,
    })
  }
  const onLine =
    off.judged >= OFF_JUDGED && off.share < ON_LINE_SHARE && off.fitted < ON_LINE_FITTED
  const tall = ratio >= TALL_RATIO || (ratio >= TALL_RATIO_MILD && fit.mismatch >= MISMATCH_SHARE)
  if (!tall || onLine) {
    if (off.judged >= OFF_JUDGED && off.share >= OFF_SHARE) {
      warnings.push({
        code: 'off-ink',
        message: `the trace of colour ${name} lies more than ${OFF_PX} px off the line its ink shows in ${Math.round(100 * off.share)}% of its length, between time ${time(off.first).toPrecision(3)} and ${time(off.last + 1).toPrecision(3)}: it may have merged or shifted drops there; check it against the figure`,
      })
    }
    return warnings
  }
  const from = fit.tall.length ? time(fit.tall[0]) : points[0].time
  const to = fit.tall.length
    ? time(fit.tall[fit.tall.length - 1] + 1)
    : points[points.length - 1].time
  return [
    ...warnings,
    {
      code: 'steps-merged',
      message: `the curve of colour ${name} is drawn ${fit.width.toFixed(1)} px wide with steps closer together than that, from time ${from.toPrecision(3)} to ${to.toPrecision(3)}: the trace may merge or shift small drops there; check it against the figure, or trace it by hand`,
    },
  ]
}

/** Two traces that end within this many columns of each other end together. */
const TAIL_END_PX = 10
/** A lighter trace that ends together with a darker one after running with it this many columns. */
const TAIL_TOGETHER_PX = 30
/** Columns apart that the trailing run together bridges (a last drop, a stub after it). */
const TAIL_BREAK = 4

export type Rows = { x0: number; x1: number; lo: Float64Array; hi: Float64Array } | null

/**
 * A stretch where one trace runs along another's line (runsAlong, tailJumped, tailLeapt): its
 * columns (from…to) and the other trace's rows, which retraceAlongOthers.ts masks.
 */
export interface StretchAlong {
  from: number
  to: number
  rows: { x0: number; lo: Float64Array; hi: Float64Array }
}

/**
 * Warns (code `follows-other`) of a lighter curve whose trace ends together with a darker curve's
 * (within TAIL_END_PX columns) after running with it (within TOGETHER_PX, breaks of up to
 * TAIL_BREAK columns bridged) over its last TAIL_TOGETHER_PX columns or more: a grey arm that ends
 * early is carried on along a slate arm's tail by that line's anti-aliased edge, and the trace
 * ends where the slate arm ends. Two arms that truly end on one shared line are `under` there (in
 * either trace).
 * Measured on dev seeds 3000–3119 and 4000–4119 (09:55 UTC, not asserted): whole arms ran at most
 * 15 such columns; a grey arm carried past its end ran 78.
 */
function warnTailFollows(curves: readonly TracedCurve[], rows: readonly Rows[], i: number): void {
  const c = curves[i]
  const a = rows[i]
  if (!a) return
  const hidden = c.status.stretches.filter((s) => s.kind === 'under' && !s.underMarks)
  curves.forEach((d, j) => {
    const b = rows[j]
    if (j === i || !b || luma(...c.color) < luma(...d.color)) return
    if (Math.abs(a.x1 - b.x1) > TAIL_END_PX) return
    // Where the darker curve's tail is hidden under this one's line (its trace says so), this
    // curve's line is drawn there, over it: the two run together, and neither followed the other
    // (random development seed 6102: a black tail under the red line, once traced to its end,
    // had the red arm warned of for the 78 columns they share).
    const beneath = d.status.stretches.filter(
      (s) => s.kind === 'under' && !s.underMarks && s.underColor === formatColor(c.color),
    )
    let run = 0
    let miss = 0
    for (let x = Math.min(a.x1, b.x1); x >= Math.max(a.x0, b.x0); x--) {
      const ka = x - a.x0
      const kb = x - b.x0
      const together =
        !hidden.some((s) => x >= s.x0 && x < s.x1) &&
        !beneath.some((s) => x >= s.x0 && x < s.x1) &&
        a.lo[ka] <= a.hi[ka] &&
        b.lo[kb] <= b.hi[kb] &&
        Math.max(0, b.lo[kb] - a.hi[ka], a.lo[ka] - b.hi[kb]) <= TOGETHER_PX
      if (together) {
        run++
        miss = 0
      } else if (++miss > TAIL_BREAK) break
    }
    if (run < TAIL_TOGETHER_PX || c.warnings.some((w) => w.code === 'follows-other')) return
    c.warnings.push({
      code: 'follows-other',
      message: `the trace of colour ${formatColor(c.color)} ends where the trace of colour ${formatColor(d.color)} ends, after running along it for its last ${run} columns: its tail may have followed that curve's line instead of its own; check the end of the curve against the figure`,
    })
  })
}

/** Chroma (ΔE*76 in a*b*, from white) under which a curve's colour is a grey (warnRunsPastOther). */
const GREY_CHROMA = 5

/**
 * Warns (code `follows-other`) of a lighter curve whose trace runs along a darker curve's trace
 * (within TOGETHER_PX, breaks of up to TAIL_BREAK columns bridged) over that trace's last
 * TAIL_TOGETHER_PX columns or more, to its end, and goes on beyond it by more than TAIL_END_PX,
 * where the darker curve's trace is itself in doubt (its status not whole: it was not seen to its
 * end). The two traces split one line between them, and where the darker one stopped short the
 * lighter one may have carried on along the darker curve's line (Lancet development seed 7150 C:
 * a thin grey arm's ink ends at month 53, under the crimson dashed arm's line, whose trace stopped
 * at month 54 with a gap; the grey trace rode the crimson dashes to month 56, said whole).
 * warnTailFollows sees only traces that end together. Only for a grey curve (chroma under
 * GREY_CHROMA): another line's thin or JPEG-paled edge reads as grey ink, not as a colour's, and a
 * coloured curve that goes on past a darker one's stopped trace has its own line there (NEJM
 * development seed 7298 C, orange past red, and Lancet 7012 A, navy past crimson: whole, and
 * warned of so without it). Measured on development seeds 3000–3119, 4000–4119, 6000–6479 and
 * 7000–7479 (22:29 UTC 2026-12-07, not asserted; true colours): warns of 7150 C, and of no other
 * arm once coloured curves are left out.
 */
function warnRunsPastOther(curves: readonly TracedCurve[], rows: readonly Rows[], i: number): void {
  const c = curves[i]
  const a = rows[i]
  const [, ca, cb] = rgbToLab(...c.color)
  if (!a || Math.hypot(ca, cb) >= GREY_CHROMA || c.warnings.some((w) => w.code === 'follows-other'))
    return
  const hidden = c.status.stretches.filter((s) => s.kind === 'under' && !s.underMarks)
  curves.forEach((d, j) => {
    const b = rows[j]
    if (j === i || !b || luma(...c.color) < luma(...d.color) || d.status.status === 'whole') return
    if (a.x1 - b.x1 <= TAIL_END_PX || c.warnings.some((w) => w.code === 'follows-other')) return
    let run = 0
    let miss = 0
    for (let x = b.x1; x >= Math.max(a.x0, b.x0); x--) {
      if (!hidden.some((s) => x >= s.x0 && x < s.x1) && togetherAt(a, b, x)) {
        run++
        miss = 0
      } else if (++miss > TAIL_BREAK) break
    }
    if (run < TAIL_TOGETHER_PX) return
    const end = c.points[c.points.length - 1]
    const at = d.points[d.points.length - 1]
    c.warnings.push({
      code: 'follows-other',
      message: `the trace of colour ${formatColor(c.color)} runs along the trace of colour ${formatColor(d.color)} for ${run} columns to its end at time ${at.time.toPrecision(3)}, and goes on to time ${end.time.toPrecision(3)}; that curve's trace stops short of its line's end, and this one may have carried on along that curve's line instead of its own; check the end of both curves against the figure`,
    })
  })
}

/** Another trace within this many pixels of a trace's end level runs on at that level. */
const END_BESIDE_PX = 2.5
/** Columns after a trace's end within which another trace may come to its level (a drop's width). */
const END_BESIDE_START = 6
/**
 * Another trace that goes on at the end's level over this share of the longest trace's columns
 * is a warning. Measured on dev seeds 3000–3119 and 4000–4119 (11:30 UTC, not asserted): whole
 * arms at most 0.071 (lancet 3064 A, which ends on arm C's line); a thin grey arm whose line went
 * on hidden under a blue one for 2.7 of 36 months, 0.17 (jco 4095 C).
 */
const END_BESIDE_SHARE = 0.1

/** The time at pixel column x along a trace's corners (linear between them). */
function timeAt(points: readonly { x: number; time: number }[], x: number): number {
  for (let k = 0; k + 1 < points.length; k++) {
    const a = points[k]
    const b = points[k + 1]
    if (x <= b.x)
      return b.x === a.x ? b.time : a.time + ((b.time - a.time) * (x - a.x)) / (b.x - a.x)
  }
  return points[points.length - 1].time
}

/**
 * Warns (code `ends-under-other`) of a curve whose trace ends where another curve's trace goes
 * on at its level (within END_BESIDE_PX, from within END_BESIDE_START columns of the end) over
 * END_BESIDE_SHARE of the longest trace's columns: a thin pale line that runs on under a darker
 * one drawn over it shows no ink of its own there, and its trace stops where the other reaches
 * its level. A curve that truly ends on another's line looks the same, so the warning says the
 * line may go on. Not for a trace that ends on the axis (survival 0), which every curve meets.
 */
function warnEndsUnderOther(
  curves: readonly TracedCurve[],
  rows: readonly Rows[],
  i: number,
): void {
  const c = curves[i]
  // Said already of the ink at the trace's foot (auditTrace: footOnOtherLine).
  if (!rows[i] || c.points.length < 2 || c.warnings.some((w) => w.code === 'ends-under-other'))
    return
  const end = c.points[c.points.length - 1]
  if (end.surv <= AXIS_SURV) return
  const longest = Math.max(...rows.map((r) => (r ? r.x1 - r.x0 + 1 : 0)))
  let best = 0
  let by = -1
  let last = 0
  curves.forEach((_, j) => {
    const b = rows[j]
    if (j === i || !b) return
    let run = 0
    let x = Math.floor(end.x) + 1
    for (; x <= b.x1; x++) {
      const k = x - b.x0
      if (k < 0) break
      if (
        b.lo[k] <= b.hi[k] &&
        b.lo[k] - END_BESIDE_PX <= end.y &&
        b.hi[k] + END_BESIDE_PX >= end.y
      )
        run++
      else if (run > 0 || x - end.x > END_BESIDE_START) break
    }
    if (run > best) {
      best = run
      by = j
      last = x
    }
  })
  if (by < 0 || best < END_BESIDE_SHARE * longest) return
  const d = curves[by]
  const until = Math.max(end.time, timeAt(d.points, last))
  c.warnings.push({
    code: 'ends-under-other',
    message: `the trace of colour ${formatColor(c.color)} ends at time ${end.time.toPrecision(3)} beside the trace of colour ${formatColor(d.color)}, which goes on at its level to about time ${until.toPrecision(3)} (${best} columns): its line may continue hidden under that curve; check the end of the curve against the figure`,
  })
}

/** Two traces this close (pixels, between the rows they span) in a column run together there. */
const TOGETHER_PX = 1.5
/** A trace that runs with another's over this share of its columns may have followed it. */
const TOGETHER_SHARE = 0.3
/**
 * A lighter trace that runs with a darker one over one stretch of this share of its columns (and
 * at least TAIL_TOGETHER_PX) may have followed it there. Measured on dev seeds 3000–3119,
 * 4000–4119 and 6000–6239 (01:25 UTC 2026-12-07, not asserted): whole arms' longest such stretch
 * was at most 0.098 of their columns but for two already warned of otherwise (0.137 NEJM 6212 C,
 * 0.181 NEJM 6170 A); a grey dashed JAMA arm that rode a slate arm for months 0.6–5 while its
 * dashes lay 10–25 px below, 0.173 (jama 6233 B, silent before).
 */
const TOGETHER_STRETCH_SHARE = 0.15

/**
 * Whether two traces' rows (traceRows) both hold column x and lie within TOGETHER_PX of each
 * other there.
 */
export function togetherAt(a: NonNullable<Rows>, b: NonNullable<Rows>, x: number): boolean {
  const ka = x - a.x0
  const kb = x - b.x0
  return (
    ka >= 0 &&
    x <= a.x1 &&
    kb >= 0 &&
    x <= b.x1 &&
    a.lo[ka] <= a.hi[ka] &&
    b.lo[kb] <= b.hi[kb] &&
    Math.max(0, b.lo[kb] - a.hi[ka], a.lo[ka] - b.hi[kb]) <= TOGETHER_PX
  )
}

/** Each trace's rows per column (traceRows), over its own columns; null for a trace of one point. */
export function traceRowsOf(curves: readonly TracedCurve[]): Rows[] {
  return curves.map((c) => {
    if (c.points.length < 2) return null
    const x0 = Math.ceil(c.points[0].x)
    const x1 = Math.floor(c.points[c.points.length - 1].x)
    return { x0, x1, ...traceRows(c.points, x0, x1) }
  })
}

/**
 * How trace i runs together with trace j (within TOGETHER_PX, outside i's own `under`
 * stretches): the share of i's columns, its longest stretch (breaks of up to TAIL_BREAK bridged)
 * as a share of i's columns and in columns, and where that stretch lies (columns from…to); over
 * i's columns first…last only, when given.
 */
function runTogether(
  curves: readonly TracedCurve[],
  rows: readonly Rows[],
  i: number,
  j: number,
  first = -Infinity,
  last = Infinity,
) {
  const a = rows[i]
  const b = rows[j]
  if (!a || !b) return { share: 0, stretch: 0, columns: 0, from: 0, to: -1 }
  const hidden = curves[i].status.stretches.filter((s) => s.kind === 'under' && !s.underMarks)
  let n = 0
  let same = 0
  let run = 0
  let runFrom = 0
  let miss = 0
  let stretch = 0
  let from = 0
  let to = -1
  for (let x = Math.max(a.x0, first); x <= Math.min(a.x1, last); x++) {
    const ka = x - a.x0
    if (!(a.lo[ka] <= a.hi[ka])) continue
    n++
    if (!hidden.some((s) => x >= s.x0 && x < s.x1) && togetherAt(a, b, x)) {
      if (run === 0) runFrom = x
      same++
      run++
      miss = 0
      if (run > stretch) {
        stretch = run
        from = runFrom
        to = x
      }
    } else if (++miss > TAIL_BREAK) run = 0
  }
  return { share: n ? same / n : 0, stretch: n ? stretch / n : 0, columns: stretch, from, to }
}

/**
 * Whether trace i runs along trace j as far as warnFollowsOther warns of (over TOGETHER_SHARE of
 * its columns, or one stretch of TOGETHER_STRETCH_SHARE of them; either way a stretch of at
 * least TAIL_TOGETHER_PX columns), whichever of the two is the lighter: the columns of their
 * longest stretch together (from…to) and j's traced rows, or null. traceCurves.ts masks j's line
 * there and traces i again. With `anyShare`, a stretch of TAIL_TOGETHER_PX columns is enough,
 * however short a share of i's columns it is.
 */
export function runsAlong(
  curves: readonly TracedCurve[],
  i: number,
  j: number,
  rows: readonly Rows[] = traceRowsOf(curves),
  anyShare = false,
): StretchAlong | null {
  const t = runTogether(curves, rows, i, j)
  const b = rows[j]
  if (!b || t.columns < TAIL_TOGETHER_PX) return null
  if (!anyShare && t.share < TOGETHER_SHARE && t.stretch < TOGETHER_STRETCH_SHARE) return null
  return { from: t.from, to: t.to, rows: b }
}

/** A trace's last drop at least this tall (pixels) may have jumped onto another curve's line. */
export const JUMP_DROP_PX = 2
/** A drop spans at most this many columns (a slanted bridge down counts as one). */
const JUMP_DROP_COLUMNS = 6
/**
 * A trace whose tail, from its last drop on, runs with another's over this share of its columns
 * ends along that line. Measured on dev seeds 6000–6479 and 7240–7479 (not asserted): tails that
 * had jumped ran with the other's 0.8–1.0 of theirs (jama 7325 A 11 of 11, nejm 7430 A 34 of 34,
 * lancet 6070 B 44 of 44, jama 6281 A 42 of 42).
 */
const JUMP_ALONG_SHARE = 0.8

/**
 * Whether trace i's tail jumped onto trace j's: its last drop (JUMP_DROP_PX or more, over at most
 * JUMP_DROP_COLUMNS) lands on j's line (within TOGETHER_PX, in its first 3 columns), and from there
 * it runs with j's over JUMP_ALONG_SHARE of its columns to an end within TAIL_END_PX of j's. A
 * darker arm may do it (jama 7325: a slate tail stepped down onto the grey tail below and ended
 * with it; nejm 7430: a red tail onto the orange one), and the run is often shorter than
 * TAIL_TOGETHER_PX, so neither warnTailFollows nor runsAlong sees it. Returns the tail's columns
 * (from…to) and j's rows, as runsAlong does, or null.
 */
export function tailJumped(
  curves: readonly TracedCurve[],
  i: number,
  j: number,
  rows: readonly Rows[] = traceRowsOf(curves),
): StretchAlong | null {
  const a = rows[i]
  const b = rows[j]
  if (!a || !b || Math.abs(a.x1 - b.x1) > TAIL_END_PX) return null
  const p = curves[i].points
  let k = p.length - 1
  while (
    k > 0 &&
    !(p[k].y - p[k - 1].y >= JUMP_DROP_PX && p[k].x - p[k - 1].x <= JUMP_DROP_COLUMNS)
  )
    k--
  if (k <= 0) return null
  const from = Math.ceil(p[k].x)
  const together = (x: number) => togetherAt(a, b, x)
  if (![0, 1, 2].some((d) => together(from + d))) return null
  // The other line lay at the level the drop lands on, and only there, two columns before the
  // drop: two lines that ran as one and drop together (jama 7007 and 7301, whole arms)
  // share the drop, and neither jumped.
  const before = Math.floor(p[k - 1].x) - 2 - b.x0
  if (
    !(before >= 0 && before <= b.x1 - b.x0) ||
    !(b.lo[before] >= p[k].y - TOGETHER_PX && b.hi[before] <= p[k].y + TOGETHER_PX)
  )
    return null
  let run = 0
  for (let x = from; x <= a.x1; x++) if (together(x)) run++
  if (run < JUMP_ALONG_SHARE * (a.x1 - from + 1)) return null
  return { from, to: a.x1, rows: b }
}

/**
 * Whether trace i's tail leapt onto trace j's: a drop of it (JUMP_DROP_PX or more, over any number
 * of columns) that `blank` says crosses the background — no line's drop, but a path that bridged
 * columns and entered another curve's line below — lands on j's line (within TOGETHER_PX, in its
 * first 3 columns), and from there i runs with j's over JUMP_ALONG_SHARE of its columns. The
 * drops after the leap must be j's steps that the tail followed: drops j makes too (j not at
 * their foot two columns before them), or steps within j's line (i with j already before them:
 * forced-NEJM development seed 6107 A, 2.5 px within the orange line after a leap of 42 px); an
 * inked drop of i's own onto j's line ends the search. A line's drop is inked, so unlike
 * tailJumped j need not lie at the foot's level before the leap, the tail may follow j's line
 * down its steps after it (6210 A: the red arm bridged 9 columns from its tail's end down onto
 * the orange line and rode it, and its steps, for 128 columns), and the leap may be a slanted
 * bridge (6158 B: 17 columns). Returns the columns from the drop's top to the later of the two
 * ends, and j's rows, as runsAlong does, or null.
 */
export function tailLeapt(
  curves: readonly TracedCurve[],
  i: number,
  j: number,
  blank: (drop: { x0: number; x1: number; y0: number; y1: number }) => boolean,
  rows: readonly Rows[] = traceRowsOf(curves),
): StretchAlong | null {
  const a = rows[i]
  const b = rows[j]
  if (!a || !b || Math.abs(a.x1 - b.x1) > TAIL_END_PX) return null
  const p = curves[i].points
  for (let k = p.length - 1; k > 0; k--) {
    if (p[k].y - p[k - 1].y < JUMP_DROP_PX) continue
    const from = Math.ceil(p[k].x)
    if (![0, 1, 2].some((d) => togetherAt(a, b, from + d))) continue
    if (!blank({ x0: p[k - 1].x, x1: p[k].x, y0: p[k - 1].y, y1: p[k].y })) {
      // A drop j made too (j not yet at its foot two columns before), or one within j's line
      // (i with j already before it): a step of j's line that the tail followed after the leap.
      // Else i's own drop onto j's line: no leap.
      const before = Math.floor(p[k - 1].x) - 2 - b.x0
      if (
        !togetherAt(a, b, before + b.x0) &&
        before >= 0 &&
        before <= b.x1 - b.x0 &&
        b.lo[before] >= p[k].y - TOGETHER_PX &&
        b.hi[before] <= p[k].y + TOGETHER_PX
      )
        return null
      continue
    }
    let run = 0
    for (let x = from; x <= a.x1; x++) if (togetherAt(a, b, x)) run++
    if (run < JUMP_ALONG_SHARE * (a.x1 - from + 1)) return null
    // From the drop's top, and to the other's end: the bridge passes over the other's line, and
    // its fringe there and beyond the tail reads as specks of this colour (6158 B: 16 columns of
    // them beyond the re-trace's end, warned of as ink beyond it).
    return { from: Math.max(b.x0, Math.floor(p[k - 1].x) + 1), to: Math.max(a.x1, b.x1), rows: b }
  }
  return null
}

/** Whether trace i runs together with trace j over TAIL_TOGETHER_PX columns within first…last. */
export function runsAlongWithin(
  curves: readonly TracedCurve[],
  i: number,
  j: number,
  first: number,
  last: number,
): boolean {
  return runTogether(curves, traceRowsOf(curves), i, j, first, last).columns >= TAIL_TOGETHER_PX
}

/**
 * Warns (code `follows-other`) of a curve whose trace runs together with another curve's trace
 * (within TOGETHER_PX) over TOGETHER_SHARE of its columns or more, when it is the lighter of the
 * two: a thin dark line's anti-aliased edge looks like a lighter curve's ink (a grey arm beside a
 * slate one), so the lighter curve is the one that can follow the other's line, and a darker one
 * cannot be drawn from a lighter's pixels. Arms that truly share a stretch are listed by the
 * tracer as `under` stretches; those columns are not counted (a stretch hidden under censor
 * marks is not shared with another arm, and is counted). It warns too when the traces run
 * together over one unbroken stretch of TOGETHER_STRETCH_SHARE of the lighter's columns (breaks of
 * up to TAIL_BREAK bridged), however little they share elsewhere: a grey dashed arm whose trace
 * rode a slate arm's edge from the start while its dashes fell away below. Adds the warnings in
 * place.
 */
export function warnFollowsOther(curves: readonly TracedCurve[]): void {
  const rows = traceRowsOf(curves)
  const together = (i: number, j: number) => runTogether(curves, rows, i, j)
  curves.forEach((_, i) => warnEndsUnderOther(curves, rows, i))
  curves.forEach((c, i) => {
    let best = -1
    let share = 0
    let along = -1
    let stretch = 0
    let stretchColumns = 0
    curves.forEach((d, j) => {
      if (j === i || luma(...c.color) < luma(...d.color)) return
      const t = together(i, j)
      if (t.share > share) {
        share = t.share
        best = j
      }
      if (t.stretch > stretch) {
        stretch = t.stretch
        stretchColumns = t.columns
        along = j
      }
    })
    if (best >= 0 && share >= TOGETHER_SHARE) {
      const other = formatColor(curves[best].color)
      c.warnings.push({
        code: 'follows-other',
        message: `the trace of colour ${formatColor(c.color)} runs along the trace of colour ${other} for ${Math.round(100 * share)}% of its length: it may have followed that curve's line instead of its own; check it against the figure, or mask the other curve and trace it again`,
      })
    } else if (
      along >= 0 &&
      stretch >= TOGETHER_STRETCH_SHARE &&
      stretchColumns >= TAIL_TOGETHER_PX
    ) {
      const other = formatColor(curves[along].color)
      c.warnings.push({
        code: 'follows-other',
        message: `the trace of colour ${formatColor(c.color)} runs along the trace of colour ${other} without a break for ${stretchColumns} columns (${Math.round(100 * stretch)}% of its length): it may have followed that curve's line instead of its own there; check that stretch against the figure, or mask the other curve and trace it again`,
      })
    } else {
      warnTailFollows(curves, rows, i)
      warnRunsPastOther(curves, rows, i)
    }
    if (c.warnings.some((w) => w.code === 'follows-other')) return
    // Whichever of the two is the lighter: the curve that came down onto the other's line.
    const j = curves.findIndex((_, j) => j !== i && tailJumped(curves, i, j, rows))
    if (j < 0) return
    c.warnings.push({
      code: 'follows-other',
      message: `the trace of colour ${formatColor(c.color)} drops onto the trace of colour ${formatColor(curves[j].color)} and ends along it: its tail may have jumped onto that curve's tail; check the end of the curve against the figure`,
    })
  })
}
