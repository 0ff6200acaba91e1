import type { Tau2Method } from './types'
import { type Design, sumWeightedPSquared, traceP, wls, type WlsFit } from './weightedLeastSquares'
import { UNIROOT_TOL, zeroin } from './zeroin'

/** metafor's rma.uni control defaults: threshold, maxiter, tol. */
const THRESHOLD = 1e-5
const MAXITER = 100
const LOG_2PI = Math.log(2 * Math.PI)

export interface Tau2Estimate {
  /** Estimate truncated at 0; NaN only when `converged` is false. */
  tau2: number
  /** metafor's `se.tau2` for the method. */
  se_tau2: number
  converged: boolean
  /** Set when the estimate needed metafor's safeguards or failed. */
  note: string | null
}

/** R's `median`. */
function median(x: readonly number[]): number {
  const s = [...x].sort((a, b) => a - b)
  const n = s.length
  return n % 2 === 1 ? s[(n - 1) / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2])
}

/** R's `mad(x)` (constant 1.4826, centre the median). */
function mad(x: readonly number[]): number {
  const m = median(x)
  return 1.4826 * median(x.map((v) => Math.abs(v - m)))
}

function weights(vi: ArrayLike<number>, tau2: number): Float64Array {
  const w = new Float64Array(vi.length)
  for (let i = 0; i < vi.length; i++) w[i] = 1 / (vi[i] + tau2)
  return w
}

function sumSquares(w: ArrayLike<number>): number {
  let s = 0
  for (let i = 0; i < w.length; i++) s += w[i] * w[i]
  return s
}

/**
 * Log-likelihood (ML) or restricted log-likelihood (REML) at τ², as in metafor's `ll0check`
 * (rma.uni), which compares the Fisher-scoring optimum with τ² = 0.
 */
function logLik(
  y: ArrayLike<number>,
  vi: ArrayLike<number>,
  X: Design,
  tau2: number,
  reml: boolean,
): number {
  const k = y.length
  const p = X.length
  const w = weights(vi, tau2)
  const fit = wls(y, X, w)
  let sumLogV = 0
  for (let i = 0; i < k; i++) sumLogV += Math.log(vi[i] + tau2)
  if (!reml) return -0.5 * k * LOG_2PI - 0.5 * sumLogV - 0.5 * fit.rss
  return -0.5 * (k - p) * LOG_2PI - 0.5 * sumLogV - 0.5 * fit.logDet - 0.5 * fit.rss
}

/**
 * Estimates the between-study variance τ² of the model y_i = x_i'β + u_i + e_i,
 * u_i ~ N(0, τ²), e_i ~ N(0, v_i), exactly as metafor::rma.uni(method = ...) does (metafor 3.8):
 *
 * - DL (DerSimonian–Laird), HE (Hedges, unweighted moments), HS (Hunter–Schmidt), SJ
 *   (Sidik–Jonkman, started from Σ(y − ȳ)²/k): closed forms.
 * - PM (Paule–Mandel): root of Q(τ²) = k − p by R's uniroot on [0, max(100, 10·mad(y)²)] with
 *   tol = 1.2e-4, so results agree with metafor rather than with the exact root.
 * - ML, REML, EB (empirical Bayes): Fisher scoring from the HE estimate (truncated at 0), steps
 *   halved to stay ≥ 0, stopped when τ² changes by less than 1e-5, at most 100 iterations; for ML
 *   and REML metafor's check that the optimum beats τ² = 0 (`ll0check`).
 *
 * y and vi are on the analysis scale; vi must be > 0 (callers screen them); k > p.
 * `se_tau2` is metafor's standard error for each estimator. A run that does not converge returns
 * `converged = false` with τ² = NaN; metafor stops with an error there.
 */
export function estimateTau2(
  yi: ArrayLike<number>,
  vi: ArrayLike<number>,
  X: Design,
  method: Exclude<Tau2Method, 'FE'>,
): Tau2Estimate {
  const k = yi.length
  const p = X.length
  let mean = 0
  for (let i = 0; i < k; i++) mean += yi[i]
  mean /= k
  const ymc = new Float64Array(k)
  for (let i = 0; i < k; i++) ymc[i] = yi[i] - mean

  const fitAt = (w: Float64Array): WlsFit => wls(ymc, X, w)

  if (method === 'HS' || method === 'DL') {
    const w = weights(vi, 0)
    const fit = fitAt(w)
    const trP = traceP(X, w, fit)
    const sumPP = sumWeightedPSquared(X, w, fit, null, null)
    if (method === 'HS') {
      const tau2 = Math.max(0, (fit.rss - k) / fit.sumW)
      const se = Math.sqrt((2 * (k - p) + 4 * tau2 * trP + 2 * tau2 * tau2 * sumPP) / fit.sumW ** 2)
      return { tau2, se_tau2: se, converged: true, note: null }
    }
    const tau2 = Math.max(0, (fit.rss - (k - p)) / trP)
    const se = Math.sqrt((2 * (k - p) + 4 * tau2 * trP + 2 * tau2 * tau2 * sumPP) / (trP * trP))
    return { tau2, se_tau2: se, converged: true, note: null }
  }

  if (method === 'SJ') {
    let ss = 0
    for (let i = 0; i < k; i++) ss += ymc[i] * ymc[i]
    const tau20 = ss / k
    const w = weights(vi, tau20)
    const fit = fitAt(w)
    const tau2 = Math.max(0, (tau20 * fit.rss) / (k - p))
    const pvpv = sumWeightedPSquared(X, w, fit, vi, vi)
    const pvp = sumWeightedPSquared(X, w, fit, null, vi)
    const pp = sumWeightedPSquared(X, w, fit, null, null)
    const se = Math.sqrt(
      ((tau20 * tau20) / ((k - p) * (k - p))) * (2 * pvpv + 4 * tau2 * pvp + 2 * tau2 * tau2 * pp),
    )
    return { tau2, se_tau2: se, converged: true, note: null }
  }

  if (method === 'PM') {
    const target = k - p
    const tau2Max = Math.max(100, 10 * mad(Array.from(yi)) ** 2)
    const q = (t: number): number => fitAt(weights(vi, t)).rss - target
    const f0 = q(0)
    let tau2: number
    if (f0 < 0) tau2 = 0
    else {
      const fMax = q(tau2Max)
      if (fMax > 0) {
        return {
          tau2: Number.NaN,
          se_tau2: Number.NaN,
          converged: false,
          note: `Paule–Mandel: Q(τ²) stays above k − p up to τ² = ${Number(tau2Max.toPrecision(6))}; no estimate (metafor: "Value of 'tau2.max' too low")`,
        }
      }
      tau2 = Math.max(0, zeroin(q, 0, tau2Max, f0, fMax, UNIROOT_TOL, MAXITER).root)
    }
    const sumW = fitAt(weights(vi, tau2)).sumW
    return {
      tau2,
      se_tau2: Math.sqrt((2 * k * k) / (k - p)) / sumW,
      converged: true,
      note: null,
    }
  }

  // HE: unweighted method of moments; also the starting value of ML, REML and EB.
  const ones = new Float64Array(k).fill(1)
  const ols = fitAt(ones)
  let trPV = 0
  for (let i = 0; i < k; i++) {
    let h = 0
    for (let a = 0; a < p; a++)
      for (let b = 0; b < p; b++) h += X[a][i] * ols.inv[a * p + b] * X[b][i]
    trPV += vi[i] * (1 - h)
  }
  const tau2He = (ols.rss - trPV) / (k - p)
  if (method === 'HE') {
    const tau2 = Math.max(0, tau2He)
    const pvpv = sumWeightedPSquared(X, ones, ols, vi, vi)
    const se = Math.sqrt(
      (2 * pvpv + 4 * tau2 * trPV + 2 * tau2 * tau2 * (k - p)) / ((k - p) * (k - p)),
    )
    return { tau2, se_tau2: se, converged: true, note: null }
  }

  let tau2 = Math.max(0, tau2He)
  let change = THRESHOLD + 1
  let iter = 0
  while (change > THRESHOLD) {
    iter++
    const old = tau2
    const w = weights(vi, tau2)
    const fit = fitAt(w)
    let adj: number
    if (method === 'EB') {
      adj = ((fit.rss * k) / (k - p) - k) / fit.sumW
    } else {
      let ypp = 0
      for (let i = 0; i < k; i++) ypp += w[i] * w[i] * fit.residuals[i] * fit.residuals[i]
      adj =
        method === 'ML'
          ? (ypp - fit.sumW) / sumSquares(w)
          : (ypp - traceP(X, w, fit)) / sumWeightedPSquared(X, w, fit, null, null)
    }
    if (Number.isNaN(adj)) adj = 0
    while (tau2 + adj < 0) adj /= 2
    tau2 += adj
    change = Math.abs(old - tau2)
    if (iter > MAXITER) {
      return {
        tau2: Number.NaN,
        se_tau2: Number.NaN,
        converged: false,
        note: `${method}: Fisher scoring did not converge in ${MAXITER} iterations (metafor stops here)`,
      }
    }
  }

  let note: string | null = null
  if (method === 'ML' || method === 'REML') {
    const reml = method === 'REML'
    const ll0 = logLik(ymc, vi, X, 0, reml)
    const ll = logLik(ymc, vi, X, tau2, reml)
    if (ll0 - ll > UNIROOT_TOL && tau2 > THRESHOLD) {
      note = `${method}: Fisher scoring stopped at a point with a lower likelihood than τ² = 0; τ² set to 0 (as metafor)`
      tau2 = 0
    }
  }
  const w = weights(vi, tau2)
  const fit = fitAt(w)
  let se: number
  if (method === 'ML') se = Math.sqrt(2 / sumSquares(w))
  else if (method === 'REML') se = Math.sqrt(2 / sumWeightedPSquared(X, w, fit, null, null))
  else se = Math.sqrt((2 * k * k) / (k - p)) / fit.sumW
  return { tau2: Math.max(0, tau2), se_tau2: se, converged: true, note }
}
