export interface CurveMedian {
  /** First time the pooled curve is ≤ 0.5; null if it never is (median not reached). */
  median: number | null
  /** First time the lower band is ≤ 0.5 (lower CI limit of the median); null if never. */
  lower: number | null
  /** First time the upper band is ≤ 0.5 (upper CI limit of the median); null if never. */
  upper: number | null
}

/**
 * Median survival read from a pooled curve given at increasing times, with its CI from where the
 * confidence bands cross 0.5 (the Brookmeyer–Crowley construction applied to pooled bands, as
 * R's survfit reads medians and their limits off the curve and its bands). The curve is treated
 * as a step function, so the median is one of the given times and its precision is that of the
 * time grid. Entries that are null (no pooled value) are skipped.
 */
export function medianFromCurve(
  times: readonly number[],
  surv: readonly (number | null)[],
  lower: readonly (number | null)[],
  upper: readonly (number | null)[],
): CurveMedian {
  const first = (values: readonly (number | null)[]): number | null => {
    for (let i = 0; i < times.length; i++) {
      const v = values[i]
      if (v !== null && v <= 0.5) return times[i]
    }
    return null
  }
  return { median: first(surv), lower: first(lower), upper: first(upper) }
}
