import { normalCdf, normalQuantile } from '../distributions'
import type { Rmst } from './rmst'

/** Two groups' restricted mean survival times compared, as `survRM2::rmst2` reports them. */
export interface RmstContrast {
  tau: number
  /** RMST of the compared group minus the reference's, in the time unit of the data. */
  diff: number
  diffSe: number
  diffLower: number
  diffUpper: number
  /** Two-sided p of the difference (normal). */
  diffP: number
  /** RMST ratio, compared / reference; null when the reference RMST is 0 (τ = 0). */
  ratio: number | null
  /** Standard error of log(ratio). */
  logRatioSe: number | null
  ratioLower: number | null
  ratioUpper: number | null
}

/**
 * Difference and ratio of two RMSTs at the same τ, as `survRM2::rmst2` (unadjusted): the
 * difference with SE √(Var₁ + Var₀), the ratio on the log scale with SE √(Var₁/μ₁² + Var₀/μ₀²)
 * (delta method), Wald intervals at `conf` and the normal two-sided p of the difference. The
 * per-group RMST and SE are `rmst()`'s, which equal survRM2's `rmst1` (the same Greenwood-type
 * variance, no n/(n − 1) factor). Throws when the two τ differ or `conf` is outside (0, 1).
 */
export function rmstContrast(compared: Rmst, reference: Rmst, conf = 0.95): RmstContrast {
  if (compared.tau !== reference.tau) {
    throw new Error(
      `rmstContrast: the two RMSTs use different tau (${compared.tau}, ${reference.tau})`,
    )
  }
  if (!(conf > 0 && conf < 1)) throw new Error(`confidence level must be in (0, 1), got ${conf}`)
  const z = normalQuantile((1 + conf) / 2)
  const diff = compared.rmst - reference.rmst
  const diffSe = Math.sqrt(compared.se ** 2 + reference.se ** 2)
  const positive = compared.rmst > 0 && reference.rmst > 0
  const logRatio = positive ? Math.log(compared.rmst) - Math.log(reference.rmst) : null
  const logRatioSe = positive
    ? Math.sqrt((compared.se / compared.rmst) ** 2 + (reference.se / reference.rmst) ** 2)
    : null
  return {
    tau: compared.tau,
    diff,
    diffSe,
    diffLower: diff - z * diffSe,
    diffUpper: diff + z * diffSe,
    diffP: diffSe > 0 ? 2 * normalCdf(-Math.abs(diff) / diffSe) : diff === 0 ? 1 : 0,
    ratio: logRatio === null ? null : Math.exp(logRatio),
    logRatioSe,
    ratioLower:
      logRatio === null || logRatioSe === null ? null : Math.exp(logRatio - z * logRatioSe),
    ratioUpper:
      logRatio === null || logRatioSe === null ? null : Math.exp(logRatio + z * logRatioSe),
  }
}
