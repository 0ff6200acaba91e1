import { kaplanMeier } from '../survival'
import type { CleanPoint } from './preprocess'
import type { IpdRow } from './types'

export interface StepCurve {
  /** Distinct times, increasing. */
  time: number[]
  /** Survival at each time, right-continuous. */
  surv: number[]
}

/** The Kaplan–Meier step curve of IPD (`survival::survfit`'s time and surv columns). */
export function kmStep(ipd: readonly IpdRow[]): StepCurve {
  const fit = kaplanMeier(
    ipd.map((r) => r.time),
    ipd.map((r) => r.event),
  )
  return { time: fit.time, surv: fit.surv }
}

/** S(t): the step curve at `t`, right-continuous. */
function valueAt(curve: StepCurve, t: number, strictlyBefore: boolean): number {
  let lo = 0
  let hi = curve.time.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (strictlyBefore ? curve.time[mid] < t : curve.time[mid] <= t) lo = mid + 1
    else hi = mid
  }
  return lo === 0 ? 1 : curve.surv[lo - 1]
}

/**
 * Distance between the digitized points and the reconstructed step curve, as the vertical
 * distance to the drawn curve within `timeTolerance` of each click: a click on a drop's vertical
 * segment, or a pixel beside it, is on the curve, where a right-continuous evaluation would
 * charge a click at the top of a drop the whole drop. RMSE, mean and maximum absolute error over
 * the input points (the added start (0, 1) excluded), in survival units (0–1).
 */
export function curveAccuracy(
  points: readonly CleanPoint[],
  curve: StepCurve,
  timeTolerance: number,
): { rmse: number; mae: number; maxAbs: number } {
  let sumSq = 0
  let sumAbs = 0
  let maxAbs = 0
  let count = 0
  for (const p of points) {
    if (p.index < 0) continue
    const hi = valueAt(curve, p.time - timeTolerance, true)
    const lo = valueAt(curve, p.time + timeTolerance, false)
    const e = p.surv < lo ? lo - p.surv : p.surv > hi ? p.surv - hi : 0
    sumSq += e * e
    sumAbs += e
    maxAbs = Math.max(maxAbs, e)
    count++
  }
  return count === 0
    ? { rmse: 0, mae: 0, maxAbs: 0 }
    : { rmse: Math.sqrt(sumSq / count), mae: sumAbs / count, maxAbs }
}
