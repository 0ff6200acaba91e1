/**
 * One-stage analyses of a review's reconstructed IPD (issue 16), beside the two-stage pooling of
 * the rest of the review: all reconstructed patients analysed together, keeping track of their
 * study.
 *
 * - Two-arm studies: Cox model of the other arm against the reference (control) arm, stratified
 *   by study (a baseline hazard per study), with the proportional-hazards test of `cox.zph`.
 * - Single-arm studies in subgroups: the subgroup does not vary within a study, so no stratified
 *   model can compare them; an unstratified Cox model with a robust variance clustered by study
 *   does, as an observational comparison across studies.
 * - RMST at τ per study and arm (`survRM2::rmst2`), pooled by random effects (two-stage) and by
 *   a stratified one-stage estimator (see `standardisedRmst`).
 * - Kaplan–Meier curves of the combined IPD by arm and by subgroup, for a figure.
 *
 * The patients are those `reviewIpdCsv` writes: every arm of every study taking part.
 */
import { normalCdf, normalQuantile } from '../distributions'
import type { ReviewSettings } from '../model/review'
import { type RmaResult, rma, type StudyEffect } from '../meta'
import {
  coxClustered,
  coxStratified,
  kaplanMeier,
  type KmFit,
  type Rmst,
  rmst,
  type RmstContrast,
  rmstContrast,
} from '../survival'
import type { ArmIpd, PreparedStudy } from './types'

export const OBSERVATIONAL = 'observational across studies'

export interface OneStageCoxRow {
  /** What is compared, in words ("Other arm vs reference arm", "Late vs Early"). */
  comparison: string
  /** The model, in words. */
  model: string
  /** Comparisons between studies rather than within them: confounded by whatever differs. */
  observational: boolean
  /** Studies and patients in the model. */
  k: number
  n: number
  events: number
  hr: number | null
  lower: number | null
  upper: number | null
  pWald: number | null
  pLR: number | null
  /** p of the proportional-hazards test (`cox.zph`, transform "km"). */
  phP: number | null
  notes: string[]
}

/** One line of `rmst.csv`: a study's arm, a study's difference, or a pooled value. */
export interface RmstRow {
  /** A study's arm, a study's difference between arms, or a pooled value. */
  kind: 'arm' | 'difference' | 'pooled'
  /** The study's label, or 'pooled'. */
  study: string
  subgroup: string | null
  /** The arm's name, or what a pooled or difference row holds. */
  arm: string
  tau: number
  /** The RMST, or the difference in RMST on a difference row (time unit of the review). */
  rmst: number | null
  se: number | null
}

/** A between-arm (or between-subgroup) RMST comparison for the review's table. */
export interface RmstComparison {
  label: string
  /** 'study' (one study), 'two-stage', 'one-stage', or 'observational'. */
  method: 'study' | 'two-stage' | 'one-stage' | 'observational'
  k: number
  diff: number | null
  diffLower: number | null
  diffUpper: number | null
  p: number | null
  ratio: number | null
  ratioLower: number | null
  ratioUpper: number | null
}

/** A Kaplan–Meier curve of the combined IPD of several studies. */
export interface CombinedCurve {
  label: string
  /** Studies whose patients are in the curve. */
  k: number
  fit: KmFit
}

export interface OneStageResult {
  /** τ of every RMST (review unit). */
  tau: number
  /** The default τ: the smallest last follow-up time over every arm of every study. */
  tauDefault: number
  /** Whether τ was set by the reviewer (the review's settings or `kmpool review --tau`). */
  tauSet: boolean
  cox: OneStageCoxRow[]
  rmst: RmstRow[]
  rmstComparisons: RmstComparison[]
  /** Combined-IPD curves by arm (two-arm studies) and by subgroup (every study's pooled curve). */
  curvesByArm: CombinedCurve[]
  curvesBySubgroup: CombinedCurve[]
  notes: string[]
}

export const OTHER_ARM = 'Other arm'
export const REFERENCE_ARM = 'Reference arm'

interface TwoArm {
  p: PreparedStudy
  other: ArmIpd
  reference: ArmIpd
}

/** The two arms of a study that has a hazard ratio, the reference named by the study. */
function twoArms(p: PreparedStudy): TwoArm | null {
  if (!p.cox || p.ipd.length !== 2 || p.ipd[0].arm === p.ipd[1].arm) return null
  const reference = p.ipd.find((a) => a.arm === p.cox?.reference)
  const other = p.ipd.find((a) => a.arm === p.cox?.arm)
  return reference && other ? { p, other, reference } : null
}

/** The IPD of a study's pooled curve (the arm the review pools), when reconstructed. */
function pooledIpd(p: PreparedStudy): ArmIpd | null {
  return p.ipd.find((a) => a.arm === p.pooledArm) ?? null
}

function lastTime(arm: ArmIpd): number {
  let last = 0
  for (const t of arm.time) if (t > last) last = t
  return last
}

/**
 * One arm's RMST over studies from the combined IPD stratified by study: each study's RMST from
 * its own Kaplan–Meier curve (so the baseline differs by study, as in a stratified Cox model),
 * averaged with weights n_k/N (the study's share of the patients of the studies compared), with
 * variance Σ (n_k/N)²·Var_k. The difference of two such arms is the size-weighted mean of the
 * studies' differences; `rmstContrast` of the two gives it with the ratio. It estimates the
 * contrast in a population mixed as the reconstructed patients are, without the random-effects
 * weights of the two-stage pool.
 */
export function standardisedRmst(arms: readonly Rmst[], n: readonly number[]): Rmst {
  const total = n.reduce((a, b) => a + b, 0)
  let mean = 0
  let variance = 0
  arms.forEach((r, i) => {
    const w = n[i] / total
    mean += w * r.rmst
    variance += w * w * r.se ** 2
  })
  return { rmst: mean, se: Math.sqrt(variance), tau: arms[0].tau }
}

const Z95 = normalQuantile(0.975)

/** A difference with its 95% Wald interval and two-sided normal p. */
function waldDifference(
  diff: number,
  se: number,
): { diff: number; diffLower: number; diffUpper: number; p: number | null } {
  return {
    diff,
    diffLower: diff - Z95 * se,
    diffUpper: diff + Z95 * se,
    p: se > 0 ? 2 * normalCdf(-Math.abs(diff) / se) : null,
  }
}

function coxRow(
  comparison: string,
  model: string,
  observational: boolean,
  k: number,
  fit: ReturnType<typeof coxStratified> | ReturnType<typeof coxClustered>,
): OneStageCoxRow {
  return {
    comparison,
    model,
    observational,
    k,
    n: fit.n,
    events: fit.events,
    hr: fit.hr,
    lower: fit.lower,
    upper: fit.upper,
    pWald: fit.pWald,
    pLR: fit.beta === null ? null : fit.pLR,
    phP: fit.zph?.p ?? null,
    notes: fit.notes,
  }
}

/** Runs `fit`; a model that fails is reported in `notes` rather than failing the review. */
function attempt(notes: string[], what: string, fit: () => void): void {
  try {
    fit()
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error)
    notes.push(`${what}: could not be fitted (${why}).`)
  }
}

function pool(effects: StudyEffect[], settings: ReviewSettings): RmaResult {
  return rma(effects, { method: settings.method, test: settings.hksj ? 'knha' : 'z' })
}

export interface OneStageOptions {
  /** τ of the RMST; default (null or absent) the smallest last follow-up of any arm. */
  tau?: number | null
}

/**
 * The one-stage section of a review from its studies taking part. Null when no study has
 * reconstructed IPD. Models that cannot be fitted (fewer than two studies, one subgroup) are
 * left out with a note, never thrown.
 */
export function oneStage(
  studies: readonly PreparedStudy[],
  settings: ReviewSettings,
  options: OneStageOptions = {},
): OneStageResult | null {
  const withIpd = studies.filter((p) => p.excludedReason === null && p.ipd.length > 0)
  if (!withIpd.length) return null
  const notes: string[] = []
  const cox: OneStageCoxRow[] = []
  const pairs = withIpd.map(twoArms).filter((x): x is TwoArm => x !== null)

  if (pairs.length) {
    const time: number[] = []
    const event: number[] = []
    const group: number[] = []
    const stratum: number[] = []
    for (const { p, other, reference } of pairs) {
      for (const [arm, x] of [
        [other, 1],
        [reference, 0],
      ] as const) {
        for (let i = 0; i < arm.time.length; i++) {
          time.push(arm.time[i])
          event.push(arm.event[i])
          group.push(x)
          stratum.push(p.index)
        }
      }
    }
    const comparison = `${OTHER_ARM} vs ${REFERENCE_ARM.toLowerCase()}`
    const model = 'Cox stratified by study'
    attempt(notes, `${comparison}, ${model}`, () => {
      const fit = coxStratified(time, event, group, stratum, { ref: 0 })
      cox.push(coxRow(comparison, model, false, pairs.length, fit))
    })
  }

  // Between subgroups: single-arm studies only (a two-arm study's arms are not one population).
  const singles = withIpd.filter((p) => p.ipd.length === 1 && p.subgroup !== null)
  const levels = [...new Set(singles.map((p) => p.subgroup as string))]
  if (levels.length >= 2) {
    const [ref, ...others] = levels
    for (const g of others) {
      const chosen = singles.filter((p) => p.subgroup === ref || p.subgroup === g)
      const time: number[] = []
      const event: number[] = []
      const group: number[] = []
      const cluster: number[] = []
      for (const p of chosen) {
        const arm = p.ipd[0]
        for (let i = 0; i < arm.time.length; i++) {
          time.push(arm.time[i])
          event.push(arm.event[i])
          group.push(p.subgroup === g ? 1 : 0)
          cluster.push(p.index)
        }
      }
      const comparison = `${g} vs ${ref} (single-arm studies)`
      const model = 'Cox, robust variance clustered by study'
      attempt(notes, `${comparison}, ${model}`, () => {
        const fit = coxClustered(time, event, group, cluster, { ref: 0 })
        cox.push(coxRow(comparison, model, true, chosen.length, fit))
      })
    }
  } else if (singles.length && settings.subgroupBy) {
    notes.push('The single-arm studies form one subgroup: no between-subgroup model.')
  }

  for (const r of cox) for (const n of r.notes) notes.push(`${r.comparison}: ${n}.`)

  // RMST at τ.
  const arms = withIpd.flatMap((p) => p.ipd)
  const tauDefault = Math.min(...arms.map(lastTime))
  const tau = options.tau ?? tauDefault
  if (options.tau != null && options.tau > tauDefault) {
    notes.push(
      `τ is past the last follow-up of some arms: their RMST carries the last survival forward to τ, an extrapolation.`,
    )
  }
  const rows: RmstRow[] = []
  const comparisons: RmstComparison[] = []
  const armRmst = new Map<ArmIpd, ReturnType<typeof rmst>>()
  for (const p of withIpd) {
    for (const arm of p.ipd) {
      const r = rmst(kaplanMeier(arm.time, arm.event), tau)
      armRmst.set(arm, r)
      rows.push({
        kind: 'arm',
        study: p.label,
        subgroup: p.subgroup,
        arm: arm.arm,
        tau,
        rmst: r.rmst,
        se: r.se,
      })
    }
  }
  const diffLabel = `difference (${OTHER_ARM.toLowerCase()} − ${REFERENCE_ARM.toLowerCase()})`
  const perStudy: { p: PreparedStudy; c: RmstContrast; n: number }[] = []
  for (const { p, other, reference } of pairs) {
    const c = rmstContrast(armRmst.get(other)!, armRmst.get(reference)!)
    perStudy.push({ p, c, n: other.time.length + reference.time.length })
    rows.push({
      kind: 'difference',
      study: p.label,
      subgroup: p.subgroup,
      arm: diffLabel,
      tau,
      rmst: c.diff,
      se: c.diffSe,
    })
    comparisons.push({
      label: p.label,
      method: 'study',
      k: 1,
      diff: c.diff,
      diffLower: c.diffLower,
      diffUpper: c.diffUpper,
      p: c.diffP,
      ratio: c.ratio,
      ratioLower: c.ratioLower,
      ratioUpper: c.ratioUpper,
    })
  }
  if (perStudy.length) {
    const d = pool(
      perStudy.map(({ p, c }) => ({ study: p.label, yi: c.diff, sei: c.diffSe })),
      settings,
    )
    const lr = pool(
      perStudy.map(({ p, c }) => ({
        study: p.label,
        yi: c.ratio === null ? null : Math.log(c.ratio),
        sei: c.logRatioSe,
      })),
      settings,
    )
    const exp = (v: number | null) => (v === null ? null : Math.exp(v))
    comparisons.push({
      label: 'Pooled, random effects',
      method: 'two-stage',
      k: d.k,
      diff: d.estimate,
      diffLower: d.ci_lower,
      diffUpper: d.ci_upper,
      p: d.pval,
      ratio: exp(lr.estimate),
      ratioLower: exp(lr.ci_lower),
      ratioUpper: exp(lr.ci_upper),
    })
    rows.push({
      kind: 'pooled',
      study: 'pooled',
      subgroup: null,
      arm: `${diffLabel}, two-stage random effects`,
      tau,
      rmst: d.estimate,
      se: d.se,
    })
    const sizes = perStudy.map((x) => x.n)
    const other = standardisedRmst(
      pairs.map((x) => armRmst.get(x.other)!),
      sizes,
    )
    const reference = standardisedRmst(
      pairs.map((x) => armRmst.get(x.reference)!),
      sizes,
    )
    const s = rmstContrast(other, reference)
    comparisons.push({
      label: 'One-stage, stratified by study',
      method: 'one-stage',
      k: perStudy.length,
      diff: s.diff,
      diffLower: s.diffLower,
      diffUpper: s.diffUpper,
      p: s.diffP,
      ratio: s.ratio,
      ratioLower: s.ratioLower,
      ratioUpper: s.ratioUpper,
    })
    for (const [arm, r] of [
      [OTHER_ARM.toLowerCase(), other],
      [REFERENCE_ARM.toLowerCase(), reference],
    ] as const) {
      rows.push({
        kind: 'pooled',
        study: 'pooled',
        subgroup: null,
        arm: `${arm}, one-stage stratified`,
        tau,
        rmst: r.rmst,
        se: r.se,
      })
    }
    rows.push({
      kind: 'pooled',
      study: 'pooled',
      subgroup: null,
      arm: `${diffLabel}, one-stage stratified`,
      tau,
      rmst: s.diff,
      se: s.diffSe,
    })
  }

  // Pooled RMST of each subgroup's pooled curves (two-stage), and their differences.
  const bySubgroup = new Map<string | null, PreparedStudy[]>()
  for (const p of withIpd) {
    if (!pooledIpd(p)) continue
    const key = settings.subgroupBy ? p.subgroup : null
    bySubgroup.set(key, [...(bySubgroup.get(key) ?? []), p])
  }
  const pooledBySubgroup = new Map<string | null, RmaResult>()
  for (const [g, ps] of bySubgroup) {
    const fit = pool(
      ps.map((p) => {
        const r = armRmst.get(pooledIpd(p)!)!
        return { study: p.label, yi: r.rmst, sei: r.se > 0 ? r.se : null }
      }),
      settings,
    )
    pooledBySubgroup.set(g, fit)
    if (fit.k === 0) notes.push(`RMST, ${g ?? 'all studies'}: ${fit.notes.join('; ')}`)
    rows.push({
      kind: 'pooled',
      study: 'pooled',
      subgroup: g,
      arm: 'pooled curve, two-stage random effects',
      tau,
      rmst: fit.estimate,
      se: fit.se,
    })
  }

  // Subgroups compared through their pooled RMST: between studies, hence observational.
  const pooledGroups = [...pooledBySubgroup].filter(
    (x): x is [string, RmaResult] => x[0] !== null && x[1].estimate !== null,
  )
  if (pooledGroups.length >= 2) {
    const [[refLabel, refFit], ...others] = pooledGroups
    for (const [g, fit] of others) {
      const diff = (fit.estimate as number) - (refFit.estimate as number)
      const se = Math.sqrt((fit.se as number) ** 2 + (refFit.se as number) ** 2)
      comparisons.push({
        label: `${g} − ${refLabel}, pooled curves (${OBSERVATIONAL})`,
        method: 'observational',
        k: fit.k + refFit.k,
        ...waldDifference(diff, se),
        ratio: null,
        ratioLower: null,
        ratioUpper: null,
      })
    }
  }

  const curvesByArm: CombinedCurve[] = []
  if (pairs.length) {
    for (const [label, pick] of [
      [OTHER_ARM, (x: TwoArm) => x.other],
      [REFERENCE_ARM, (x: TwoArm) => x.reference],
    ] as const) {
      const arms = pairs.map(pick)
      curvesByArm.push({
        label,
        k: pairs.length,
        fit: kaplanMeier(
          arms.flatMap((a) => a.time),
          arms.flatMap((a) => a.event),
        ),
      })
    }
  }
  const curvesBySubgroup: CombinedCurve[] = [...bySubgroup].map(([g, ps]) => {
    const arms = ps.map((p) => pooledIpd(p)!)
    return {
      label: g ?? 'All studies',
      k: ps.length,
      fit: kaplanMeier(
        arms.flatMap((a) => a.time),
        arms.flatMap((a) => a.event),
      ),
    }
  })

  return {
    tau,
    tauDefault,
    tauSet: options.tau != null,
    cox,
    rmst: rows,
    rmstComparisons: comparisons,
    curvesByArm,
    curvesBySubgroup,
    notes,
  }
}
