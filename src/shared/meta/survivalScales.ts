import { normalQuantile } from '../distributions'

/**
 * Scales on which a survival probability S is pooled:
 * identity S; log log S; cloglog log(−log S) (the default: the scale of Kalbfleisch–Prentice
 * "log-log" intervals, R survfit conf.type = "log-log"); logit log(S/(1 − S)); arcsine
 * asin(√S) (Freeman–Tukey-like variance stabilisation).
 */
export type SurvivalScale = 'identity' | 'log' | 'cloglog' | 'logit' | 'arcsine'

export const SURVIVAL_SCALES: readonly SurvivalScale[] = [
  'identity',
  'log',
  'cloglog',
  'logit',
  'arcsine',
]

export const DEFAULT_SURVIVAL_SCALE: SurvivalScale = 'cloglog'

/**
 * g(S) on the given scale. Finite for 0 < S < 1 on every scale; at S = 0 or 1 the log, cloglog
 * and logit scales are infinite, which callers must rule out first (`survivalAtTime` does).
 */
export function transformSurvival(s: number, scale: SurvivalScale): number {
  switch (scale) {
    case 'identity':
      return s
    case 'log':
      return Math.log(s)
    case 'cloglog':
      return Math.log(-Math.log(s))
    case 'logit':
      return Math.log(s / (1 - s))
    case 'arcsine':
      return Math.asin(Math.sqrt(s))
  }
}

/**
 * Delta-method factor g'(S)², so that Var g(Ŝ) ≈ g'(S)² Var Ŝ: 1, 1/S², 1/(S log S)²,
 * 1/(S(1 − S))², 1/(4S(1 − S)). With Greenwood's Var Ŝ = S²G these give G, G/(log S)²,
 * G/(1 − S)² and S·G/(4(1 − S)) (DESIGN.md §4). Defined for 0 < S < 1.
 */
export function survivalVarianceFactor(s: number, scale: SurvivalScale): number {
  switch (scale) {
    case 'identity':
      return 1
    case 'log':
      return 1 / (s * s)
    case 'cloglog': {
      const d = s * Math.log(s)
      return 1 / (d * d)
    }
    case 'logit': {
      const d = s * (1 - s)
      return 1 / (d * d)
    }
    case 'arcsine':
      return 1 / (4 * s * (1 - s))
  }
}

/**
 * S from y = g(S), clamped to [0, 1]: identity and log estimates can leave that range, and asin
 * is only invertible on [0, π/2]. cloglog is decreasing: S = exp(−exp(y)).
 */
export function backTransformSurvival(y: number, scale: SurvivalScale): number {
  let s: number
  switch (scale) {
    case 'identity':
      s = y
      break
    case 'log':
      s = Math.exp(y)
      break
    case 'cloglog':
      s = Math.exp(-Math.exp(y))
      break
    case 'logit':
      s = 1 / (1 + Math.exp(-y))
      break
    case 'arcsine': {
      const a = Math.min(Math.max(y, 0), Math.PI / 2)
      s = Math.sin(a) ** 2
      break
    }
  }
  return Math.min(Math.max(s, 0), 1)
}

export interface PooledSurvival {
  value: number
  lower: number
  upper: number
}

/**
 * Back-transforms an estimate and its CI limits from the analysis scale to survival. Because
 * cloglog is decreasing, the upper limit on that scale gives the lower survival limit; the limits
 * are sorted so that lower ≤ value ≤ upper always holds. Values are clamped to [0, 1].
 */
export function backTransformInterval(
  estimate: number,
  lower: number,
  upper: number,
  scale: SurvivalScale,
): PooledSurvival {
  const a = backTransformSurvival(lower, scale)
  const b = backTransformSurvival(upper, scale)
  return {
    value: backTransformSurvival(estimate, scale),
    lower: Math.min(a, b),
    upper: Math.max(a, b),
  }
}

/**
 * Standard error of Ŝ (on the survival scale) implied by a published CI (lower, upper) that was
 * computed on `ciScale` at confidence `level`: the CI width on ciScale over 2·z_{1−α/2}, carried
 * back to Ŝ by the delta method at S (0 < S < 1). Returns null when a limit maps to an infinite
 * value on ciScale (a limit at 0 or 1 on log, cloglog or logit) or the CI has zero width.
 */
export function survivalSeFromCi(
  s: number,
  lower: number,
  upper: number,
  level: number,
  ciScale: SurvivalScale,
): number | null {
  const z = -normalQuantile((1 - level) / 2)
  const gl = transformSurvival(lower, ciScale)
  const gu = transformSurvival(upper, ciScale)
  const seOnCiScale = Math.abs(gu - gl) / (2 * z)
  const seS = seOnCiScale / Math.sqrt(survivalVarianceFactor(s, ciScale))
  // An infinite limit on ciScale makes the width infinite or NaN, a zero-width CI makes it 0.
  return seS > 0 && Number.isFinite(seS) ? seS : null
}
