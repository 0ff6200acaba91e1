import { normalQuantile } from '../distributions'

export interface MedianOfMedians {
  estimate: number
  lower: number
  upper: number
  /** Number of studies. */
  k: number
}

/**
 * R's default sample quantile (type 7) of values with positive weights, as Hmisc's
 * `wtd.quantile(x, weights, probs)` computes it (type "quantile", weights as frequencies): the
 * values sorted, each repeated by its weight (cumulative weights W), the order statistic at
 * 1 + (W − 1)·p interpolated linearly between the two values around it; with unit weights this is
 * `quantile(x, p)`.
 */
function weightedQuantile(
  values: readonly number[],
  weights: readonly number[],
  p: number,
): number {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b])
  const cum: number[] = []
  let total = 0
  for (const i of order) cum.push((total += weights[i]))
  // The value at (possibly fractional) position pos in 1..W: the first value whose cumulative
  // weight reaches pos (R's approx(cumsum(w), x, method = "constant", f = 1, rule = 2)).
  const at = (pos: number) => {
    for (let j = 0; j < cum.length; j++) if (cum[j] >= pos) return values[order[j]]
    return values[order[order.length - 1]]
  }
  const o = 1 + (total - 1) * p
  const low = Math.max(Math.floor(o), 1)
  const high = Math.min(low + 1, total)
  const frac = o % 1
  return (1 - frac) * at(low) + frac * at(high)
}

/**
 * The median of the studies' medians with its CI, as R's metamedian pools them
 * (`pool.med(yi, wi, norm.approx = TRUE)`, McGrath et al. 2019, Stat Med 38:969): the (weighted)
 * sample median of the k medians, and CI limits at the quantiles 0.5 ∓ min(0.5, z/(2√k)) with
 * z = Φ⁻¹(1 − α/2), the normal approximation to the binomial interval for a median. Weights, when
 * given (metamedian's "wm": the studies' sizes), enter as frequencies. Needs no variance, so
 * it takes studies with a median alone; it estimates the median of the study medians, not a
 * random-effects mean. Values in the caller's unit; null without values.
 */
export function medianOfMedians(
  medians: readonly number[],
  weights?: readonly number[],
  level = 0.95,
): MedianOfMedians | null {
  const k = medians.length
  if (k === 0) return null
  const w = weights ?? medians.map(() => 1)
  const half = Math.min(0.5, normalQuantile(0.5 + level / 2) / (2 * Math.sqrt(k)))
  return {
    estimate: weightedQuantile(medians, w, 0.5),
    lower: weightedQuantile(medians, w, 0.5 - half),
    upper: weightedQuantile(medians, w, 0.5 + half),
    k,
  }
}
