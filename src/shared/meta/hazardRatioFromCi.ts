import { normalQuantile } from '../distributions'
import type { StudyEffect } from './types'

export interface HazardRatioInput {
  study: string
  subgroup?: string | null
  hr: number | null
  lower: number | null
  upper: number | null
  /** Confidence level of the published CI, default 0.95. */
  level?: number
}

export interface HazardRatioEffect extends StudyEffect {
  /** log HR and its variance. */
  yi: number | null
  vi: number | null
  se: number | null
  excludedReason: string | null
  note: string | null
}

export const REASON_HR_MISSING = 'hazard ratio or a CI limit missing'
export const REASON_HR_NONPOSITIVE = 'hazard ratio and CI limits must be > 0'
export const REASON_HR_CI_EXCLUDES = 'the CI does not contain the hazard ratio'
export const REASON_HR_ZERO_WIDTH = 'zero-width CI: the study would get an infinite weight'

/**
 * log HR and its SE from a published HR and CI: y = log HR, SE = (log U − log L)/(2·z),
 * z = Φ⁻¹(1 − α/2) (Parmar, Torri & Stewart 1998, Stat Med 17:2815; Tierney et al. 2007,
 * Trials 8:16). When log HR is off the centre of the log CI by more than 10% of the half-width
 * (rounded or non-Wald published limits) the study is kept and a note says so. Pool with `rma`
 * and back-transform with exp.
 */
export function logHazardRatioFromCi(input: HazardRatioInput): HazardRatioEffect {
  const base = { study: input.study, subgroup: input.subgroup ?? null }
  const fail = (reason: string): HazardRatioEffect => ({
    ...base,
    yi: null,
    vi: null,
    se: null,
    excludedReason: reason,
    note: null,
  })
  const { hr, lower, upper } = input
  if (hr === null || lower === null || upper === null) return fail(REASON_HR_MISSING)
  if (![hr, lower, upper].every(Number.isFinite)) return fail(REASON_HR_MISSING)
  if (!(hr > 0 && lower > 0 && upper > 0)) return fail(REASON_HR_NONPOSITIVE)
  if (lower > hr || upper < hr) return fail(REASON_HR_CI_EXCLUDES)
  const z = -normalQuantile((1 - (input.level ?? 0.95)) / 2)
  const half = (Math.log(upper) - Math.log(lower)) / 2
  if (!(half > 0)) return fail(REASON_HR_ZERO_WIDTH)
  const se = half / z
  const y = Math.log(hr)
  const offCentre = Math.abs(y - (Math.log(lower) + Math.log(upper)) / 2) > 0.1 * half
  return {
    ...base,
    yi: y,
    vi: se * se,
    se,
    excludedReason: null,
    note: offCentre
      ? 'log HR is not centred in the log CI (rounded or non-Wald limits); SE from the CI width'
      : null,
  }
}

/** A pooled log hazard ratio and its CI limits back on the ratio scale (exp). */
export function hazardRatioFromLog(
  estimate: number,
  lower: number,
  upper: number,
): { value: number; lower: number; upper: number } {
  return { value: Math.exp(estimate), lower: Math.exp(lower), upper: Math.exp(upper) }
}
