import {
  DEFAULT_SURVIVAL_SCALE,
  type SurvivalScale,
  survivalSeFromCi,
  survivalVarianceFactor,
  transformSurvival,
} from './survivalScales'
import type { StudyEffect } from './types'

/** Where the variance of Ŝ(t) comes from. */
export type SurvivalVarianceSource =
  /** Greenwood from IPD: G = Σ d_j/(n_j(n_j − d_j)) over event times ≤ t; Var Ŝ = S²G. */
  | { kind: 'greenwood'; greenwood: number }
  /** Peto from the published S and number at risk: Var Ŝ = S²(1 − S)/n_risk. */
  | { kind: 'peto' }
  /** A published standard error of Ŝ (as a proportion). */
  | { kind: 'se'; se: number }
  /**
   * A published CI for S (proportions) at `level` (default 0.95), computed on `ciScale`
   * (default 'log', R survfit's default; use 'cloglog' for "log-log" intervals).
   */
  | { kind: 'ci'; lower: number; upper: number; level?: number; ciScale?: SurvivalScale }

export interface SurvivalAtTimeInput {
  study: string
  subgroup?: string | null
  /** Ŝ(t) as a proportion; null when not reported or t is past the end of follow-up. */
  surv: number | null | undefined
  /** Number at risk at t. */
  nRisk?: number | null
  /** Study size, the continuity correction's last resort when nobody is left at risk. */
  n?: number | null
  /**
   * S = 0 with nobody at risk: the number at risk just before the curve reached 0 (the patients
   * actually followed to the last death), the correction's denominator; null when unknown.
   */
  nFollowed?: number | null
  /** S = 0 with nobody at risk: corrected with `nFollowed` ('followed', default) or excluded. */
  zeroSurvival?: ZeroSurvivalRule
  source: SurvivalVarianceSource
}

/** What to do with S = 0 when nobody is left at risk. */
export type ZeroSurvivalRule = 'followed' | 'exclude'
export const ZERO_SURVIVAL_RULES: readonly ZeroSurvivalRule[] = ['followed', 'exclude']

export const REASON_ZERO_EXCLUDED =
  'S = 0 with nobody left at risk: excluded by the zero-survival setting'

export interface SurvivalEffect extends StudyEffect {
  yi: number | null
  vi: number | null
  /** S actually used (after a continuity correction), as a proportion. */
  surv_used: number | null
  /** Var Ŝ on the survival scale. */
  var_surv: number | null
  /** How the variance was obtained. */
  variance_method: 'greenwood' | 'peto' | 'se' | 'ci' | 'continuity-corrected'
  scale: SurvivalScale
  excludedReason: string | null
  note: string | null
}

export const REASON_SURVIVAL_MISSING =
  'survival not available at this time (not reported, or the time is past the end of follow-up)'
export const REASON_SURVIVAL_RANGE = 'survival is not a proportion in [0, 1]'
export const REASON_NRISK_INVALID = 'number at risk is negative or not a number'
export const REASON_NOBODY_AT_RISK =
  'nobody at risk at this time (past the end of follow-up): the survival estimate rests on no patients'
export const REASON_PETO_NEEDS_NRISK = 'Peto variance needs the number at risk at this time'
export const REASON_GREENWOOD_INVALID = 'Greenwood sum is negative or not a number'
export const REASON_ZERO_VARIANCE =
  'variance of S is 0 or not a number: the study would get an infinite weight'
export const REASON_CI_UNUSABLE =
  'published CI cannot be converted to a standard error (a limit at 0 or 1 on its scale, or a zero-width interval)'

/** Reason for S = 0 or 1 when no sample size is available for the continuity correction. */
export function reasonBoundaryWithoutN(s: number): string {
  return `S = ${s} with neither a number at risk nor a study size: the continuity correction needs one, and without it the variance is 0 (infinite weight)`
}

function round4(x: number): string {
  return String(Math.round(x * 1e4) / 1e4)
}

/**
 * Survival at a time t as an effect size on `scale` (default cloglog): y = g(Ŝ) and
 * v = g'(Ŝ)² Var Ŝ (delta method; see `survivalVarianceFactor`), with Var Ŝ from Greenwood,
 * Peto, a published SE or a published CI.
 *
 * Rules, applied in this order and reported in `excludedReason` (the study is excluded) or
 * `note` (the study is kept, adjusted); never an infinite weight, never a silent drop:
 * 1. S missing → excluded (`REASON_SURVIVAL_MISSING`); S outside [0, 1] → excluded.
 * 2. Nobody at risk (n_risk = 0) while S > 0 → excluded (`REASON_NOBODY_AT_RISK`): t is past the
 *    end of follow-up.
 * 3. S = 0 or S = 1 (no finite transform, or a zero variance, on any scale) → continuity
 *    correction: 0.5 added to survivors and to deaths out of m, S̃ = (m·S + 0.5)/(m + 1), the
 *    Haldane (1956) correction metafor::escalc applies to proportions by default (add = 1/2,
 *    to = "only0"); m is the number at risk, or when nobody is at risk (all died) the number
 *    at risk just before the curve reached 0 (`nFollowed`, the patients actually followed;
 *    the study size n only when that is unknown, which treats every patient as followed to t
 *    and makes the zero far too precise), or, with `zeroSurvival: 'exclude'`, the study is
 *    excluded (`REASON_ZERO_EXCLUDED`). Its variance is the empirical-logit variance of Haldane and Anscombe (1956),
 *    1/(x + ½) + 1/(m − x + ½) with x = m·S survivors (metafor's "PLO" measure), carried to
 *    the survival scale, Var S̃ = (S̃(1 − S̃))² · that, and on to the analysis scale by the delta
 *    method. Peto's S̃²(1 − S̃)/(m + 1) would be far smaller: it treats the corrected value as if
 *    it were observed, and on the cloglog scale gave such a study a narrow CI and a large weight,
 *    although a zero count says little. Without m → excluded.
 * 4. Otherwise Var Ŝ from the source; a zero or undefined variance → excluded.
 * Proportions only (callers convert percentages); times are whatever unit the caller uses.
 */
export function survivalAtTime(
  input: SurvivalAtTimeInput,
  scale: SurvivalScale = DEFAULT_SURVIVAL_SCALE,
): SurvivalEffect {
  const s = input.surv
  if (s === null || s === undefined || Number.isNaN(s)) {
    return excludedEffect(input, scale, REASON_SURVIVAL_MISSING, input.source.kind)
  }
  if (!(s >= 0 && s <= 1))
    return excludedEffect(input, scale, REASON_SURVIVAL_RANGE, input.source.kind)
  const nRisk = input.nRisk ?? null
  if (nRisk !== null && !(nRisk >= 0 && Number.isFinite(nRisk))) {
    return excludedEffect(input, scale, REASON_NRISK_INVALID, input.source.kind)
  }
  if (nRisk === 0 && s > 0) {
    return excludedEffect(input, scale, REASON_NOBODY_AT_RISK, input.source.kind)
  }

  if (s === 0 || s === 1) {
    const positive = (x: number | null | undefined): x is number =>
      x !== null && x !== undefined && x > 0 && Number.isFinite(x)
    const fromRisk = nRisk !== null && nRisk > 0
    if (!fromRisk && s === 0 && input.zeroSurvival === 'exclude') {
      return excludedEffect(input, scale, REASON_ZERO_EXCLUDED, 'continuity-corrected')
    }
    const followed = !fromRisk && s === 0 && positive(input.nFollowed)
    const m = fromRisk
      ? nRisk
      : followed
        ? (input.nFollowed as number)
        : positive(input.n)
          ? input.n
          : null
    if (m === null) {
      return excludedEffect(input, scale, reasonBoundaryWithoutN(s), 'continuity-corrected')
    }
    const corrected = (m * s + 0.5) / (m + 1)
    const whose = fromRisk
      ? ' at risk'
      : followed
        ? ' at risk just before the curve reached 0 (nobody left at risk)'
        : ' (study size; nobody at risk, and the number followed is unknown)'
    const note =
      `S = ${s}: continuity correction (0.5 added to survivors and to deaths; Haldane 1956, as ` +
      `metafor::escalc add = 1/2, to = "only0"): S set to ${round4(corrected)} with n = ${m}` +
      `${whose}, empirical-logit variance`
    const survivors = m * s
    const logitVar = 1 / (survivors + 0.5) + 1 / (m - survivors + 0.5)
    const varS = (corrected * (1 - corrected)) ** 2 * logitVar
    return keptEffect(input, scale, corrected, varS, 'continuity-corrected', note)
  }

  const source = input.source
  switch (source.kind) {
    case 'greenwood':
      if (!(source.greenwood >= 0)) {
        return excludedEffect(input, scale, REASON_GREENWOOD_INVALID, 'greenwood')
      }
      return keptEffect(input, scale, s, s * s * source.greenwood, 'greenwood', null)
    case 'peto':
      if (nRisk === null) return excludedEffect(input, scale, REASON_PETO_NEEDS_NRISK, 'peto')
      return keptEffect(input, scale, s, (s * s * (1 - s)) / nRisk, 'peto', null)
    case 'se':
      return keptEffect(input, scale, s, source.se * source.se, 'se', null)
    case 'ci': {
      const se = survivalSeFromCi(
        s,
        source.lower,
        source.upper,
        source.level ?? 0.95,
        source.ciScale ?? 'log',
      )
      if (se === null) return excludedEffect(input, scale, REASON_CI_UNUSABLE, 'ci')
      return keptEffect(input, scale, s, se * se, 'ci', null)
    }
  }
}

// Module-level helpers rather than closures: this runs once per study and time point.
function excludedEffect(
  input: SurvivalAtTimeInput,
  scale: SurvivalScale,
  reason: string,
  method: SurvivalEffect['variance_method'],
): SurvivalEffect {
  return {
    study: input.study,
    subgroup: input.subgroup ?? null,
    scale,
    yi: null,
    vi: null,
    surv_used: null,
    var_surv: null,
    variance_method: method,
    excludedReason: reason,
    note: null,
  }
}

function keptEffect(
  input: SurvivalAtTimeInput,
  scale: SurvivalScale,
  sUsed: number,
  varS: number,
  method: SurvivalEffect['variance_method'],
  note: string | null,
): SurvivalEffect {
  if (!(varS > 0) || !Number.isFinite(varS)) {
    return excludedEffect(input, scale, REASON_ZERO_VARIANCE, method)
  }
  return {
    study: input.study,
    subgroup: input.subgroup ?? null,
    scale,
    yi: transformSurvival(sUsed, scale),
    vi: varS * survivalVarianceFactor(sUsed, scale),
    surv_used: sUsed,
    var_surv: varS,
    variance_method: method,
    excludedReason: null,
    note,
  }
}
