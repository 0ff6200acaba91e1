import type { ConfOptions } from './confidenceInterval'
import { limitsAt, resolveConf } from './confidenceInterval'
import type { KmFit } from './kaplanMeier'
import { logStdErr } from './kaplanMeier'

/** One row of `summary(fit, times = ...)`. */
export interface SurvivalAtRow {
  time: number
  surv: number
  /** Standard error of S (Greenwood, S·√G); `null` once S has fallen to 0 (R: NaN). */
  se: number | null
  lower: number | null
  upper: number | null
  /** Number at risk at `time` (whose time is ≥ it); 0 past the last observation. */
  nRisk: number
  /** Events in (previous requested time, `time`]; for the first requested time, in [0, time]. */
  nEvent: number
  /** Censorings over the same interval as `nEvent`. */
  nCensor: number
}

/** Largest index i with values[i] ≤ x (strict: values[i] < x), or −1. */
function lastAtOrBelow(values: readonly number[], x: number, strict: boolean): number {
  let lo = 0
  let hi = values.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (strict ? values[mid] < x : values[mid] <= x) lo = mid + 1
    else hi = mid
  }
  return lo - 1
}

/**
 * Survival, its standard error, confidence limits and the counts at the requested times, as
 * `summary(survfit(...), times = times, extend = TRUE)` reports them. R's summary first adds a
 * row at time 0 (S = 1, se 0, limits 1, n at risk = everyone) unless a time 0 is already present,
 * so a time before the first observation reports S = 1 with limits [1, 1] on every scale.
 *
 * Times past the last observation follow `extend = TRUE`: S, se and limits carry the last value
 * forward and the number at risk is 0 (R's default `extend = FALSE` drops those rows instead).
 * Rows come back sorted by time, as R returns them, because the event and censoring counts are
 * per interval between consecutive requested times. Throws on a time that is negative or not
 * finite (R silently drops non-finite times).
 */
export function survivalAt(
  fit: KmFit,
  times: readonly number[],
  options: ConfOptions = {},
): SurvivalAtRow[] {
  const { z, type } = resolveConf(options)
  for (const t of times) {
    if (!Number.isFinite(t) || t < 0) {
      throw new Error(`survivalAt: times must be finite and ≥ 0, got ${t}`)
    }
  }
  const cumEvents: number[] = []
  const cumCensors: number[] = []
  let events = 0
  let censors = 0
  for (let i = 0; i < fit.time.length; i++) {
    events += fit.nEvent[i]
    censors += fit.nCensor[i]
    cumEvents.push(events)
    cumCensors.push(censors)
  }
  let previous = -1
  return [...times]
    .sort((a, b) => a - b)
    .map((t) => {
      const i = lastAtOrBelow(fit.time, t, false)
      const next = lastAtOrBelow(fit.time, t, true) + 1
      const before = i < 0
      const surv = before ? 1 : fit.surv[i]
      const logSe = before ? 0 : logStdErr(fit, i)
      const limits = before ? { lower: 1, upper: 1 } : limitsAt(surv, logSe, z, type)
      const row: SurvivalAtRow = {
        time: t,
        surv,
        se: logSe === null ? null : logSe * surv,
        lower: limits.lower,
        upper: limits.upper,
        nRisk: next < fit.time.length ? fit.nRisk[next] : 0,
        nEvent: (i < 0 ? 0 : cumEvents[i]) - (previous < 0 ? 0 : cumEvents[previous]),
        nCensor: (i < 0 ? 0 : cumCensors[i]) - (previous < 0 ? 0 : cumCensors[previous]),
      }
      previous = i
      return row
    })
}
