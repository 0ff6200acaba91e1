import { normalQuantile } from '../distributions'
import type { MedianEffect, MedianScale } from './medianFromCi'

export type RangeMethod = 'hozo' | 'wan' | 'luo'

export interface MeanSdEstimate {
  mean: number
  sd: number
  /** Method and, for Hozo, the rule that applied to this n. */
  method: string
}

/**
 * Mean and SD of a sample from its median m, minimum a, maximum b and size n:
 * - 'hozo': Hozo, Djulbegovic & Hozo (2005, BMC Med Res Methodol 5:13) with their recommended
 *   rules: mean (a + 2m + b)/4 for n ≤ 25, else m; variance
 *   ((a − 2m + b)²/4 + (b − a)²)/12 for n ≤ 15, SD (b − a)/4 for 15 < n ≤ 70, (b − a)/6 above.
 * - 'wan': Wan et al. (2014, BMC Med Res Methodol 14:135), scenario 1: mean (a + 2m + b)/4,
 *   SD (b − a)/(2·Φ⁻¹((n − 0.375)/(n + 0.25))).
 * - 'luo': Luo et al. (2018, Stat Methods Med Res 27:1785) mean w(a + b)/2 + (1 − w)m with
 *   w = 4/(4 + n^0.75), and Wan's SD.
 * Requires a ≤ m ≤ b and n ≥ 2 (Wan's divisor is 0 at n = 1); returns null otherwise.
 */
export function meanSdFromMedianRange(
  median: number,
  min: number,
  max: number,
  n: number,
  method: RangeMethod,
): MeanSdEstimate | null {
  if (![median, min, max, n].every(Number.isFinite) || !(min <= median && median <= max) || n < 2) {
    return null
  }
  const range = max - min
  const wanSd = range / (2 * normalQuantile((n - 0.375) / (n + 0.25)))
  if (method === 'wan') {
    return { mean: (min + 2 * median + max) / 4, sd: wanSd, method: 'range-wan-2014' }
  }
  if (method === 'luo') {
    const w = 4 / (4 + Math.pow(n, 0.75))
    return {
      mean: (w * (min + max)) / 2 + (1 - w) * median,
      sd: wanSd,
      method: 'range-luo-2018 (mean), wan-2014 (SD)',
    }
  }
  const mean = n <= 25 ? (min + 2 * median + max) / 4 : median
  if (n <= 15) {
    const variance = ((min - 2 * median + max) ** 2 / 4 + range * range) / 12
    return { mean, sd: Math.sqrt(variance), method: 'range-hozo-2005 (n ≤ 15: variance formula)' }
  }
  if (n <= 70) return { mean, sd: range / 4, method: 'range-hozo-2005 (15 < n ≤ 70: range/4)' }
  return { mean, sd: range / 6, method: 'range-hozo-2005 (n > 70: range/6)' }
}

export interface MedianRangeInput {
  study: string
  subgroup?: string | null
  median: number | null
  min: number | null
  max: number | null
  n: number | null
  method?: RangeMethod
  scale?: MedianScale
}

export const REASON_RANGE_INVALID =
  'median, range and n must be numbers with min ≤ median ≤ max and n ≥ 2'
export const REASON_RANGE_ZERO = 'zero range: the estimated SD is 0 (infinite weight)'
export const REASON_RANGE_LOG_NONPOSITIVE = 'median ≤ 0 cannot be put on the log scale'

/**
 * Effect size for a study that reports only a median, range and n (DESIGN.md §1, step 5): y is
 * the median, its SE the estimated SD over √n (`meanSdFromMedianRange`, Hozo by default), on the
 * raw scale; on the log scale y = log m and SE = SD/(√n·m) by the delta method. `method` names
 * the estimator used and `note` carries the estimated mean and SD.
 */
export function medianFromRange(input: MedianRangeInput): MedianEffect {
  const scale = input.scale ?? 'raw'
  const rangeMethod = input.method ?? 'hozo'
  const base = { study: input.study, subgroup: input.subgroup ?? null, scale }
  const fail = (reason: string): MedianEffect => ({
    ...base,
    yi: null,
    vi: null,
    se: null,
    method: `range-${rangeMethod}`,
    excludedReason: reason,
    note: null,
  })
  const { median, min, max, n } = input
  if (median === null || min === null || max === null || n === null) {
    return fail(REASON_RANGE_INVALID)
  }
  const est = meanSdFromMedianRange(median, min, max, n, rangeMethod)
  if (est === null) return fail(REASON_RANGE_INVALID)
  if (!(est.sd > 0)) return fail(REASON_RANGE_ZERO)
  if (scale === 'log' && !(median > 0)) return fail(REASON_RANGE_LOG_NONPOSITIVE)
  const seRaw = est.sd / Math.sqrt(n)
  const se = scale === 'log' ? seRaw / median : seRaw
  return {
    ...base,
    yi: scale === 'log' ? Math.log(median) : median,
    vi: se * se,
    se,
    method: est.method,
    excludedReason: null,
    note: `${est.method}: estimated mean ${est.mean}, SD ${est.sd}; SE = SD/√n`,
  }
}
