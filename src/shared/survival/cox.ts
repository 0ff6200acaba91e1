import { chiSquareCdf, normalQuantile } from '../distributions'
import type { GroupLabel } from './groups'
import { groupBy } from './groups'
import type { SortedSurvival } from './survivalData'
import { sortSurvival } from './survivalData'

/** `coxph.control()` defaults. */
const EPS = 1e-9
const TOLER_INF = Math.sqrt(EPS)
const ITER_MAX = 20

export interface CoxOptions {
  /** Reference group (hazard ratio = other / reference); default the first in ascending order. */
  ref?: GroupLabel
  /** Confidence level of the hazard-ratio interval, default 0.95. */
  conf?: number
}

export interface CoxResult {
  ref: GroupLabel
  /** The group whose hazard is compared with the reference's. */
  other: GroupLabel
  n: number
  events: number
  /** log hazard ratio; `null` when not estimable (no events, or no information: R gives NA). */
  beta: number | null
  /** Standard error of beta from the inverse information; `null` when not estimable. */
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

interface Step {
  loglik: number
  score: number
  information: number
}

/**
 * Efron partial log-likelihood, score and information for one 0/1 covariate, in the order and
 * arithmetic of survival's `coxfit6_iter` (risk sets built from the last time back; tied deaths
 * enter in ndead equal fractions). The covariate is not centred: `coxph` leaves 0/1 columns alone.
 */
function efronStep(data: SortedSurvival, x: Uint8Array, beta: number): Step {
  let loglik = 0
  let score = 0
  let information = 0
  let denom = 0
  let a = 0
  let cmat = 0
  for (let person = data.time.length - 1; person >= 0;) {
    const t = data.time[person]
    let ndead = 0
    let denom2 = 0
    let a2 = 0
    let cmat2 = 0
    while (person >= 0 && data.time[person] === t) {
      const xi = x[person]
      const zbeta = beta * xi
      const risk = Math.exp(zbeta)
      if (data.event[person] === 0) {
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
function isSingular(information: number): boolean {
  return !(Number.isFinite(information) && information > 0)
}

/**
 * Cox proportional-hazards model with one two-level covariate (the group), Efron's handling of
 * ties, as `survival::coxph(Surv(time, event) ~ group, ties = "efron")` with its defaults
 * (Newton–Raphson from beta = 0 with step halving, stop when |1 − l_old/l_new| ≤ 1e-9, at most 20
 * iterations; the same iterations as `coxfit6`, so non-converged fits match R too).
 *
 * Hazard ratio exp(beta) of `other` against `ref`, its Wald interval exp(beta ∓ z·se) with
 * z = qnorm((1 + conf)/2) as `summary.coxph`, and the Wald, likelihood-ratio and score (log-rank)
 * tests on 1 df. With no events R returns coefficient NA and tests 0; so does this (nulls, tests 0
 * with p 1). Throws on invalid data (see `kaplanMeier`), on a group column without exactly two
 * levels, on a `ref` that is not one of them, or on a confidence level outside (0, 1).
 */
export function coxTwoGroup(
  time: readonly number[],
  event: readonly number[],
  group: readonly GroupLabel[],
  options: CoxOptions = {},
): CoxResult {
  const data = sortSurvival(time, event)
  const { levels, codes } = groupBy(group, time.length)
  if (levels.length !== 2) {
    throw new Error(`coxTwoGroup: needs exactly two groups, got ${levels.length}`)
  }
  const ref = options.ref ?? levels[0]
  if (!levels.includes(ref)) throw new Error(`coxTwoGroup: ref ${String(ref)} is not a group`)
  const other = levels[0] === ref ? levels[1] : levels[0]
  const refCode = levels.indexOf(ref)
  const x = Uint8Array.from(data.order, (i) => (codes[i] === refCode ? 0 : 1))
  const conf = options.conf ?? 0.95
  if (!(conf > 0 && conf < 1)) throw new Error(`confidence level must be in (0, 1), got ${conf}`)
  const z = normalQuantile((1 + conf) / 2)
  const n = data.time.length
  let events = 0
  for (const e of data.event) events += e

  const base = { ref, other, n, events }
  if (events === 0) {
    return {
      ...base,
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
  }

  const start = efronStep(data, x, 0)
  const loglik0 = start.loglik
  const firstStep = isSingular(start.information) ? 0 : start.score / start.information
  const scoreChisq = start.score * firstStep

  let beta = 0
  let newBeta = beta + firstStep
  let bestLoglik = loglik0
  let halving = 0
  let iterations = 1
  let converged = false
  let step: Step = start
  for (; iterations <= ITER_MAX; iterations++) {
    step = efronStep(data, x, newBeta)
    const finite =
      Number.isFinite(step.score) &&
      Number.isFinite(step.information) &&
      Number.isFinite(step.loglik)
    if (finite && Math.abs(1 - bestLoglik / step.loglik) <= EPS) {
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
    step = efronStep(data, x, beta)
    bestLoglik = step.loglik
  }
  // chinv2 on the 1×1 information: its inverse, or 0 when singular.
  const variance = step.information > 0 ? 1 / step.information : 0
  // R sets the coefficient to NA only for a converged fit with singular information.
  const singular = converged && isSingular(step.information)

  const influence = Math.abs(step.score * variance)
  const infinite = converged
    ? !Number.isFinite(step.score) || (influence > EPS && influence > TOLER_INF * Math.abs(beta))
    : Math.max(0, beta) > 500 || !Number.isFinite(influence)

  const lrChisq = -2 * (loglik0 - bestLoglik)
  const estimable = !singular && variance > 0
  const se = estimable ? Math.sqrt(variance) : null
  const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null)
  return {
    ...base,
    beta: singular ? null : beta,
    se,
    hr: singular ? null : finiteOrNull(Math.exp(beta)),
    lower: se === null ? null : finiteOrNull(Math.exp(beta - z * se)),
    upper: se === null ? null : finiteOrNull(Math.exp(beta + z * se)),
    waldChisq: se === null ? null : (beta * beta) / variance,
    pWald: se === null ? null : chiSquareCdf((beta / se) ** 2, 1, true),
    lrChisq,
    pLR: chiSquareCdf(lrChisq, 1, true),
    scoreChisq,
    pScore: chiSquareCdf(scoreChisq, 1, true),
    loglik: [loglik0, bestLoglik],
    iterations,
    converged,
    infinite,
  }
}
