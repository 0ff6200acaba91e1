/**
 * Each study's effect size for one outcome of a review, with the method that made it and the
 * numbers behind it (for the tables). The rule for every outcome: a study's reconstructed pooled
 * curve first (Greenwood, Brookmeyer–Crowley, Cox), its published numbers when it has no
 * reconstructed curve (Peto or a published SE or CI, a median's CI or range, an HR's CI).
 */
import type { ReviewSettings } from '../model/review'
import {
  followedFromFit,
  followedFromRows,
  logHazardRatioFromCi,
  medianFromCi,
  medianFromRange,
  survivalAtTime,
  type SurvivalVarianceSource,
} from '../meta'
import type { MethodEffect } from '../pool'
import { survivalAt } from '../survival'
import { timeText } from './numberText'
import type { PreparedStudy } from './types'

/** A study's effect for one outcome and the untransformed numbers it came from. */
export interface StudyValue {
  effect: MethodEffect
  /** Survival, median or hazard ratio as reconstructed or published; null when there is none. */
  value: number | null
  /** Its CI as reconstructed or published (a median's Brookmeyer–Crowley limits, say). */
  lower: number | null
  upper: number | null
  /** Survival only: Greenwood's or the published standard error of S, and the number at risk. */
  se: number | null
  nRisk: number | null
}

/**
 * A published time counts as the review's time t when within 1% of it, so that 365 days or
 * 52 weeks are a year (12 months) although a year is 365.25 days in the conversion.
 */
function sameTime(a: number, t: number): boolean {
  return Math.abs(a - t) <= 0.01 * t
}

function base(p: PreparedStudy) {
  return { study: p.label, subgroup: p.subgroup }
}

function missing(p: PreparedStudy, method: string, reason: string): StudyValue {
  return {
    effect: { ...base(p), yi: null, vi: null, excludedReason: reason, method },
    value: null,
    lower: null,
    upper: null,
    se: null,
    nRisk: null,
  }
}

/**
 * Survival at each of the review's times for one study, as effect sizes on its scale. From the
 * reconstructed IPD: Kaplan–Meier S(t) with Greenwood's sum G = (se/S)², n at risk and N for
 * `survivalAtTime`'s rules (nobody at risk → excluded; S = 0 or 1 → continuity correction).
 * From published numbers: the row at t, its variance from SE, CI or Peto, in that order.
 */
export function survivalValues(p: PreparedStudy, settings: ReviewSettings): StudyValue[] {
  const { survivalTimes: times, scale } = settings
  if (p.fit) {
    const fit = p.fit
    return survivalAt(fit, times).map((at) => {
      const greenwood = at.se === null || at.surv === 0 ? null : (at.se / at.surv) ** 2
      const source: SurvivalVarianceSource =
        greenwood === null ? { kind: 'peto' } : { kind: 'greenwood', greenwood }
      const e = survivalAtTime(
        {
          ...base(p),
          surv: at.surv,
          nRisk: at.nRisk,
          n: fit.n,
          nFollowed: followedFromFit(fit),
          zeroSurvival: settings.zeroSurvival,
          source,
        },
        scale,
      )
      return {
        effect: { ...e, method: `${e.variance_method} (reconstructed IPD)` },
        value: at.surv,
        lower: at.lower,
        upper: at.upper,
        se: at.se,
        nRisk: at.nRisk,
      }
    })
  }
  const rows = p.published?.survival ?? []
  return times.map((t) => {
    const row = rows.find((r) => sameTime(r.time, t))
    if (!row) {
      return missing(p, 'published', `survival at ${timeText(t)} ${settings.timeUnit} not reported`)
    }
    const source: SurvivalVarianceSource =
      row.se !== undefined
        ? { kind: 'se', se: row.se }
        : row.lower !== undefined && row.upper !== undefined
          ? { kind: 'ci', lower: row.lower, upper: row.upper }
          : { kind: 'peto' }
    const e = survivalAtTime(
      {
        ...base(p),
        surv: row.surv,
        nRisk: row.nRisk ?? null,
        n: p.n,
        nFollowed: row.surv === 0 ? followedFromRows(rows, row.time) : null,
        zeroSurvival: settings.zeroSurvival,
        source,
      },
      scale,
    )
    return {
      effect: { ...e, method: `${e.variance_method} (published)` },
      value: row.surv,
      lower: row.lower ?? null,
      upper: row.upper ?? null,
      se: row.se ?? null,
      nRisk: row.nRisk ?? null,
    }
  })
}

/**
 * Median survival for one study as an effect size (log or raw scale): from the reconstructed IPD
 * the Kaplan–Meier median with its Brookmeyer–Crowley CI (R's default log interval) through
 * `medianFromCi`; from published numbers a median's CI, else a median, range and n (Hozo, Wan or
 * Luo, `medianFromRange`). A median not reached is excluded with that reason.
 */
export function medianValue(p: PreparedStudy, settings: ReviewSettings): StudyValue {
  const scale = settings.medianScale
  if (p.median) {
    const m = p.median
    if (m.quantile === null) {
      return missing(
        p,
        'Brookmeyer–Crowley (reconstructed IPD)',
        'median not reached: the reconstructed curve stays above 50%',
      )
    }
    const e = medianFromCi({
      ...base(p),
      median: m.quantile,
      lower: m.lower,
      upper: m.upper,
      scale,
    })
    return {
      effect: { ...e, method: `${e.method}, Brookmeyer–Crowley CI (reconstructed IPD)` },
      value: m.quantile,
      lower: m.lower,
      upper: m.upper,
      se: null,
      nRisk: null,
    }
  }
  const pub = p.published
  if (pub?.median) {
    const e = medianFromCi({
      ...base(p),
      median: pub.median.value,
      lower: pub.median.lower ?? null,
      upper: pub.median.upper ?? null,
      scale,
    })
    return {
      effect: { ...e, method: `${e.method} (published CI)` },
      value: pub.median.value,
      lower: pub.median.lower ?? null,
      upper: pub.median.upper ?? null,
      se: null,
      nRisk: null,
    }
  }
  if (pub?.medianRange) {
    const r = pub.medianRange
    const e = medianFromRange({
      ...base(p),
      median: r.median,
      min: r.min ?? null,
      max: r.max ?? null,
      q1: r.q1 ?? null,
      q3: r.q3 ?? null,
      n: r.n,
      method: settings.rangeMethod,
      scale,
    })
    const reported = [
      r.min !== undefined && r.max !== undefined
        ? `range ${timeText(r.min)}–${timeText(r.max)}`
        : null,
      r.q1 !== undefined && r.q3 !== undefined ? `IQR ${timeText(r.q1)}–${timeText(r.q3)}` : null,
    ].filter((x) => x !== null)
    return {
      effect: {
        ...e,
        method: `${e.method} (published median, ${reported.join(', ')} ${settings.timeUnit}, n ${r.n})`,
      },
      value: r.median,
      lower: null,
      upper: null,
      se: null,
      nRisk: null,
    }
  }
  return missing(p, 'published', 'no median: no reconstructed curve and no published median')
}

/**
 * The log hazard ratio of a two-arm study: from the reconstructed IPD of both curves by Cox's
 * model (Efron ties), the pooled curve against the other; else a published HR and CI
 * (`logHazardRatioFromCi`). Null for a study with neither: it is not part of the HR analysis.
 */
export function hazardRatioValue(p: PreparedStudy): StudyValue | null {
  if (p.cox) {
    const { beta, se, arm, reference, nArm, nReference } = p.cox
    const ok = beta !== null && se !== null && se > 0
    return {
      effect: {
        ...base(p),
        yi: ok ? beta : null,
        vi: ok ? se * se : null,
        excludedReason: ok ? null : 'the Cox model has no estimate (no events in an arm)',
        method: `Cox model on the reconstructed patients: ${arm} (n = ${nArm}) vs ${reference} (n = ${nReference}, reference)`,
      },
      value: ok ? Math.exp(beta) : null,
      lower: null,
      upper: null,
      se: null,
      nRisk: null,
    }
  }
  const hr = p.published?.hr
  if (!hr) return null
  const e = logHazardRatioFromCi({ ...base(p), hr: hr.value, lower: hr.lower, upper: hr.upper })
  return {
    effect: {
      ...e,
      method: `ci-log (published${hr.comparison.trim() ? `: ${hr.comparison.trim()}` : ''})`,
    },
    value: hr.value,
    lower: hr.lower,
    upper: hr.upper,
    se: null,
    nRisk: null,
  }
}
