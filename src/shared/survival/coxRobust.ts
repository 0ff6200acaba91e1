import {
  type CoxData,
  type CoxEstimates,
  coxData,
  coxEstimates,
  coxFitNotes,
  fitCox,
  NO_EVENT_ESTIMATES,
} from './coxEfron'
import { type TwoGroupOptions, twoGroupCode } from './coxStratified'
import { type CoxZph, coxZph } from './coxZph'
import type { GroupLabel } from './groups'
import { groupBy } from './groups'

/**
 * Score residuals of a one-covariate Cox model at `beta`, one per sorted row of `data`, as
 * survival's C routine `coxscore2` (Efron ties; what `residuals(fit, type = "score")` gives):
 * Σₜ (xᵢ − x̄(t))·(dNᵢ(t) − Yᵢ(t)·rᵢ·dΛ(t)), with Efron's fractional risk for tied deaths. Each
 * row is charged the cumulative hazard and the x̄-weighted hazard accrued after it enters the
 * risk set, so the whole is O(n).
 */
export function coxScoreResiduals(data: CoxData, beta: number): Float64Array {
  const { time, event, x, stratum } = data
  const n = time.length
  const resid = new Float64Array(n)
  const score = Float64Array.from(x, (xi) => Math.exp(beta * xi))
  let denom = 0
  let a = 0
  let cumhaz = 0
  let xhaz = 0
  let strataStart = n - 1
  for (let i = n - 1; i >= 0;) {
    const current = stratum[i]
    const t = time[i]
    const first = i
    let deaths = 0
    let deathDenom = 0
    let a2 = 0
    for (; i >= 0 && time[i] === t && stratum[i] === current; i--) {
      denom += score[i]
      // Hazard accrued at later times, which a row entering now must not be charged.
      resid[i] = score[i] * (x[i] * cumhaz - xhaz)
      a += score[i] * x[i]
      if (event[i] === 1) {
        deaths++
        deathDenom += score[i]
        a2 += score[i] * x[i]
      }
    }
    if (deaths === 1) {
      const hazard = 1 / denom
      cumhaz += hazard
      const xbar = a / denom
      xhaz += xbar * hazard
      for (let k = i + 1; k <= first; k++) if (event[k] === 1) resid[k] += x[k] - xbar
    } else if (deaths > 1) {
      // Efron: d deaths as d successive deaths, the tied deaths' risk down-weighted by j/d.
      for (let j = 0; j < deaths; j++) {
        const downweight = j / deaths
        const working = denom - downweight * deathDenom
        const hazard = 1 / working
        cumhaz += hazard
        const xbar = (a - downweight * a2) / working
        xhaz += xbar * hazard
        for (let k = i + 1; k <= first; k++) {
          if (event[k] !== 1) continue
          const centred = x[k] - xbar
          resid[k] += centred / deaths + centred * score[k] * hazard * downweight
        }
      }
    }
    if (i < 0 || stratum[i] !== current) {
      for (let k = strataStart; k > i; k--) resid[k] += score[k] * (xhaz - x[k] * cumhaz)
      denom = 0
      cumhaz = 0
      a = 0
      xhaz = 0
      strataStart = i
    }
  }
  return resid
}

/** The robust variance of a one-covariate Cox fit and what it was computed from. */
export interface CoxRobustVariance {
  variance: number
  /** Number of clusters. */
  clusters: number
}

/**
 * Robust (sandwich) variance of beta with patients grouped in clusters, as `coxph(...,
 * cluster = study)`: D = Σ over each cluster of the dfbeta residuals (score residual × model
 * variance), variance = Σ D² (`residuals.coxph(type = "dfbeta", collapse = cluster,
 * weighted = TRUE)`, then t(D) %*% D). No small-sample correction, as R. `cluster` is in the
 * caller's order (the order `data.order` refers to).
 */
export function coxRobustVariance(
  data: CoxData,
  beta: number,
  modelVariance: number,
  cluster: readonly GroupLabel[],
): CoxRobustVariance {
  const { levels, codes } = groupBy(cluster, data.order.length)
  const resid = coxScoreResiduals(data, beta)
  const sums = new Float64Array(levels.length)
  for (let k = 0; k < resid.length; k++) sums[codes[data.order[k]]] += resid[k] * modelVariance
  let variance = 0
  for (const d of sums) variance += d * d
  return { variance, clusters: levels.length }
}

/*
 * Why no shared gamma frailty (`coxph(... + frailty(study))`) beside this model: R's estimate is
 * not the maximum of the marginal likelihood but the end point of its own outer search for θ
 * (`frailty.controlgam`: θ = 0, 1, then Brent steps on √θ, stopping when the corrected
 * log-likelihood changes by less than 1e-5 relative), each step an inner penalized fit
 * (`coxpenal.fit`). On the `eight_studies` golden data R stops at θ = 0.00317 while the maximum
 * is at 0.00334: the coefficient differs by 3e-3 and its SE by 2e-2 (relative). Matching R to 1e-4
 * would mean reproducing that search step by step, so the model is left out; the robust variance
 * accounts for patients of a study being alike without assuming a frailty distribution.
 */

export interface ClusteredCoxResult extends CoxEstimates {
  ref: GroupLabel
  other: GroupLabel
  n: number
  events: number
  clusters: number
  /** The model-based standard error, which ignores the clustering (R's `se(coef)`). */
  naiveSe: number | null
  /** The proportional-hazards test, as `cox.zph` on this fit (model-based, strata none). */
  zph: CoxZph | null
  /** Non-convergence, a possibly infinite estimate: in words. */
  notes: string[]
}

/**
 * Cox model with one two-level covariate and a robust variance clustered by `cluster`, as
 * `survival::coxph(Surv(time, event) ~ group, cluster = cluster, ties = "efron")`: the estimate
 * is the ordinary (unstratified) one; `se`, the interval and the Wald test use the robust
 * variance (R's `robust se`), while the likelihood-ratio and score tests stay model-based, as R
 * prints them. Edge cases as `coxStratified`: reported, not thrown.
 */
export function coxClustered(
  time: readonly number[],
  event: readonly number[],
  group: readonly GroupLabel[],
  cluster: readonly GroupLabel[],
  options: TwoGroupOptions = {},
): ClusteredCoxResult {
  const code = twoGroupCode(group, time.length, options, 'coxClustered')
  const data = coxData(time, event, code.x)
  let events = 0
  for (const e of data.event) events += e
  const clusters = new Set(cluster).size
  const base = { ref: code.ref, other: code.other, n: data.time.length, events, clusters }
  if (events === 0) {
    return {
      ...base,
      ...NO_EVENT_ESTIMATES,
      naiveSe: null,
      zph: null,
      notes: ['no events: the hazard ratio is not estimable'],
    }
  }
  const fit = fitCox(data)
  const robust = coxRobustVariance(data, fit.beta, fit.variance, cluster)
  const naive = coxEstimates(fit, code.z)
  return {
    ...base,
    ...coxEstimates(fit, code.z, robust.variance),
    naiveSe: naive.se,
    zph: naive.beta === null ? null : coxZph(data, fit.beta),
    notes: coxFitNotes(fit),
  }
}
