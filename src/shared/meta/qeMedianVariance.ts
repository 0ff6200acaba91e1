import { chiSquareQuantile, logGamma, normalQuantile } from '../distributions'
import { boxMinimize } from './boxMinimize'

/** The quantiles a study reports with its median (McGrath et al.'s scenarios). */
export interface MedianSummary {
  median: number
  min?: number | null
  q1?: number | null
  q3?: number | null
  max?: number | null
  n: number
}

/** S1: min, median, max; S2: q1, median, q3; S3: all five (each with n). */
export type SummaryScenario = 'S1' | 'S2' | 'S3'

export type QeFamily = 'normal' | 'log-normal' | 'gamma' | 'weibull'
export const QE_FAMILIES: readonly QeFamily[] = ['normal', 'log-normal', 'gamma', 'weibull']

export interface QeFit {
  scenario: SummaryScenario
  /** The family whose quantiles are closest to the reported ones (least squares). */
  family: QeFamily
  /** Its parameters: normal (μ, σ), log-normal (μ, σ of the log), gamma (shape, rate),
   * Weibull (shape, scale). */
  params: [number, number]
  /** Sum of squared quantile differences of each family at its fit; null when not fitted. */
  values: Record<QeFamily, number | null>
  /** The fitted density at the fitted median, f(m). */
  density: number
  /** Asymptotic variance of the sample median, 1/(4 n f(m)²). */
  variance: number
}

/** Which scenario the given numbers form, or null when they form none. */
export function summaryScenario(s: MedianSummary): SummaryScenario | null {
  const has = (x: number | null | undefined): x is number => x !== null && x !== undefined
  if (has(s.min) && has(s.max) && has(s.q1) && has(s.q3)) return 'S3'
  if (has(s.min) && has(s.max)) return 'S1'
  if (has(s.q1) && has(s.q3)) return 'S2'
  return null
}

const gammaQuantile = (p: number, shape: number, rate: number) =>
  chiSquareQuantile(p, 2 * shape) / (2 * rate)

function quantile(family: QeFamily, p: number, a: number, b: number): number {
  switch (family) {
    case 'normal':
      return a + b * normalQuantile(p)
    case 'log-normal':
      return Math.exp(a + b * normalQuantile(p))
    case 'gamma':
      return gammaQuantile(p, a, b)
    case 'weibull':
      return b * Math.pow(-Math.log1p(-p), 1 / a)
  }
}

/** The family's density at its own median. */
function densityAtMedian(family: QeFamily, a: number, b: number): number {
  switch (family) {
    case 'normal':
      return 1 / (b * Math.sqrt(2 * Math.PI))
    case 'log-normal':
      return 1 / (Math.exp(a) * b * Math.sqrt(2 * Math.PI))
    case 'gamma': {
      const m = gammaQuantile(0.5, a, b)
      return Math.exp(a * Math.log(b) + (a - 1) * Math.log(m) - b * m - logGamma(a))
    }
    case 'weibull':
      // At the median (x/λ)^k = log 2: f = (k/λ)(log 2)^((k−1)/k)·½.
      return ((a / b) * Math.pow(Math.LN2, (a - 1) / a)) / 2
  }
}

/**
 * Variance of a reported median from the quantiles reported with it, by the quantile estimation
 * (QE) method of McGrath, Sohn, Steele & Benedetti (2020, Biometrical Journal 62:69), as R's
 * metamedian (`qe.study.level`, one group) computes it with estmeansd's `qe.fit(...,
 * two.sample.default = TRUE)`: the normal, log-normal, gamma and Weibull distributions are each
 * fitted by least squares between their quantiles and the reported ones, at probabilities
 * 1/n, 0.5, 1 − 1/n (S1: min, median, max), 0.25, 0.5, 0.75 (S2: q1, median, q3) or all five
 * (S3); the family with the smallest sum of squares is kept, and the variance of the sample
 * median is 1/(4 n f(m)²), f(m) its density at its median. Starting values and bounds are
 * estmeansd's for that convention: normal μ in [lower, upper quantile] from the median, σ in
 * [0.001, 50] from 1; log-normal likewise on the log scale, σ in [0.001, 10]; gamma shape and
 * rate in [0.001, 40] from 1; Weibull shape and scale in [0.001, 50] from 1. A negative quantile
 * leaves only the normal family; a quantile of 0 rules out the log-normal one. With the range
 * (S1, S3) the Weibull family is not fitted, because metamedian never fits it there on data
 * such as survival times: from its start (1, 1) R's L-BFGS-B first steps the shape to its bound
 * 0.001, where the quantile at 1 − 1/n, (log n)^1000, overflows, and `optim` stops with an error
 * that `qe.fit` turns into "not fitted" (checked on every S1 and S3 case of test/golden/qe.R).
 * Elsewhere the fits are the least-squares optimum in the box (`boxMinimize`), which R's
 * optimizer reaches to about 1e-3 in the variance. The reported
 * numbers are in the caller's unit, n ≥ 2. Null when they form no scenario, are out of order, or
 * nothing can be fitted.
 */
export function qeMedianVariance(s: MedianSummary): QeFit | null {
  const scenario = summaryScenario(s)
  if (scenario === null || !(s.n >= 2) || !Number.isFinite(s.median)) return null
  const n = s.n
  let probs: number[]
  let quants: number[]
  if (scenario === 'S1') {
    probs = [1 / n, 0.5, 1 - 1 / n]
    quants = [s.min!, s.median, s.max!]
  } else if (scenario === 'S2') {
    probs = [0.25, 0.5, 0.75]
    quants = [s.q1!, s.median, s.q3!]
  } else {
    probs = [1 / n, 0.25, 0.5, 0.75, 1 - 1 / n]
    quants = [s.min!, s.q1!, s.median, s.q3!, s.max!]
  }
  if (!quants.every(Number.isFinite) || quants.some((q, i) => i > 0 && q < quants[i - 1])) {
    return null
  }
  const lo = scenario === 'S3' ? quants[1] : quants[0]
  const hi = scenario === 'S3' ? quants[3] : quants[2]
  const least = Math.min(...quants)
  const setups: Record<QeFamily, { start: number[]; lower: number[]; upper: number[] } | null> = {
    normal: { start: [s.median, 1], lower: [lo, 1e-3], upper: [hi, 50] },
    'log-normal':
      least > 0
        ? { start: [Math.log(s.median), 1], lower: [Math.log(lo), 1e-3], upper: [Math.log(hi), 10] }
        : null,
    gamma: least >= 0 ? { start: [1, 1], lower: [1e-3, 1e-3], upper: [40, 40] } : null,
    weibull:
      least >= 0 && scenario === 'S2'
        ? { start: [1, 1], lower: [1e-3, 1e-3], upper: [50, 50] }
        : null,
  }
  const values: Record<QeFamily, number | null> = {
    normal: null,
    'log-normal': null,
    gamma: null,
    weibull: null,
  }
  let best: { family: QeFamily; x: number[]; value: number } | null = null
  for (const family of QE_FAMILIES) {
    const setup = setups[family]
    if (!setup) continue
    // A degenerate box (the quartiles equal) still has its one point.
    const upper = setup.upper.map((u, i) => (u > setup.lower[i] ? u : setup.lower[i] + 1e-12))
    const fit = boxMinimize(
      ([a, b]) =>
        probs.reduce((acc, p, i) => acc + (quantile(family, p, a, b) - quants[i]) ** 2, 0),
      setup.start,
      setup.lower,
      upper,
    )
    if (!Number.isFinite(fit.value)) continue
    values[family] = fit.value
    if (best === null || fit.value < best.value) best = { family, x: fit.x, value: fit.value }
  }
  if (best === null) return null
  const [a, b] = best.x
  const density = densityAtMedian(best.family, a, b)
  if (!(density > 0) || !Number.isFinite(density)) return null
  return {
    scenario,
    family: best.family,
    params: [a, b],
    values,
    density,
    variance: 1 / (4 * n * density * density),
  }
}
