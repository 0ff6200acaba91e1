import { chiSquareCdf } from '../distributions'
import type { CoxData } from './coxEfron'

/** The proportional-hazards test of a one-covariate Cox model, as R's `cox.zph`. */
export interface CoxZph {
  /** Score chi-square for a coefficient changing linearly in g(t) (1 df). */
  chisq: number
  df: 1
  p: number
  /**
   * With one covariate R's per-term row and its GLOBAL row are the same test; both are given so
   * that a reader finds the line R prints.
   */
  globalChisq: number
  globalP: number
  transform: 'km'
}

/**
 * `1 − S(t−)` for every sorted row: the "km" time transform of `cox.zph`, from the Kaplan–Meier
 * estimate of all patients together, strata ignored (`survfitKM` on the whole response, then
 * `findInterval(times, km$time, left.open = TRUE)`, so S is taken just before t).
 */
function kmTransform(data: CoxData): Float64Array {
  const n = data.time.length
  const byTime = data.byTime
  const g = new Float64Array(n)
  let surv = 1
  let atRisk = n
  for (let k = 0; k < n;) {
    const t = data.time[byTime[k]]
    let end = k
    let deaths = 0
    while (end < n && data.time[byTime[end]] === t) deaths += data.event[byTime[end++]]
    for (let j = k; j < end; j++) g[byTime[j]] = 1 - surv
    surv *= 1 - deaths / atRisk
    atRisk -= end - k
    k = end
  }
  return g
}

/** R's .Machine$double.eps, the tolerance of `solve`. */
const DOUBLE_EPS = 2.220446049250313e-16

/**
 * The test of proportional hazards from scaled Schoenfeld residuals, as
 * `survival::cox.zph(fit, transform = "km", terms = TRUE, global = TRUE)` (survival ≥ 3.0,
 * C routine `zph1`): the score test, at the fitted beta, of adding a term beta·g(t) with
 * g = 1 − S(t−) from the overall Kaplan–Meier curve, centred on its mean over the events. With u
 * the score of that term and I the 2×2 information of (x, x·g) at beta (Efron's handling of ties,
 * strata as in the fit), the statistic is u²·[I⁻¹]₂₂ on 1 df.
 *
 * Returns null when the test has no information (no events, or a covariate that never varies
 * within a risk set) or when I is numerically singular: R's `solve` refuses a matrix whose
 * reciprocal condition number (1-norm) is below .Machine$double.eps, and so does this, computing
 * that number exactly for the 2×2 case rather than letting a rounding-error determinant through.
 */
export function coxZph(data: CoxData, beta: number): CoxZph | null {
  const { time, event, stratum } = data
  const n = time.length
  const transformed = kmTransform(data)
  let sumG = 0
  let events = 0
  for (let i = 0; i < n; i++) {
    if (event[i]) {
      sumG += transformed[i]
      events++
    }
  }
  if (events === 0) return null
  const meanG = sumG / events
  // zph1 recentres the covariate on its mean for stability; the test does not depend on it.
  let meanX = 0
  for (let i = 0; i < n; i++) meanX += data.x[i]
  meanX /= n
  let u = 0
  let i11 = 0
  let i12 = 0
  let i22 = 0
  let denom = 0
  let a = 0
  let cmat = 0
  let current = -1
  for (let ip = n - 1; ip >= 0;) {
    if (stratum[ip] !== current) {
      current = stratum[ip]
      denom = 0
      a = 0
      cmat = 0
    }
    const t = time[ip]
    const g = transformed[ip] - meanG
    let ndead = 0
    let denom2 = 0
    let a2 = 0
    let cmat2 = 0
    for (; ip >= 0 && time[ip] === t && stratum[ip] === current; ip--) {
      const x = data.x[ip] - meanX
      const risk = Math.exp(beta * data.x[ip])
      if (event[ip] === 0) {
        denom += risk
        a += risk * x
        cmat += risk * x * x
      } else {
        ndead++
        denom2 += risk
        u += g * x
        a2 += risk * x
        cmat2 += risk * x * x
      }
    }
    // Efron: the k-th of ndead tied deaths sees the tied deaths' risk at (ndead − k)/ndead.
    for (let k = 0; k < ndead; k++) {
      denom += denom2 / ndead
      a += a2 / ndead
      const mean = a / denom
      u -= g * mean
      cmat += cmat2 / ndead
      const v = (cmat - mean * a) / denom
      i11 += v
      i12 += g * v
      i22 += g * g * v
    }
  }
  const determinant = i11 * i22 - i12 * i12
  const norm1 = Math.max(Math.abs(i11) + Math.abs(i12), Math.abs(i12) + Math.abs(i22))
  if (!(i11 > 0) || !(determinant > 0) || determinant / (norm1 * norm1) < DOUBLE_EPS) return null
  const chisq = (u * u * i11) / determinant
  const p = chiSquareCdf(chisq, 1, true)
  return { chisq, df: 1, p, globalChisq: chisq, globalP: p, transform: 'km' }
}
