import type { CleanPoint } from './preprocess'
import type { ReconstructMethod } from './types'

/**
 * A fall of the digitized curve from `sBefore` to `sAfter`. Its events happen at `time` when the
 * fall was clicked at both ends of its vertical segment (`from` = `to` = `time`); where clicks
 * skipped steps, the curve only says they happened somewhere in (`from`, `to`), and `time` is the
 * middle of that stretch, which orders the drop among censorings and risk-table intervals.
 */
export interface Drop {
  time: number
  from: number
  to: number
  sBefore: number
  sAfter: number
  /** Input index of the point that shows the drop, for warnings. */
  index: number
}

/**
 * The drops of a cleaned, non-increasing curve. Guyot et al. (2012) put each fall at the time of
 * the point that shows it. `kmpool` reads the clicks as a step curve: two clicks closer in time
 * than `timeTolerance` are the two ends of one vertical segment, so the fall is at their mean
 * time (each click's jitter halves); a fall between clicks further apart is a stretch where
 * steps were not clicked. Its events are later spread over the stretch (the reconstructed curve
 * then follows the straight line between the clicks, where putting them all at its end holds the
 * curve above the truth for the whole stretch), and a stretch that spans a risk-table time is cut
 * there, the fall shared in proportion to time, so the table decides how many of its events
 * come before that time.
 */
export function findDrops(
  points: readonly CleanPoint[],
  method: ReconstructMethod,
  timeTolerance: number,
  riskTimes: readonly number[],
): Drop[] {
  const drops: Drop[] = []
  for (let k = 1; k < points.length; k++) {
    const p = points[k - 1]
    const q = points[k]
    if (!(q.surv < p.surv)) continue
    if (method === 'guyot') {
      drops.push({
        time: q.time,
        from: q.time,
        to: q.time,
        sBefore: p.surv,
        sAfter: q.surv,
        index: q.index,
      })
    } else if (q.time - p.time <= timeTolerance) {
      const t = (p.time + q.time) / 2
      drops.push({ time: t, from: t, to: t, sBefore: p.surv, sAfter: q.surv, index: q.index })
    } else {
      const cuts = [p.time, ...riskTimes.filter((t) => t > p.time && t < q.time), q.time]
      let s = p.surv
      for (let c = 1; c < cuts.length; c++) {
        const from = cuts[c - 1]
        const to = cuts[c]
        const next =
          c === cuts.length - 1
            ? q.surv
            : p.surv + ((q.surv - p.surv) * (to - p.time)) / (q.time - p.time)
        drops.push({ time: (from + to) / 2, from, to, sBefore: s, sAfter: next, index: q.index })
        s = next
      }
    }
  }
  return drops
}
