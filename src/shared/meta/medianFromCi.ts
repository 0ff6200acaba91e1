import { normalQuantile } from '../distributions'
import type { StudyEffect } from './types'

/** Scale on which medians are pooled: log (default; back-transform by exp) or raw. */
export type MedianScale = 'log' | 'raw'

/** A median (or another positive summary) turned into an effect size for `rma`. */
export interface MedianEffect extends StudyEffect {
  yi: number | null
  vi: number | null
  se: number | null
  scale: MedianScale
  /** How the standard error was obtained, e.g. 'ci-log', 'range-wan-2014'. */
  method: string
  excludedReason: string | null
  note: string | null
}

export interface MedianCiInput {
  study: string
  subgroup?: string | null
  median: number | null
  /** CI limits; null when a limit is not reached or not reported. */
  lower: number | null
  upper: number | null
  /** Confidence level of the published CI, default 0.95. */
  level?: number
  scale?: MedianScale
}

export const REASON_MEDIAN_MISSING = 'median not reported (or not reached)'
export const REASON_MEDIAN_NO_CI = 'neither CI limit is available: no standard error can be derived'
export const REASON_MEDIAN_NONPOSITIVE = 'median or a CI limit ≤ 0 cannot be put on the log scale'
export const REASON_MEDIAN_CI_EXCLUDES = 'the CI does not contain the median'
export const REASON_MEDIAN_ZERO_WIDTH = 'zero-width CI: the study would get an infinite weight'

/**
 * Standard error of a published median from its CI: on the log scale (default)
 * SE = (log U − log L)/(2·z), y = log M; on the raw scale SE = (U − L)/(2·z), y = M, with
 * z = Φ⁻¹(1 − α/2) (1.959964 for 95%, which hand calculations round to 1.96). When only one limit
 * is available (an upper limit "not reached" is common) the half-width on that side is used,
 * SE = |g(limit) − g(M)|/z, and `method` says so ('ci-lower-half-log', 'ci-upper-half-raw', …).
 * Times in any unit (months, say); exclusions carry the reason.
 */
export function medianFromCi(input: MedianCiInput): MedianEffect {
  const scale = input.scale ?? 'log'
  const z = -normalQuantile((1 - (input.level ?? 0.95)) / 2)
  const base = { study: input.study, subgroup: input.subgroup ?? null, scale }
  const fail = (reason: string, method = `ci-${scale}`): MedianEffect => ({
    ...base,
    yi: null,
    vi: null,
    se: null,
    method,
    excludedReason: reason,
    note: null,
  })
  const m = input.median
  if (m === null || !Number.isFinite(m)) return fail(REASON_MEDIAN_MISSING)
  const lo = input.lower !== null && Number.isFinite(input.lower) ? input.lower : null
  const hi = input.upper !== null && Number.isFinite(input.upper) ? input.upper : null
  if (lo === null && hi === null) return fail(REASON_MEDIAN_NO_CI)
  if ((lo !== null && lo > m) || (hi !== null && hi < m)) return fail(REASON_MEDIAN_CI_EXCLUDES)
  if (scale === 'log' && (m <= 0 || (lo !== null && lo <= 0))) {
    return fail(REASON_MEDIAN_NONPOSITIVE)
  }
  const g = scale === 'log' ? Math.log : (x: number): number => x
  let se: number
  let method: string
  if (lo !== null && hi !== null) {
    se = (g(hi) - g(lo)) / (2 * z)
    method = `ci-${scale}`
  } else if (lo !== null) {
    se = (g(m) - g(lo)) / z
    method = `ci-lower-half-${scale}`
  } else {
    se = (g(hi as number) - g(m)) / z
    method = `ci-upper-half-${scale}`
  }
  if (!(se > 0)) return fail(REASON_MEDIAN_ZERO_WIDTH, method)
  return {
    ...base,
    yi: g(m),
    vi: se * se,
    se,
    method,
    excludedReason: null,
    note:
      method === `ci-${scale}`
        ? null
        : `only one CI limit available: SE from the ${lo !== null ? 'lower' : 'upper'} half-width`,
  }
}

/**
 * A pooled median and its CI back on the time scale: exp on the log scale, unchanged on the raw
 * scale. Inputs are the `rma` estimate and CI limits on the analysis scale.
 */
export function backTransformMedian(
  estimate: number,
  lower: number,
  upper: number,
  scale: MedianScale,
): { value: number; lower: number; upper: number } {
  if (scale === 'raw') return { value: estimate, lower, upper }
  return { value: Math.exp(estimate), lower: Math.exp(lower), upper: Math.exp(upper) }
}
