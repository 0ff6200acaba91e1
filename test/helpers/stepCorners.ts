import { kmStep } from '../../src/shared/reconstruct'
import type { CurvePoint, IpdRow, RiskRow } from '../../src/shared/reconstruct/types'

/** Every corner of the KM step curve of `ipd`, to its last time: what a careful person clicks. */
export function stepCorners(ipd: readonly IpdRow[]): CurvePoint[] {
  const km = kmStep(ipd)
  const points: CurvePoint[] = [{ time: 0, surv: 1 }]
  let s = 1
  km.time.forEach((t, i) => {
    if (km.surv[i] === s) return
    points.push({ time: t, surv: s }, { time: t, surv: km.surv[i] })
    s = km.surv[i]
  })
  points.push({ time: Math.max(...ipd.map((r) => r.time)), surv: s })
  return points
}

/** The exact number-at-risk table of `ipd` at `times`. */
export function exactRiskTable(ipd: readonly IpdRow[], times: readonly number[]): RiskRow[] {
  return times.map((t) => ({ time: t, nRisk: ipd.filter((r) => r.time >= t).length }))
}
