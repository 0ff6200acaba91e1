import { formatColor } from './color'
import type { CensorMark, TracedCurve, TracedPoint } from './types'

/**
 * Marks of two curves at most this far apart in columns, with their ink centred within
 * SAME_INK_ROWS rows, are one drawn mark read twice (two curves' own marks at one time, each on
 * its line, are centred as far apart as the lines).
 */
const SAME_MARK_PX = 2
const SAME_INK_ROWS = 2
/** A mark whose ink is at least this share black (ink of no curve) may be read by any curve. */
const BLACK_SHARE = 0.5
/** Two lines at most this far apart (pixels, beyond the wider line's width) share the stretch. */
const SHARED_PX = 1
/**
 * A black mark whose ink is centred within ON_LINE_ROWS rows of another curve's path, and at
 * least OTHER_LINE_ROWS rows nearer it than the reading curve's own, is that curve's (onOtherLine).
 */
const ON_LINE_ROWS = 0.5
const OTHER_LINE_ROWS = 2

function fmt(x: number): string {
  return Number(x.toPrecision(3)).toString()
}

/**
 * Settles the censor marks that several curves of one figure read at the same place. A mark in a
 * curve's own colour is read by that curve only, but black marks (NEJM's "+" on coloured curves)
 * are ink of no curve, and each curve whose line runs within a mark's reach reads them. A black
 * mark read by two curves at the same column (within SAME_MARK_PX) is one drawn mark:
 * - where the two lines are apart, it is the mark of the curve it is drawn on — the one whose
 *   line its ink is centred on (a mark of the other line reaches this one from one side only);
 * - where the lines coincide (arms that share their start, or touching tails), nothing in the
 *   figure says whose it is: it is given to neither, and each curve gets a warning with the times
 *   (code `marks-shared`), rather than counted twice or dropped unsaid.
 * A black mark one curve reads whose ink is centred on another curve's line (onOtherLine) is
 * that line's, even when its own curve did not read it (merged into a crowd of its marks): it is
 * left out of the reader's marks.
 * Mutates `curves` (their marks and warnings).
 * Afterwards the marks carry only their place (the ink measures are dropped).
 */
export function settleSharedMarks(curves: TracedCurve[]): void {
  const names = curves.map((c) => formatColor(c.color))
  const drop = curves.map(() => new Set<CensorMark>())
  const shared = curves.map(() => new Map<number, number[]>())
  curves.forEach((c, i) => {
    for (const m of c.censorMarks) if (isBlack(m) && onOtherLine(m, i, curves)) drop[i].add(m)
  })
  for (let i = 0; i < curves.length; i++) {
    for (let j = i + 1; j < curves.length; j++) {
      const a = curves[i]
      const b = curves[j]
      const apart = Math.max(a.lineWidth, b.lineWidth) + SHARED_PX
      for (const m of a.censorMarks) {
        if (!isBlack(m)) continue
        const n = b.censorMarks.find(
          (k) =>
            isBlack(k) &&
            Math.abs(k.x - m.x) <= SAME_MARK_PX &&
            (Math.abs(k.y - m.y) <= apart ||
              Math.abs((k.inkY ?? k.y) - (m.inkY ?? m.y)) <= SAME_INK_ROWS),
        )
        if (!n) continue
        if (Math.abs(m.y - n.y) <= apart) {
          drop[i].add(m)
          drop[j].add(n)
          pushTo(shared[i], j, m.time)
          pushTo(shared[j], i, n.time)
        } else if (offCentre(m) <= offCentre(n)) {
          drop[j].add(n)
        } else {
          drop[i].add(m)
        }
      }
    }
  }
  curves.forEach((c, i) => {
    c.censorMarks = c.censorMarks
      .filter((m) => !drop[i].has(m))
      .map((m) => ({ x: m.x, y: m.y, time: m.time, surv: m.surv }))
    for (const [j, times] of shared[i]) {
      c.warnings.push({
        code: 'marks-shared',
        message:
          times.length === 1
            ? `1 censor mark at time ${fmt(times[0])} lies where this curve and the curve of colour ${names[j]} share one line: either curve's, so counted for neither; add it by hand to the curve it belongs to`
            : `${times.length} censor marks ${timesText(times)} lie where this curve and the curve of colour ${names[j]} share one line: either curve's, so counted for neither; add them by hand to the curve they belong to`,
      })
    }
  })
}

/**
 * Whether black mark `m`, read by curve `i`, is centred on another curve's line: its ink's centre
 * (`inkY`) within ON_LINE_ROWS of that curve's path in the mark's column, at least
 * OTHER_LINE_ROWS rows nearer than to the reader's own path, the two paths apart there (as in
 * settleSharedMarks). The reader's line runs within reach of a neighbour's "+" and reads the arm
 * on its side. Development seeds 3000–3119 and 4000–4119 (censorMarks' inputs dumped from the
 * tracer of 2026-12-06 14:45 UTC, scored with the bench's rule: a mark matches within 2 px in
 * time): NEJM precision 0.882 → 0.888 and 0.878 → 0.882, recall 0.835 → 0.835 and 0.861 →
 * 0.857; all styles precision 0.899 → 0.901 and 0.893 → 0.894, recall 0.855 → 0.854 and 0.857
 * → 0.856; arms reconstructed better and worse with marks, and mean IAE with marks, unchanged
 * (check seeds 5000–5119: precision 0.875 → 0.876, recall 0.840 → 0.839, the same arms better
 * and worse). With ON_LINE_ROWS unbounded (any line nearer by OTHER_LINE_ROWS) more true marks
 * went (a crowd of both lines' marks, read as one group, is centred between them).
 */
function onOtherLine(m: CensorMark, i: number, curves: readonly TracedCurve[]): boolean {
  if (m.inkY === undefined) return false
  const inkY = m.inkY
  const own = pathRows(curves[i].points, m.x)
  if (!own) return false
  const fromOwn = rowDistance(own, inkY)
  return curves.some((c, j) => {
    if (j === i) return false
    const rows = pathRows(c.points, m.x)
    if (!rows) return false
    const apart = Math.max(c.lineWidth, curves[i].lineWidth) + SHARED_PX
    if (rows[0] - own[1] <= apart && own[0] - rows[1] <= apart) return false
    const fromOther = rowDistance(rows, inkY)
    return fromOther <= ON_LINE_ROWS && fromOther + OTHER_LINE_ROWS < fromOwn
  })
}

/**
 * The rows [top, bottom] a traced path (its corners, image pixels) passes through within half a
 * column of `x`: a drop there spans its rows. Null where the path does not reach `x`.
 */
function pathRows(points: readonly TracedPoint[], x: number): [number, number] | null {
  if (points.length === 0) return null
  if (x < points[0].x - 0.5 || x > points[points.length - 1].x + 0.5) return null
  let top = Infinity
  let bottom = -Infinity
  const take = (y: number) => {
    top = Math.min(top, y)
    bottom = Math.max(bottom, y)
  }
  for (let k = 0; k < points.length; k++) {
    const a = points[k]
    if (Math.abs(a.x - x) <= 0.5) take(a.y)
    const b = points[k + 1]
    if (b && a.x <= x && x <= b.x) {
      take(b.x - a.x < 1e-9 ? a.y : a.y + ((b.y - a.y) * (x - a.x)) / (b.x - a.x))
    }
  }
  if (!Number.isFinite(top)) take(x < points[0].x ? points[0].y : points[points.length - 1].y)
  return [top, bottom]
}

/** Rows from `y` to the span `rows` (0 inside it). */
const rowDistance = (rows: [number, number], y: number) =>
  y < rows[0] ? rows[0] - y : y > rows[1] ? y - rows[1] : 0

/** Times listed one by one up to this many; more are given as their range, to stay readable. */
const LISTED_TIMES = 6

function timesText(times: readonly number[]): string {
  if (times.length <= LISTED_TIMES) return `at times ${times.map(fmt).join(', ')}`
  return `between times ${fmt(Math.min(...times))} and ${fmt(Math.max(...times))}`
}

const isBlack = (m: CensorMark) => (m.black ?? 0) >= BLACK_SHARE

/** How far the mark's ink is centred off its line (rows); a mark without ink measures is central. */
const offCentre = (m: CensorMark) => (m.inkY === undefined ? 0 : Math.abs(m.inkY - m.y))

function pushTo(map: Map<number, number[]>, key: number, t: number) {
  const list = map.get(key)
  if (list) list.push(t)
  else map.set(key, [t])
}
