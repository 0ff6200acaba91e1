import { chiSquareCdf, normalCdf, normalQuantile, tCdf, tQuantile } from '../distributions'
import { estimateTau2 } from './tau2Estimators'
import type { MetaTest, Tau2Method } from './types'
import { type Design, traceP, wls } from './weightedLeastSquares'

const DBL_EPSILON = 2.220446049250313e-16

export interface MetaRegressionFit {
  k: number
  p: number
  tau2: number
  se_tau2: number | null
  /** Coefficients, their standard errors, test statistics (z or t), p-values and CI limits. */
  beta: number[]
  se: number[]
  statistic: number[]
  pval: number[]
  ci_lower: number[]
  ci_upper: number[]
  /** k − p under HKSJ, null for z tests. */
  df: number | null
  /** Critical value used for the CIs (z or t quantile). */
  crit: number
  /** Random-effects weights 1/(v_i + τ²). */
  weights: Float64Array
  /** Residual heterogeneity Q_E with fixed-effect weights, its df and p-value. */
  QE: number
  QE_df: number
  QE_p: number
  /** metafor's "typical" within-study variance (k − p)/tr(P_FE), behind I² and H². */
  vt: number
  I2: number
  H2: number
  /** False when τ² could not be estimated; the other numbers are then NaN. */
  converged: boolean
  notes: string[]
}

/**
 * Mixed-effects meta-regression with the design X (p columns; the first the intercept), as
 * metafor::rma.uni(yi, vi, mods = X, intercept = FALSE, method, test, level) computes it:
 * τ² by `estimateTau2`, β by weighted least squares with weights 1/(v_i + τ²), Var β = (X'WX)⁻¹,
 * scaled under HKSJ (`test = "knha"`) by s² = Σ w (y − Xβ)²/(k − p) (0 when that sum is below
 * machine epsilon, as metafor) with t(k − p) tests; Q_E = Σ (y − Xβ_FE)²/v_i on k − p df;
 * I² = 100 τ²/(vt + τ²), H² = τ²/vt + 1 with vt = (k − p)/tr P_FE, or for FE models
 * I² = max(0, 100 (Q_E − (k − p))/Q_E) and H² = Q_E/(k − p).
 *
 * Inputs are on the analysis scale, vi > 0 (screened), k > p (k ≥ p for FE). level is the
 * confidence level as a proportion.
 */
export function fitMetaRegression(
  yi: ArrayLike<number>,
  vi: ArrayLike<number>,
  X: Design,
  method: Tau2Method,
  test: MetaTest,
  level: number,
): MetaRegressionFit {
  const k = yi.length
  const p = X.length
  const notes: string[] = []
  let tau2 = 0
  let seTau2: number | null = null
  let converged = true
  if (method !== 'FE') {
    const est = estimateTau2(yi, vi, X, method)
    tau2 = est.tau2
    seTau2 = est.se_tau2
    converged = est.converged
    if (est.note) notes.push(est.note)
  }

  const w = new Float64Array(k)
  for (let i = 0; i < k; i++) w[i] = 1 / (vi[i] + tau2)
  const fit = wls(yi, X, w)
  let s2w = 1
  if (test === 'knha') {
    if (method === 'FE') notes.push('HKSJ is not meant for fixed-effect models (as metafor warns)')
    if (fit.rss <= DBL_EPSILON) {
      s2w = 0
      notes.push(
        'HKSJ: weighted residual sum of squares is 0, so the standard error is 0 (as metafor)',
      )
    } else s2w = fit.rss / (k - p)
  }
  const df = test === 'knha' ? k - p : null
  const alpha = 1 - level
  const crit =
    df === null ? -normalQuantile(alpha / 2) : df > 0 ? -tQuantile(alpha / 2, df) : Number.NaN

  const beta: number[] = []
  const se: number[] = []
  const statistic: number[] = []
  const pval: number[] = []
  const ciLower: number[] = []
  const ciUpper: number[] = []
  for (let a = 0; a < p; a++) {
    const b = fit.beta[a]
    const s = Math.sqrt(s2w * fit.inv[a * p + a])
    const stat = b / s
    beta.push(b)
    se.push(s)
    statistic.push(stat)
    pval.push(
      df === null
        ? 2 * normalCdf(Math.abs(stat), true)
        : df > 0
          ? 2 * tCdf(Math.abs(stat), df, true)
          : Number.NaN,
    )
    ciLower.push(b - crit * s)
    ciUpper.push(b + crit * s)
  }

  let QE = 0
  let QEp = 1
  let vt = 0
  let I2 = 0
  let H2 = 1
  if (k > p) {
    const wFe = new Float64Array(k)
    for (let i = 0; i < k; i++) wFe[i] = 1 / vi[i]
    const fe = wls(yi, X, wFe)
    QE = Math.max(0, fe.rss)
    QEp = chiSquareCdf(QE, k - p, true)
    vt = (k - p) / traceP(X, wFe, fe)
    if (method === 'FE') {
      I2 = QE > 0 ? Math.max(0, (100 * (QE - (k - p))) / QE) : 0
      H2 = QE / (k - p)
    } else {
      I2 = (100 * tau2) / (vt + tau2)
      H2 = tau2 / vt + 1
    }
  }

  return {
    k,
    p,
    tau2,
    se_tau2: seTau2,
    beta,
    se,
    statistic,
    pval,
    ci_lower: ciLower,
    ci_upper: ciUpper,
    df,
    crit,
    weights: w,
    QE,
    QE_df: k - p,
    QE_p: QEp,
    vt,
    I2,
    H2,
    converged,
    notes,
  }
}
