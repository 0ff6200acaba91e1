import { sortSurvival } from './survivalData'

/**
 * A Kaplan–Meier fit with one row per distinct time (event or censoring), as `survfit` stores it.
 * Times are in the unit of the input.
 */
export interface KmFit {
  time: number[]
  /** Number at risk just before `time` (everyone whose time is ≥ it). */
  nRisk: number[]
  nEvent: number[]
  nCensor: number[]
  /** S(t), right-continuous: it includes the events at `time`. */
  surv: number[]
  /**
   * Greenwood's cumulative sum Σ d/(n(n−d)) over event times ≤ `time`. `null` on a row where
   * everyone at risk has the event (S falls to 0; R stores `std.err = Inf` there). Only the last
   * row can be `null`, since nobody remains at risk after it.
   */
  greenwood: (number | null)[]
  /** Number of patients. */
  n: number
  /** Number of events. */
  events: number
}

/**
 * Kaplan–Meier estimate with Greenwood's variance, matching `survival::survfit(Surv(time, event)
 * ~ 1)` (conf.type aside): tied times share one row, censorings at an event time count as at
 * risk at that time, and near-equal times are merged as `timefix = TRUE` does.
 *
 * `event` is 1 for an event, 0 for censored. Throws on empty input, on a time that is negative or
 * not finite, or on an event that is not 0/1. O(n log n).
 */
export function kaplanMeier(time: readonly number[], event: readonly number[]): KmFit {
  const data = sortSurvival(time, event)
  const n = data.time.length
  const fit: KmFit = {
    time: [],
    nRisk: [],
    nEvent: [],
    nCensor: [],
    surv: [],
    greenwood: [],
    n,
    events: 0,
  }
  let km = 1
  let greenwood = 0
  for (let start = 0; start < n;) {
    const t = data.time[start]
    let end = start
    let deaths = 0
    while (end < n && data.time[end] === t) {
      deaths += data.event[end]
      end++
    }
    const atRisk = n - start
    if (deaths > 0) {
      km *= (atRisk - deaths) / atRisk
      if (deaths < atRisk) greenwood += deaths / (atRisk * (atRisk - deaths))
    }
    fit.time.push(t)
    fit.nRisk.push(atRisk)
    fit.nEvent.push(deaths)
    fit.nCensor.push(end - start - deaths)
    fit.surv.push(km)
    // Everyone at risk dies: the Greenwood term d/(n(n − d)) is infinite.
    fit.greenwood.push(deaths > 0 && deaths === atRisk ? null : greenwood)
    fit.events += deaths
    start = end
  }
  return fit
}

/**
 * Standard error of S at row `i` by Greenwood's formula, S·√G: the `std.err` column of
 * `summary(survfit(...))`. `null` where S has fallen to 0 (R gives NaN there).
 */
export function stdErr(fit: KmFit, i: number): number | null {
  const g = fit.greenwood[i]
  return g === null ? null : fit.surv[i] * Math.sqrt(g)
}

/**
 * Standard error of log S at row `i`, √G: the `std.err` component of a `survfit` object itself,
 * which is on the log scale. `null` where S has fallen to 0 (R: Inf).
 */
export function logStdErr(fit: KmFit, i: number): number | null {
  const g = fit.greenwood[i]
  return g === null ? null : Math.sqrt(g)
}
