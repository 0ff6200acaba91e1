import type { KmFit } from './kaplanMeier'

export interface Rmst {
  /** Restricted mean survival time up to `tau`, in the time unit of the fit. */
  rmst: number
  /** Its standard error (same unit). */
  se: number
  tau: number
}

/**
 * Restricted mean survival time ∫₀^τ S(t) dt with its standard error, as
 * `print(survfit(...), rmean = tau)` reports them (`survival:::survmean`):
 * Var = Σ over times tᵢ ≤ τ of A(tᵢ)²·dᵢ/(nᵢ(nᵢ − dᵢ)), A(tᵢ) = ∫_{tᵢ}^τ S(t) dt, the usual
 * Greenwood-type estimator without the n/(n − 1) correction. A time where everyone at risk has the
 * event contributes 0 (the area after it is 0 anyway).
 *
 * τ past the last observation extends the last value of S to τ, as R does: the area beyond the
 * data is then an extrapolation. τ before the first time gives τ with se 0 (R's `print` refuses
 * such a τ; `survmean` itself returns this). Throws on a τ that is negative or not finite.
 */
export function rmst(fit: KmFit, tau: number): Rmst {
  if (!Number.isFinite(tau) || tau < 0) {
    throw new Error(`rmst: tau must be finite and ≥ 0, got ${tau}`)
  }
  let kept = 0
  while (kept < fit.time.length && fit.time[kept] <= tau) kept++
  // Area of each rectangle of the step function between consecutive times, then to tau.
  const rectangles: number[] = []
  let previousTime = 0
  let previousSurv = 1
  for (let i = 0; i < kept; i++) {
    rectangles.push((fit.time[i] - previousTime) * previousSurv)
    previousTime = fit.time[i]
    previousSurv = fit.surv[i]
  }
  rectangles.push((tau - previousTime) * previousSurv)
  let mean = 0
  for (const r of rectangles) mean += r
  // Areas are summed relative to tau: squared as they are, a tau near the largest double would
  // overflow to Infinity, and Infinity times a zero hazard term is NaN.
  const scale = tau > 0 ? tau : 1
  let variance = 0
  let areaAfter = 0
  for (let i = kept - 1; i >= 0; i--) {
    areaAfter += rectangles[i + 1]
    const atRisk = fit.nRisk[i]
    const deaths = fit.nEvent[i]
    const hazardTerm = atRisk - deaths === 0 ? 0 : deaths / (atRisk * (atRisk - deaths))
    if (hazardTerm > 0) variance += (areaAfter / scale) ** 2 * hazardTerm
  }
  return { rmst: mean, se: scale * Math.sqrt(variance), tau }
}
