import { normalCdf, normalQuantile } from '../distributions'
import { fitMetaRegression } from './metaRegression'
import { tau2ConfidenceInterval } from './qProfile'
import { screenStudies } from './screenStudies'
import type { MetaOptions, MetaTest, StudyEffect, StudyRecord, Tau2Method } from './types'
import { interceptDesign } from './weightedLeastSquares'

export interface RmaOptions extends MetaOptions {
  /** Compute the Q-profile CI for τ², I² and H² (default true; leave-one-out turns it off). */
  confint?: boolean
}

/**
 * Result of an intercept-only meta-analysis. Every statistic is a finite number or null; notes
 * say why a value is null or what rule shaped it. Estimates and intervals are on the analysis
 * scale; `weights` are percentages (metafor `weights()`), one per pooled study in input order.
 */
export interface RmaFit {
  k: number
  method: Tau2Method
  test: MetaTest
  level: number
  estimate: number | null
  se: number | null
  /** Wald statistic under test 'z', else null. */
  zval: number | null
  /** t statistic under HKSJ, else null. */
  tval: number | null
  /** Degrees of freedom of tval (k − 1), else null. */
  df: number | null
  pval: number | null
  ci_lower: number | null
  ci_upper: number | null
  pi_lower: number | null
  pi_upper: number | null
  tau2: number | null
  se_tau2: number | null
  tau2_ci_lower: number | null
  tau2_ci_upper: number | null
  I2: number | null
  I2_ci_lower: number | null
  I2_ci_upper: number | null
  H2: number | null
  H2_ci_lower: number | null
  H2_ci_upper: number | null
  Q: number | null
  Q_df: number | null
  Q_p: number | null
  weights: number[]
  notes: string[]
}

export interface RmaResult extends RmaFit {
  /** One record per input study, in input order, with weights for the pooled ones. */
  studies: StudyRecord[]
}

export const NOTE_K0 = 'k = 0: no study has a usable effect size and variance; nothing to pool'
export const NOTE_K1 =
  'k = 1: the single study is returned as the estimate with its own Wald interval; heterogeneity and a prediction interval cannot be estimated'

function num(x: number): number | null {
  return Number.isFinite(x) ? x : null
}

function emptyFit(method: Tau2Method, test: MetaTest, level: number, notes: string[]): RmaFit {
  return {
    k: 0,
    method,
    test,
    level,
    estimate: null,
    se: null,
    zval: null,
    tval: null,
    df: null,
    pval: null,
    ci_lower: null,
    ci_upper: null,
    pi_lower: null,
    pi_upper: null,
    tau2: null,
    se_tau2: null,
    tau2_ci_lower: null,
    tau2_ci_upper: null,
    I2: null,
    I2_ci_lower: null,
    I2_ci_upper: null,
    H2: null,
    H2_ci_lower: null,
    H2_ci_upper: null,
    Q: null,
    Q_df: null,
    Q_p: null,
    weights: [],
    notes,
  }
}

/**
 * Inverse-variance meta-analysis of k effect sizes (intercept-only model), matching
 * metafor::rma.uni(yi, vi, method, test, level) for the estimate, SE, test, CI and Q test,
 * predict.rma for the prediction interval (μ̂ ± crit·√(SE² + τ²), crit from z, or t(k − 1) under
 * HKSJ) and confint.rma.uni for the Q-profile CIs of τ², I² and H².
 *
 * yi, vi: effect sizes and sampling variances on the analysis scale, already screened (finite,
 * vi > 0). Edge cases: k = 0 returns nulls and a note; k = 1 returns the study itself with its
 * Wald (z) interval (HKSJ has no degrees of freedom there) and no prediction interval, with
 * τ² = 0, Q = 0 on 0 df (p = 1), I² = 0, H² = 1 as metafor does; FE models have no τ² interval
 * and, as in metafor, no prediction interval. A τ² estimator that fails (metafor would stop)
 * yields null statistics with the reason in `notes`.
 */
export function fitRma(
  yi: ArrayLike<number>,
  vi: ArrayLike<number>,
  options: RmaOptions = {},
): RmaFit {
  const method = options.method ?? 'REML'
  const test = options.test ?? 'z'
  const level = options.level ?? 0.95
  const k = yi.length
  if (k === 0) return emptyFit(method, test, level, [NOTE_K0])

  if (k === 1) {
    const se = Math.sqrt(vi[0])
    const crit = -normalQuantile((1 - level) / 2)
    const y = yi[0]
    const fit = emptyFit(method, test, level, [NOTE_K1])
    const z = y / se
    return {
      ...fit,
      k: 1,
      estimate: y,
      se,
      zval: num(z),
      pval: num(2 * normalCdf(Math.abs(z), true)),
      ci_lower: y - crit * se,
      ci_upper: y + crit * se,
      tau2: 0,
      I2: 0,
      H2: 1,
      Q: 0,
      Q_df: 0,
      Q_p: 1,
      weights: [100],
    }
  }

  const reg = fitMetaRegression(yi, vi, interceptDesign(k), method, test, level)
  const notes = [...reg.notes]
  if (!reg.converged) return { ...emptyFit(method, test, level, notes), k }

  const estimate = reg.beta[0]
  const se = reg.se[0]
  const stat = reg.statistic[0]
  const piHalf = reg.crit * Math.sqrt(se * se + reg.tau2)
  let sumW = 0
  for (let i = 0; i < k; i++) sumW += reg.weights[i]
  const weights = Array.from(reg.weights, (w) => (100 * w) / sumW)

  let tau2Lower: number | null = null
  let tau2Upper: number | null = null
  if (method === 'FE') {
    notes.push(
      'fixed-effect model: τ² is 0 by assumption; no τ² confidence interval and no prediction interval (as metafor)',
    )
  } else if (options.confint !== false) {
    const ci = tau2ConfidenceInterval(yi, vi, reg.tau2, level)
    tau2Lower = ci.lower
    tau2Upper = ci.upper
    notes.push(...ci.notes)
  }
  const i2 = (t: number | null): number | null =>
    t === null ? null : num((100 * t) / (reg.vt + t))
  const h2 = (t: number | null): number | null => (t === null ? null : num(t / reg.vt + 1))
  if (se === 0 || !Number.isFinite(stat))
    notes.push('test statistic undefined: standard error is 0')

  return {
    k,
    method,
    test,
    level,
    estimate: num(estimate),
    se: num(se),
    zval: test === 'z' ? num(stat) : null,
    tval: test === 'knha' ? num(stat) : null,
    df: reg.df,
    pval: Number.isFinite(stat) ? num(reg.pval[0]) : null,
    ci_lower: num(reg.ci_lower[0]),
    ci_upper: num(reg.ci_upper[0]),
    pi_lower: method === 'FE' ? null : num(estimate - piHalf),
    pi_upper: method === 'FE' ? null : num(estimate + piHalf),
    tau2: num(reg.tau2),
    se_tau2: reg.se_tau2 === null ? null : num(reg.se_tau2),
    tau2_ci_lower: tau2Lower,
    tau2_ci_upper: tau2Upper,
    I2: num(reg.I2),
    I2_ci_lower: i2(tau2Lower),
    I2_ci_upper: i2(tau2Upper),
    H2: num(reg.H2),
    H2_ci_lower: h2(tau2Lower),
    H2_ci_upper: h2(tau2Upper),
    Q: num(reg.QE),
    Q_df: reg.QE_df,
    Q_p: num(reg.QE_p),
    weights,
    notes,
  }
}

/**
 * Screens the studies (`screenStudies`: missing values and vi ≤ 0 are excluded with the reason)
 * and pools the rest with `fitRma`. This is the entry point for callers holding named studies.
 */
export function rma(studies: readonly StudyEffect[], options: RmaOptions = {}): RmaResult {
  const screened = screenStudies(studies)
  const fit = fitRma(screened.yi, screened.vi, options)
  const records = screened.records.map((r) => ({ ...r }))
  screened.kept.forEach((index, j) => {
    records[index].weight = fit.weights[j] ?? null
  })
  const excluded = records.filter((r) => r.excluded).length
  const notes =
    excluded > 0
      ? [...fit.notes, `${excluded} of ${records.length} studies excluded (see studies[].reason)`]
      : fit.notes
  return { ...fit, notes, studies: records }
}
