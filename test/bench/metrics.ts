import { kmStep } from '../../src/shared/reconstruct'
import type { IpdRow } from '../../src/shared/reconstruct/types'

/**
 * Integrated absolute error between two KM curves, ∫|S_rec − S_true| dt / T over [0, T], T being
 * the last time at which at least 5 patients of the true data are at risk (shared/README.md).
 */
export function integratedAbsoluteError(rec: readonly IpdRow[], truth: readonly IpdRow[]): number {
  const times = truth.map((r) => r.time).sort((a, b) => a - b)
  const T = times[times.length - 5]
  const a = kmStep(rec)
  const b = kmStep(truth)
  const cuts = [...new Set([0, T, ...a.time, ...b.time].filter((t) => t >= 0 && t <= T))].sort(
    (x, y) => x - y,
  )
  const at = (c: { time: number[]; surv: number[] }, t: number) => {
    let s = 1
    for (let i = 0; i < c.time.length && c.time[i] <= t; i++) s = c.surv[i]
    return s
  }
  let area = 0
  for (let i = 0; i + 1 < cuts.length; i++) {
    area += Math.abs(at(a, cuts[i]) - at(b, cuts[i])) * (cuts[i + 1] - cuts[i])
  }
  return area / T
}
