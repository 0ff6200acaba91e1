import { chiSquareQuantile } from '../distributions'
import { UNIROOT_TOL, zeroin } from './zeroin'

export interface Tau2Interval {
  lower: number
  upper: number
  /** Explanations for bounds that were truncated or hit the search limit. */
  notes: string[]
}

/**
 * Generalized Q statistic of the intercept-only model at τ²:
 * Q(τ²) = Σ w_i (y_i − μ̂)², w_i = 1/(v_i + τ²), μ̂ the weighted mean. Two passes, no allocation:
 * this is the inner loop of the Q-profile search.
 */
export function generalizedQ(yi: ArrayLike<number>, vi: ArrayLike<number>, tau2: number): number {
  const k = yi.length
  let sw = 0
  let swy = 0
  for (let i = 0; i < k; i++) {
    const w = 1 / (vi[i] + tau2)
    sw += w
    swy += w * yi[i]
  }
  const mu = swy / sw
  let q = 0
  for (let i = 0; i < k; i++) {
    const d = yi[i] - mu
    q += (d * d) / (vi[i] + tau2)
  }
  return q
}

/**
 * Q-profile confidence interval for τ² in the intercept-only random-effects model (Viechtbauer
 * 2007), as metafor::confint.rma.uni(type = "QP") computes it: the bounds are the τ² at which
 * Q(τ²) equals the upper and lower α/2 quantiles of χ²(k − 1), searched by R's uniroot on
 * [0, max(100, 10·τ̂²)] with its default tolerance (1.2e-4, hence the step-for-step port).
 * Metafor's truncation rules are kept: when Q(0) is below the lower quantile the interval is
 * empty and reported as [0, 0]; when Q(0) is below the upper quantile the lower bound is 0; a bound
 * beyond the search limit is reported as the limit. k ≥ 2, vi > 0, level a proportion.
 */
export function tau2ConfidenceInterval(
  yi: ArrayLike<number>,
  vi: ArrayLike<number>,
  tau2: number,
  level: number,
): Tau2Interval {
  const k = yi.length
  const alpha = 1 - level
  const notes: string[] = []
  const tau2Min = Math.min(0, tau2)
  const tau2Max = Math.max(100, tau2 * 10, tau2Min * 10)
  const critU = chiSquareQuantile(1 - alpha / 2, k - 1)
  const critL = chiSquareQuantile(alpha / 2, k - 1)
  const qMax = generalizedQ(yi, vi, tau2Max)
  const qMin = generalizedQ(yi, vi, tau2Min)
  const search = (target: number): number =>
    zeroin(
      (t) => generalizedQ(yi, vi, t) - target,
      tau2Min,
      tau2Max,
      qMin - target,
      qMax - target,
      UNIROOT_TOL,
      1000,
    ).root
  const limit = String(Number(tau2Max.toPrecision(6)))
  let lower: number
  let upper: number
  if (qMin < critL) {
    upper = tau2Min
    notes.push(
      'τ² CI: Q(0) is below the lower χ² critical value, so the Q-profile interval is empty; reported as [0, 0] (as metafor)',
    )
  } else if (qMax > critL) {
    upper = tau2Max
    notes.push(`τ² CI: upper bound is beyond the search limit τ² = ${limit}`)
  } else upper = search(critL)
  if (qMax > critU) {
    lower = tau2Max
    upper = tau2Max
    notes.push(`τ² CI: both bounds are beyond the search limit τ² = ${limit}`)
  } else if (qMin < critU) {
    lower = tau2Min
    if (!(qMin < critL)) notes.push('τ² CI: lower bound truncated at 0')
  } else lower = search(critU)
  return { lower, upper, notes }
}
