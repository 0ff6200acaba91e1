import { normalQuantile } from '../distributions'
import type { GroupLabel } from './groups'
import { groupBy } from './groups'
import { type CoxEstimates, coxData, coxEstimates, fitCox, NO_EVENT_ESTIMATES } from './coxEfron'

export interface CoxOptions {
  /** Reference group (hazard ratio = other / reference); default the first in ascending order. */
  ref?: GroupLabel
  /** Confidence level of the hazard-ratio interval, default 0.95. */
  conf?: number
}

export interface CoxResult extends CoxEstimates {
  ref: GroupLabel
  /** The group whose hazard is compared with the reference's. */
  other: GroupLabel
  n: number
  events: number
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
  const { levels, codes } = groupBy(group, time.length)
  if (levels.length !== 2) {
    throw new Error(`coxTwoGroup: needs exactly two groups, got ${levels.length}`)
  }
  const ref = options.ref ?? levels[0]
  if (!levels.includes(ref)) throw new Error(`coxTwoGroup: ref ${String(ref)} is not a group`)
  const other = levels[0] === ref ? levels[1] : levels[0]
  const refCode = levels.indexOf(ref)
  const data = coxData(
    time,
    event,
    Array.from(codes, (c) => (c === refCode ? 0 : 1)),
  )
  const conf = options.conf ?? 0.95
  if (!(conf > 0 && conf < 1)) throw new Error(`confidence level must be in (0, 1), got ${conf}`)
  const z = normalQuantile((1 + conf) / 2)
  const n = data.time.length
  let events = 0
  for (const e of data.event) events += e

  const base = { ref, other, n, events }
  if (events === 0) return { ...base, ...NO_EVENT_ESTIMATES }
  return { ...base, ...coxEstimates(fitCox(data), z) }
}
