import type { CleanPoint } from './preprocess'
import { ReconstructError } from './reconstructError'
import type { RiskRow } from './types'

/**
 * How far the share at risk n(t)/N may exceed the curve's S(t−) before a table is refused: a
 * digitized curve is off by a pixel or two, and a published number at risk is rounded to a
 * patient, so a small excess is noise while a large one means the table belongs elsewhere.
 */
export const RISK_SHARE_TOLERANCE = 0.05

/**
 * The most patients a reconstruction makes. Well above the largest published curves (national
 * registries of a few hundred thousand); a larger count is a typo or a risk table read where the
 * curve is near 0, and would exhaust memory instead of failing with a message.
 */
export const MAX_PATIENTS = 1_000_000

function fmtPct(x: number): string {
  return `${(100 * x).toFixed(1)}%`
}

/**
 * The digitized curve just before `t`: the last cleaned point strictly before it (1 before the
 * first). The points are in time order, so a binary search: the reconstruction asks this once per
 * risk-table row, and a long curve with a long table would otherwise cost points × rows.
 */
export function survivalBefore(points: readonly CleanPoint[], t: number): number {
  let lo = 0
  let hi = points.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (points[mid].time < t) lo = mid + 1
    else hi = mid
  }
  return lo === 0 ? 1 : points[lo - 1].surv
}

/**
 * Refuses, before any arithmetic, what no reconstruction can honour: negative, missing or
 * fractional numbers at risk; times out of order; numbers at risk that rise; totals that
 * contradict the table; a share at risk n(t)/N above S(t−) beyond tolerance (patients at risk
 * at t are survivors to t, so a table paired with the other arm's curve shows here).
 * Each error names the offending row by its index (see ReconstructError).
 */
export function checkFeasibility(
  points: readonly CleanPoint[],
  risk: readonly RiskRow[],
  totalN: number | undefined,
  totalEvents: number | undefined,
): void {
  risk.forEach((r, i) => {
    if (!Number.isFinite(r.time) || r.time < 0) {
      throw new ReconstructError('risk', i, `time ${r.time} must be a number ≥ 0`)
    }
    if (!Number.isInteger(r.nRisk) || r.nRisk < 0) {
      throw new ReconstructError('risk', i, `number at risk ${r.nRisk} must be a whole number ≥ 0`)
    }
    if (i > 0 && r.time <= risk[i - 1].time) {
      throw new ReconstructError(
        'risk',
        i,
        `time ${r.time} does not come after ${risk[i - 1].time}`,
      )
    }
    if (i > 0 && r.nRisk > risk[i - 1].nRisk) {
      throw new ReconstructError(
        'risk',
        i,
        `the number at risk rises from ${risk[i - 1].nRisk} at time ${risk[i - 1].time} to ${r.nRisk} at time ${r.time}; it can only fall`,
      )
    }
  })
  if (totalN !== undefined && (!Number.isInteger(totalN) || totalN <= 0)) {
    throw new ReconstructError('totals', null, `total N ${totalN} must be a whole number ≥ 1`)
  }
  if (totalN !== undefined && totalN > MAX_PATIENTS) {
    throw new ReconstructError('totals', null, `total N ${totalN} is above ${MAX_PATIENTS}`)
  }
  if (risk.length > 0 && risk[0].nRisk > MAX_PATIENTS) {
    throw new ReconstructError('risk', 0, `${risk[0].nRisk} at risk is above ${MAX_PATIENTS}`)
  }
  if (totalN === undefined && risk.length > 0 && risk[0].time > 0) {
    // reconstruct() then estimates N as n(t)/S(t−), which a curve near 0 makes huge.
    const s = survivalBefore(points, risk[0].time)
    if (risk[0].nRisk === 0) {
      throw new ReconstructError(
        'risk',
        0,
        `nobody at risk at time ${risk[0].time}, the first time of the table; give the total N`,
      )
    }
    if (risk[0].nRisk / Math.max(s, 1e-9) > MAX_PATIENTS) {
      throw new ReconstructError(
        'risk',
        0,
        `${risk[0].nRisk} at risk at time ${risk[0].time}, where the curve is at ${fmtPct(s)}, would mean more than ${MAX_PATIENTS} patients at time 0; give the total N`,
      )
    }
  }
  if (totalN !== undefined && risk.length > 0) {
    if (risk[0].time === 0 && risk[0].nRisk !== totalN) {
      throw new ReconstructError(
        'risk',
        0,
        `${risk[0].nRisk} at risk at time 0 but total N is ${totalN}; they must agree`,
      )
    }
    if (risk[0].nRisk > totalN) {
      throw new ReconstructError('risk', 0, `${risk[0].nRisk} at risk exceeds total N ${totalN}`)
    }
  }
  const n0 = totalN ?? (risk.length > 0 && risk[0].time === 0 ? risk[0].nRisk : undefined)
  if (risk.length === 0 && totalN === undefined) {
    throw new ReconstructError(
      'totals',
      null,
      'give the numbers at risk or at least the total number of patients',
    )
  }
  if (n0 !== undefined && n0 === 0) {
    throw new ReconstructError('risk', 0, 'no patients at risk at time 0')
  }
  if (totalEvents !== undefined) {
    if (!Number.isInteger(totalEvents) || totalEvents < 0) {
      throw new ReconstructError(
        'totals',
        null,
        `total events ${totalEvents} must be a whole number ≥ 0`,
      )
    }
    if (n0 !== undefined && totalEvents > n0) {
      throw new ReconstructError(
        'totals',
        null,
        `total events ${totalEvents} exceed the ${n0} patients`,
      )
    }
  }
  if (!points.some((p, k) => k > 0 && p.surv < points[k - 1].surv)) {
    throw new ReconstructError(
      'points',
      null,
      'the curve never drops, so there are no events to reconstruct',
    )
  }
  if (n0 !== undefined) {
    risk.forEach((r, i) => {
      if (r.time === 0) return
      const share = r.nRisk / n0
      const s = survivalBefore(points, r.time)
      if (share > s + RISK_SHARE_TOLERANCE + 1 / n0) {
        throw new ReconstructError(
          'risk',
          i,
          `${r.nRisk} of ${n0} patients (${fmtPct(share)}) at risk at time ${r.time}, but the curve is at ${fmtPct(s)} just before it: at-risk patients cannot outnumber survivors (is this the other arm's table?)`,
        )
      }
    })
  }
}
