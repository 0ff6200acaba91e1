import { formatColor } from './color'
import type { CensorMark, TracedCurve } from './types'

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
 * Mutates `curves` (their marks and warnings).
 * Afterwards the marks carry only their place (the ink measures are dropped).
 */
export function settleSharedMarks(curves: TracedCurve[]): void {
  const names = curves.map((c) => formatColor(c.color))
  const drop = curves.map(() => new Set<CensorMark>())
  const shared = curves.map(() => new Map<number, number[]>())
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
