import { normalQuantile } from '../distributions'
import {
  type CoxEstimates,
  coxData,
  coxEstimates,
  coxFitNotes,
  fitCox,
  NO_EVENT_ESTIMATES,
} from './coxEfron'
import { type CoxZph, coxZph } from './coxZph'
import type { GroupLabel } from './groups'
import { groupBy } from './groups'

export interface TwoGroupOptions {
  /** Reference group (hazard ratio = other / reference); default the first in ascending order. */
  ref?: GroupLabel
  /** Confidence level of the hazard-ratio interval, default 0.95. */
  conf?: number
}

/** A covariate coded 0 (reference) / 1 (the other group) from a two-level group column. */
export interface TwoGroupCode {
  ref: GroupLabel
  other: GroupLabel
  x: number[]
  z: number
}

/**
 * Codes a group column with exactly two levels against `ref`. Throws on another number of levels,
 * on a `ref` that is not a level, or on a confidence level outside (0, 1).
 */
export function twoGroupCode(
  group: readonly GroupLabel[],
  n: number,
  options: TwoGroupOptions,
  what: string,
): TwoGroupCode {
  const { levels, codes } = groupBy(group, n)
  if (levels.length !== 2)
    throw new Error(`${what}: needs exactly two groups, got ${levels.length}`)
  const ref = options.ref ?? levels[0]
  if (!levels.includes(ref)) throw new Error(`${what}: ref ${String(ref)} is not a group`)
  const other = levels[0] === ref ? levels[1] : levels[0]
  const refCode = levels.indexOf(ref)
  const conf = options.conf ?? 0.95
  if (!(conf > 0 && conf < 1)) throw new Error(`confidence level must be in (0, 1), got ${conf}`)
  return {
    ref,
    other,
    x: Array.from(codes, (c) => (c === refCode ? 0 : 1)),
    z: normalQuantile((1 + conf) / 2),
  }
}

export interface StratifiedCoxResult extends CoxEstimates {
  ref: GroupLabel
  other: GroupLabel
  n: number
  events: number
  /** Number of strata (studies). */
  strata: number
  /** Strata without events: they add nothing to the model. */
  strataWithoutEvents: GroupLabel[]
  /** Strata whose patients are all in one group: they add nothing to the hazard ratio. */
  strataWithOneGroup: GroupLabel[]
  /** The proportional-hazards test; null when it has no information (see `coxZph`). */
  zph: CoxZph | null
  /** Non-convergence, a possibly infinite estimate, strata that add nothing: in words. */
  notes: string[]
}

/**
 * Cox model with a baseline hazard per stratum and one two-level covariate, Efron's handling of
 * ties, as `survival::coxph(Surv(time, event) ~ group + strata(stratum), ties = "efron")`
 * (Newton–Raphson of `coxfit6`, see `fitCox`), with the summary of `summary.coxph` (hazard ratio
 * other/ref, Wald interval, Wald, likelihood-ratio and score tests on 1 df) and the
 * proportional-hazards test of `cox.zph(fit)` (transform "km").
 *
 * Edge cases, reported rather than thrown: no events at all gives R's NA coefficient and tests 0
 * (nulls, p 1); strata without events or with one group only are listed (they add nothing, as in
 * R); non-convergence and a possibly infinite coefficient are flagged and put in `notes`. Throws
 * on invalid data (see `sortSurvival`), on a group column without exactly two levels, on a `ref`
 * that is not one of them, or on a confidence level outside (0, 1).
 */
export function coxStratified(
  time: readonly number[],
  event: readonly number[],
  group: readonly GroupLabel[],
  stratum: readonly GroupLabel[],
  options: TwoGroupOptions = {},
): StratifiedCoxResult {
  const code = twoGroupCode(group, time.length, options, 'coxStratified')
  const data = coxData(time, event, code.x, stratum)
  const k = data.strata.length
  const events = new Int32Array(k)
  const arms = Array.from({ length: k }, () => new Set<number>())
  for (let i = 0; i < data.time.length; i++) {
    events[data.stratum[i]] += data.event[i]
    arms[data.stratum[i]].add(data.x[i])
  }
  const strataWithoutEvents = data.strata.filter((_, s) => events[s] === 0)
  const strataWithOneGroup = data.strata.filter((_, s) => arms[s].size < 2)
  const base = {
    ref: code.ref,
    other: code.other,
    n: data.time.length,
    events: events.reduce((a, b) => a + b, 0),
    strata: k,
    strataWithoutEvents,
    strataWithOneGroup,
  }
  const notes: string[] = []
  if (strataWithoutEvents.length) {
    notes.push(`${strataWithoutEvents.length} stratum(s) without events add nothing`)
  }
  if (strataWithOneGroup.length) {
    notes.push(
      `${strataWithOneGroup.length} stratum(s) with one group only add nothing to the hazard ratio`,
    )
  }
  if (base.events === 0) {
    notes.push('no events: the hazard ratio is not estimable')
    return { ...base, ...NO_EVENT_ESTIMATES, zph: null, notes }
  }
  const fit = fitCox(data)
  notes.push(...coxFitNotes(fit))
  const estimates = coxEstimates(fit, code.z)
  const zph = estimates.beta === null ? null : coxZph(data, fit.beta)
  return { ...base, ...estimates, zph, notes }
}
