import type { CleanPoint } from './preprocess'
import type { ReconstructMethod } from './types'

/**
 * A fall of the digitized curve to `sAfter`, somewhere in (`from`, `time`]. For a drop clicked at
 * both ends of its vertical segment `from` equals `time`; where clicks were skipped, the curve
 * only says the fall happened between the two clicks.
 */
export interface Drop {
  time: number
  from: number
  /** The digitized survival just before and just after the fall. */
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
 * steps were not clicked, and its events are later spread over the stretch instead of all being
 * put at its end (which biases the curve late: see reconstruct.ts).
 */
export function findDrops(
  points: readonly CleanPoint[],
  method: ReconstructMethod,
  timeTolerance: number,
): Drop[] {
  const drops: Drop[] = []
  for (let k = 1; k < points.length; k++) {
    const p = points[k - 1]
    const q = points[k]
    if (!(q.surv < p.surv)) continue
    if (method === 'guyot') {
      drops.push({ time: q.time, from: q.time, sBefore: p.surv, sAfter: q.surv, index: q.index })
    } else if (q.time - p.time <= timeTolerance) {
      const t = (p.time + q.time) / 2
      drops.push({ time: t, from: t, sBefore: p.surv, sAfter: q.surv, index: q.index })
    } else {
      drops.push({ time: q.time, from: p.time, sBefore: p.surv, sAfter: q.surv, index: q.index })
    }
  }
  return drops
}
