import { fitMetaRegression } from './metaRegression'
import { screenStudies } from './screenStudies'
import type { MetaOptions, MetaTest, StudyEffect, Tau2Method } from './types'

export interface EggerTest {
  k: number
  method: Tau2Method
  test: MetaTest
  /** Test of the slope on the standard error: z, or t on k − 2 df under HKSJ. */
  statistic: number | null
  df: number | null
  pval: number | null
  /** Coefficient of sei and its SE. */
  slope: number | null
  slope_se: number | null
  /** Intercept: the estimate as the SE goes to 0 ("limit estimate"), with its CI. */
  limit_estimate: number | null
  limit_ci_lower: number | null
  limit_ci_upper: number | null
  /** Residual τ² of the meta-regression (0 for FE). */
  tau2: number | null
  notes: string[]
}

function num(x: number): number | null {
  return Number.isFinite(x) ? x : null
}

/**
 * Egger's regression test for funnel-plot asymmetry in metafor's default form,
 * metafor::regtest(rma(yi, vi, method, test), model = "rma", predictor = "sei"): a
 * meta-regression of y_i on sei_i = √v_i with the same τ² method and test; the test is on the
 * slope, the intercept is the limit estimate. Effects on the analysis scale. Needs k ≥ 3 pooled
 * studies (two coefficients and τ²); otherwise all values are null with a note.
 */
export function eggerTest(studies: readonly StudyEffect[], options: MetaOptions = {}): EggerTest {
  const method = options.method ?? 'REML'
  const test = options.test ?? 'z'
  const level = options.level ?? 0.95
  const screened = screenStudies(studies)
  const k = screened.yi.length
  // Every return below adds its own notes.
  const empty: Omit<EggerTest, 'notes'> = {
    k,
    method,
    test,
    statistic: null,
    df: null,
    pval: null,
    slope: null,
    slope_se: null,
    limit_estimate: null,
    limit_ci_lower: null,
    limit_ci_upper: null,
    tau2: null,
  }
  if (k < 3) return { ...empty, notes: [`Egger's test needs at least 3 studies (k = ${k})`] }
  const sei = Float64Array.from(screened.vi, Math.sqrt)
  const X = [new Float64Array(k).fill(1), sei]
  const fit = fitMetaRegression(screened.yi, screened.vi, X, method, test, level)
  if (!fit.converged) return { ...empty, notes: fit.notes }
  return {
    k,
    method,
    test,
    statistic: num(fit.statistic[1]),
    df: fit.df,
    pval: num(fit.pval[1]),
    slope: num(fit.beta[1]),
    slope_se: num(fit.se[1]),
    limit_estimate: num(fit.beta[0]),
    limit_ci_lower: num(fit.ci_lower[0]),
    limit_ci_upper: num(fit.ci_upper[0]),
    tau2: num(fit.tau2),
    notes: fit.notes,
  }
}
