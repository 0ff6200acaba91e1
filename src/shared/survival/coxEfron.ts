import { chiSquareCdf } from '../distributions'
import type { GroupLabel } from './groups'
import { groupBy } from './groups'
import { sortSurvival } from './survivalData'

/** `coxph.control()` defaults. */
export const COX_EPS = 1e-9
export const COX_TOLER_INF = Math.sqrt(COX_EPS)
export const COX_ITER_MAX = 20

/**
 * Right-censored data with one 0/1 covariate, sorted as survival's `coxph.fit` sorts it: by
 * stratum, then by time (after `aeqSurv`, over the whole data set as `coxph` does).
 */
export interface CoxData {
  /** Positions in the caller's arrays, in the sorted order. */
  order: Int32Array
  time: Float64Array
  event: Uint8Array
  /** The covariate (0 = reference, 1 = compared group), in the sorted order. */
  x: Uint8Array
  /** Stratum code of each sorted row (0-based, in the order of `strata`). */
  stratum: Int32Array
  /** The strata labels; one unnamed stratum when the model is not stratified. */
  strata: GroupLabel[]
  /** The sorted rows in order of time alone, strata ignored (for `cox.zph`'s time transform). */
  byTime: Int32Array
}

/**
 * Sorts survival data with a 0/1 covariate and optional strata. Throws (with the messages of
 * `sortSurvival` and `groupBy`) on invalid times, events or labels, and on a covariate value
 * other than 0 or 1.
 */
export function coxData(
  time: readonly number[],
  event: readonly number[],
  x: readonly number[],
  strata?: readonly GroupLabel[],
): CoxData {
  const sorted = sortSurvival(time, event)
  const n = time.length
  if (x.length !== n) throw new Error(`the covariate has ${x.length} values, expected ${n}`)
  for (let i = 0; i < n; i++) {
    if (x[i] !== 0 && x[i] !== 1) throw new Error(`covariate[${i}] must be 0 or 1, got ${x[i]}`)
  }
  const grouping = strata ? groupBy(strata, n) : { levels: [1], codes: new Int32Array(n) }
  // A stable counting sort by stratum keeps the time order (and R's tie order) in each stratum.
  const start = new Int32Array(grouping.levels.length + 1)
  for (let r = 0; r < n; r++) start[grouping.codes[sorted.order[r]] + 1]++
  for (let k = 1; k < start.length; k++) start[k] += start[k - 1]
  const byTime = new Int32Array(n)
  for (let r = 0; r < n; r++) byTime[r] = start[grouping.codes[sorted.order[r]]]++
  const order = new Int32Array(n)
  const sortedTime = new Float64Array(n)
  const sortedEvent = new Uint8Array(n)
  const xs = new Uint8Array(n)
  const stratum = new Int32Array(n)
  for (let r = 0; r < n; r++) {
    const k = byTime[r]
    const i = sorted.order[r]
    order[k] = i
    sortedTime[k] = sorted.time[r]
    sortedEvent[k] = sorted.event[r]
    xs[k] = x[i]
    stratum[k] = grouping.codes[i]
  }
  return {
    order,
    time: sortedTime,
    event: sortedEvent,
    x: xs,
    stratum,
    strata: grouping.levels,
    byTime,
  }
}

export interface CoxStep {
  loglik: number
  score: number
  information: number
}

/**
 * Efron partial log-likelihood, score and information at `beta`, summed over strata, in the order
 * and arithmetic of survival's `coxfit6_iter` (risk sets built from the last time of each stratum
 * back, reset at each stratum; tied deaths enter in ndead equal fractions). The covariate is not
 * centred: `coxph` leaves 0/1 columns alone.
 */
export function efronStep(data: CoxData, beta: number): CoxStep {
  const { time, event, x, stratum } = data
  let loglik = 0
  let score = 0
  let information = 0
  let denom = 0
  let a = 0
  let cmat = 0
  let current = -1
  for (let person = time.length - 1; person >= 0;) {
    if (stratum[person] !== current) {
      current = stratum[person]
      denom = 0
      a = 0
      cmat = 0
    }
    const t = time[person]
    let ndead = 0
    let denom2 = 0
    let a2 = 0
    let cmat2 = 0
    while (person >= 0 && time[person] === t && stratum[person] === current) {
      const xi = x[person]
      const zbeta = beta * xi
      const risk = Math.exp(zbeta)
      if (event[person] === 0) {
        denom += risk
        a += risk * xi
        cmat += risk * xi * xi
      } else {
        ndead++
        denom2 += risk
        loglik += zbeta
        score += xi
        a2 += risk * xi
        cmat2 += risk * xi * xi
      }
      person--
    }
    if (ndead === 0) continue
    if (ndead === 1) {
      denom += denom2
      loglik -= Math.log(denom)
      a += a2
      const mean = a / denom
      score -= mean
      cmat += cmat2
      information += (cmat - mean * a) / denom
    } else {
      for (let k = 0; k < ndead; k++) {
        denom += denom2 / ndead
        loglik -= Math.log(denom)
        a += a2 / ndead
        const mean = a / denom
        score -= mean
        cmat += cmat2 / ndead
        information += (cmat - mean * a) / denom
      }
    }
  }
  return { loglik, score, information }
}

/** `cholesky2` on a 1×1 matrix: anything but a finite positive pivot counts as singular. */
export function isSingular(information: number): boolean {
  return !(Number.isFinite(information) && information > 0)
}

export interface CoxFit {
  /** The estimate (the last one tried when it did not converge, as R). */
  beta: number
  /** Inverse information at beta (`chinv2`): 0 when singular. */
  variance: number
  /** The information at beta was singular in a converged fit: R sets the coefficient to NA. */
  singular: boolean
  loglik0: number
  loglik: number
  scoreChisq: number
  iterations: number
  converged: boolean
  /** R's warning that the coefficient may be infinite (monotone likelihood). */
  infinite: boolean
}

/**
 * Newton–Raphson as `coxfit6` with `coxph.control()` defaults: from beta = 0, step halving when
 * the log-likelihood falls, stop when |1 − l_old/l_new| ≤ 1e-9, at most 20 iterations (21
 * reported when it did not converge, as R). Needs at least one event (the caller handles none).
 */
export function fitCox(data: CoxData): CoxFit {
  const start = efronStep(data, 0)
  const loglik0 = start.loglik
  const firstStep = isSingular(start.information) ? 0 : start.score / start.information
  const scoreChisq = start.score * firstStep

  let beta = 0
  let newBeta = beta + firstStep
  let bestLoglik = loglik0
  let halving = 0
  let iterations = 1
  let converged = false
  let step: CoxStep = start
  for (; iterations <= COX_ITER_MAX; iterations++) {
    step = efronStep(data, newBeta)
    const finite =
      Number.isFinite(step.score) &&
      Number.isFinite(step.information) &&
      Number.isFinite(step.loglik)
    if (finite && Math.abs(1 - bestLoglik / step.loglik) <= COX_EPS) {
      bestLoglik = step.loglik
      beta = newBeta
      converged = true
      break
    }
    if (!finite || step.loglik < bestLoglik) {
      // Not improving: move back towards the last good beta, harder each time.
      halving++
      newBeta = (newBeta + halving * beta) / (halving + 1)
    } else {
      halving = 0
      bestLoglik = step.loglik
      const delta = isSingular(step.information) ? 0 : step.score / step.information
      beta = newBeta
      newBeta = newBeta + delta
    }
  }
  if (!converged) {
    step = efronStep(data, beta)
    bestLoglik = step.loglik
  }
  const variance = step.information > 0 ? 1 / step.information : 0
  const singular = converged && isSingular(step.information)
  const influence = Math.abs(step.score * variance)
  const infinite = converged
    ? !Number.isFinite(step.score) ||
      (influence > COX_EPS && influence > COX_TOLER_INF * Math.abs(beta))
    : Math.max(0, beta) > 500 || !Number.isFinite(influence)
  return {
    beta,
    variance,
    singular,
    loglik0,
    loglik: bestLoglik,
    scoreChisq,
    iterations,
    converged,
    infinite,
  }
}

/** What `summary.coxph` prints of a one-covariate fit; nulls where R gives NA (or Inf limits). */
export interface CoxEstimates {
  /** log hazard ratio; `null` when not estimable (no events, or no information: R gives NA). */
  beta: number | null
  /** Standard error of beta; `null` when not estimable. */
  se: number | null
  hr: number | null
  /** Confidence limits exp(beta ∓ z·se); `null` when not estimable or when they overflow (R: Inf). */
  lower: number | null
  upper: number | null
  /** Wald chi-square (beta/se)²; `null` when not estimable (R: 0 with no events). */
  waldChisq: number | null
  pWald: number | null
  /** Likelihood-ratio chi-square 2·(l₁ − l₀). */
  lrChisq: number
  pLR: number
  /** Score chi-square at beta = 0: the log-rank test with Efron's handling of ties. */
  scoreChisq: number
  pScore: number
  /** Partial log-likelihood at beta = 0 and at the estimate. */
  loglik: [number, number]
  /** Newton–Raphson iterations; ITER_MAX + 1 (21) when it did not converge, as R reports. */
  iterations: number
  /** false when R would warn "Ran out of iterations and did not converge". */
  converged: boolean
  /** true when R would warn that the coefficient may be infinite (monotone likelihood). */
  infinite: boolean
}

/**
 * The estimate, its Wald interval exp(beta ∓ z·se) and the Wald, likelihood-ratio and score
 * tests on 1 df of a fit, as `summary.coxph`. `variance` replaces the model's variance (the robust
 * one, with `cluster`): the interval and the Wald test use it, the likelihood-ratio and score
 * tests stay the model-based ones, as in R.
 */
export function coxEstimates(fit: CoxFit, z: number, variance = fit.variance): CoxEstimates {
  const { beta, singular } = fit
  const estimable = !singular && variance > 0
  const se = estimable ? Math.sqrt(variance) : null
  const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null)
  const lrChisq = -2 * (fit.loglik0 - fit.loglik)
  return {
    beta: singular ? null : beta,
    se,
    hr: singular ? null : finiteOrNull(Math.exp(beta)),
    lower: se === null ? null : finiteOrNull(Math.exp(beta - z * se)),
    upper: se === null ? null : finiteOrNull(Math.exp(beta + z * se)),
    waldChisq: se === null ? null : (beta * beta) / variance,
    pWald: se === null ? null : chiSquareCdf((beta / se) ** 2, 1, true),
    lrChisq,
    pLR: chiSquareCdf(lrChisq, 1, true),
    scoreChisq: fit.scoreChisq,
    pScore: chiSquareCdf(fit.scoreChisq, 1, true),
    loglik: [fit.loglik0, fit.loglik],
    iterations: fit.iterations,
    converged: fit.converged,
    infinite: fit.infinite,
  }
}

/** What a fit with no events reports, as R: coefficient NA, tests 0 with p 1. */
export const NO_EVENT_ESTIMATES: CoxEstimates = {
  beta: null,
  se: null,
  hr: null,
  lower: null,
  upper: null,
  waldChisq: null,
  pWald: null,
  lrChisq: 0,
  pLR: 1,
  scoreChisq: 0,
  pScore: 1,
  loglik: [0, 0],
  iterations: 0,
  converged: true,
  infinite: false,
}

/** What a reader must know of a fit, in words: it did not converge, or beta may be infinite. */
export function coxFitNotes(fit: CoxFit): string[] {
  const notes: string[] = []
  if (!fit.converged) {
    notes.push(
      `the model did not converge in ${COX_ITER_MAX} iterations: the estimate is the last one tried`,
    )
  }
  if (fit.infinite) {
    notes.push(
      'the hazard ratio may be infinite (the events fall in one group only): its estimate, interval and Wald test are not reliable',
    )
  }
  if (fit.singular) notes.push('the groups carry no information on the hazard ratio: not estimable')
  return notes
}
