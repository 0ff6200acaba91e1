import { kmStep } from '../../src/shared/reconstruct'
import type { IpdRow } from '../../src/shared/reconstruct/types'
import type { TracedCurve } from '../../src/shared/trace'

/** S(t) of a traced curve read as a step function through its corners (right-continuous). */
export function tracedAt(curve: TracedCurve, t: number): number {
  let s = 1
  for (const p of curve.points) if (p.time <= t) s = p.surv
  return s
}

/**
 * Mean absolute difference between a traced curve and the true KM of `ipd` over [0, T], T the
 * last time with at least 5 patients at risk, on a fine grid (the tracing's own IAE, before any
 * reconstruction).
 */
export function traceIae(curve: TracedCurve, ipd: readonly IpdRow[]): number {
  const km = kmStep(ipd)
  const times = ipd.map((r) => r.time).sort((a, b) => a - b)
  const T = times[times.length - 5]
  const at = (t: number) => {
    let s = 1
    for (let i = 0; i < km.time.length && km.time[i] <= t; i++) s = km.surv[i]
    return s
  }
  let sum = 0
  const n = 2000
  for (let k = 0; k < n; k++) {
    const t = ((k + 0.5) * T) / n
    sum += Math.abs(tracedAt(curve, t) - at(t))
  }
  return sum / n
}
