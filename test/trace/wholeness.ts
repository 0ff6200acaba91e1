import { kmStep } from '../../src/shared/reconstruct'
import type { IpdRow } from '../../src/shared/reconstruct/types'
import type { AxisMap, TracedCurve } from '../../src/shared/trace'

/**
 * Issue 10's "traced whole", against the truth of a generated figure: at least WITHIN_SHARE of the
 * trace's columns lie within WITHIN_PX pixels of the drawn line, the 95th percentile of the
 * vertical gap (survival) over them is at most GAP_P95, and the trace ends within END_SHARE of the
 * time span of the arm's last ink (its last patient's time, or the axis end if later).
 */
const WITHIN_PX = 2
const WITHIN_SHARE = 0.95
const GAP_P95 = 0.01
const END_SHARE = 0.02

export interface Wholeness {
  whole: boolean
  /** Share of the trace's columns within WITHIN_PX of the drawn line. */
  within: number
  /** 95th percentile over the trace's columns of the vertical gap (survival) between the traced path and the drawn line. */
  gapP95: number
  /** Traced end time less the arm's last ink time (negative: ended early). */
  endGap: number
}

/**
 * How whole a traced arm is: `ipd` the arm's patients (the line is drawn as their KM curve to the
 * last time, capped at `span`, the time axis's length), `map` the figure's calibration.
 */
export function wholeness(
  curve: TracedCurve,
  ipd: readonly IpdRow[],
  map: AxisMap,
  span: number,
): Wholeness {
  const km = kmStep(ipd)
  const truth = (t: number) => {
    let s = 1
    for (let i = 0; i < km.time.length && km.time[i] <= t; i++) s = km.surv[i]
    return s
  }
  const last = Math.min(span, Math.max(...ipd.map((r) => r.time)))
  const end = curve.points.length ? curve.points[curve.points.length - 1].time : 0
  const x0 = Math.ceil(map.toPixel(0, 1).px)
  const x1 = Math.floor(map.toPixel(Math.min(end, last), 1).px)
  const timeAt = (x: number) => map.toData(x, map.toPixel(0, 1).py).time
  const rowOf = (s: number) => map.toPixel(0, s).py
  // The rows the drawn line spans in column x: both levels of a drop within it.
  const rows = (x: number): [number, number] => {
    const a = rowOf(truth(Math.max(0, timeAt(x - 0.5))))
    const b = rowOf(truth(Math.max(0, timeAt(x + 0.5))))
    return [Math.min(a, b), Math.max(a, b)]
  }
  // The rows the traced path spans in each column, read as drawn: corners joined by lines.
  const n = Math.max(0, x1 - x0 + 1)
  const tLo = new Float64Array(n).fill(Infinity)
  const tHi = new Float64Array(n).fill(-Infinity)
  const pts = curve.points
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i]
    const b = pts[i + 1]
    const c0 = Math.max(x0, Math.floor(Math.min(a.x, b.x)))
    const c1 = Math.min(x1, Math.floor(Math.max(a.x, b.x) - 1e-9))
    for (let x = c0; x <= Math.max(c0, c1) && x <= x1; x++) {
      const yAt = (u: number) =>
        b.x === a.x
          ? a.y
          : a.y + ((b.y - a.y) * (Math.min(Math.max(u, a.x), b.x) - a.x)) / (b.x - a.x)
      const ya = b.x === a.x ? Math.min(a.y, b.y) : Math.min(yAt(x), yAt(x + 1))
      const yb = b.x === a.x ? Math.max(a.y, b.y) : Math.max(yAt(x), yAt(x + 1))
      tLo[x - x0] = Math.min(tLo[x - x0], ya)
      tHi[x - x0] = Math.max(tHi[x - x0], yb)
    }
  }
  let near = 0
  let columns = 0
  const gaps: number[] = []
  const pxPerSurv = Math.abs(rowOf(0) - rowOf(1))
  for (let x = x0; x <= x1; x++) {
    const k = x - x0
    if (!(tLo[k] <= tHi[k])) continue
    const [lo0, hi0] = rows(x)
    gaps.push(Math.max(0, lo0 - tHi[k], tLo[k] - hi0) / pxPerSurv)
    let d = Infinity
    for (let dx = -WITHIN_PX; dx <= WITHIN_PX; dx++) {
      const [lo, hi] = rows(x + dx)
      d = Math.min(d, Math.hypot(dx, Math.max(0, lo - tHi[k], tLo[k] - hi)))
    }
    columns++
    if (d <= WITHIN_PX) near++
  }
  gaps.sort((a, b) => a - b)
  const gapP95 = gaps.length ? gaps[Math.min(gaps.length - 1, Math.floor(0.95 * gaps.length))] : 1
  const within = columns ? near / columns : 0
  const endGap = end - last
  return {
    whole: within >= WITHIN_SHARE && gapP95 <= GAP_P95 && Math.abs(endGap) <= END_SHARE * span,
    within,
    gapP95,
    endGap,
  }
}

/**
 * Warnings about the censor marks alone, which say nothing of where the path runs: a mark on a
 * line two arms share is counted for neither (sharedMarks.ts), marks read on one side of a line
 * only are not kept (censorMarks.ts). Counting them as flags would call every whole arm under a
 * shared mark "flagged" and hide a silent trace behind an unrelated note.
 */
const MARKS_ONLY = new Set(['marks-shared', 'marks-one-sided'])

/** A traced curve says it is not whole: a status other than `whole`, or a warning about its path. */
export function isFlagged(curve: TracedCurve): boolean {
  return curve.status.status !== 'whole' || curve.warnings.some((w) => !MARKS_ONLY.has(w.code))
}
