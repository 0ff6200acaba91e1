/**
 * One outcome of a review (survival at a time, the median, the hazard ratio) pooled with
 * `poolEffects` (what `kmpool pool --json` reports), with a full fit per subgroup, each study's
 * estimate and CI on the natural scale, leave-one-out, the funnel plot and Egger's test.
 */
import type { ReviewSettings } from '../model/review'
import {
  backTransformInterval,
  backTransformMedian,
  eggerTest,
  type EggerTest,
  funnelData,
  type FunnelData,
  leaveOneOut,
} from '../meta'
import { normalQuantile } from '../distributions'
import {
  type MethodEffect,
  poolEffects,
  type PooledValue,
  type PoolResult,
  type PoolScale,
} from '../pool'
import type { StudyValue } from './studyEffects'
import type { PreparedStudy } from './types'

export type OutcomeKind = 'survival' | 'median' | 'hr'

/** One study's row of an outcome: its natural-scale estimate and how it was pooled. */
export interface OutcomeStudy {
  /** Position of the study in the review. */
  index: number
  study: string
  subgroup: string | null
  n: number | null
  /** Survival (proportion), median (time) or HR, with the Wald CI of the analysis scale. */
  value: number | null
  lower: number | null
  upper: number | null
  /** The numbers as reconstructed or published, before any transform. */
  raw: StudyValue
  yi: number | null
  vi: number | null
  /** Share of the overall model's total weight, percent; null when excluded. */
  weight: number | null
  excluded: boolean
  /** Why excluded, or what was adjusted (a continuity correction); null when nothing. */
  reason: string | null
  method: string
}

export interface OutcomeSubgroup {
  subgroup: string | null
  /** The subgroup's own fit, as `poolEffects` gives it for its studies alone. */
  fit: PoolResult
  /** Prediction interval on the natural scale; null when the fit has none. */
  prediction: { lower: number; upper: number } | null
}

export interface LeaveOneOutEntry {
  /** The study left out. */
  study: string
  pooled: PooledValue | null
  tau2: number | null
  I2: number | null
}

export interface OutcomeAnalysis {
  /** 'survival_12', 'median', 'hr': names files and keys. */
  id: string
  kind: OutcomeKind
  /** Survival only: the time, in the review's unit. */
  time: number | null
  title: string
  /** The analysis scale, in words, for the funnel plot's axis. */
  scaleLabel: string
  pool: PoolResult
  /** The overall prediction interval on the natural scale. */
  prediction: { lower: number; upper: number } | null
  studies: OutcomeStudy[]
  /** Per subgroup, in order of first appearance; empty without a subgroup variable. */
  subgroups: OutcomeSubgroup[]
  leaveOneOut: LeaveOneOutEntry[]
  /** Why there is no leave-one-out analysis; null when there is one. */
  leaveOneOutNote: string | null
  egger: EggerTest | null
  funnel: FunnelData | null
  /** Why there is no funnel plot, or a caution about Egger's test; null otherwise. */
  smallStudyNote: string | null
  /**
   * Survival only, a sensitivity analysis: the overall fit without the studies whose S = 0 or 1
   * was continuity-corrected; null when no pooled study was corrected.
   */
  withoutCorrected: { pool: PoolResult; prediction: { lower: number; upper: number } | null } | null
}

export interface OutcomeSpec {
  kind: OutcomeKind
  time: number | null
  title: string
}

/** The scale `poolEffects` names for an outcome under the review's settings. */
export function poolScale(kind: OutcomeKind, settings: ReviewSettings): PoolScale {
  if (kind === 'survival') return settings.scale
  if (kind === 'median') return settings.medianScale === 'raw' ? 'identity' : 'log'
  return 'log'
}

function scaleLabel(spec: OutcomeSpec, settings: ReviewSettings, unit: string): string {
  if (spec.kind === 'hr') return 'log hazard ratio'
  if (spec.kind === 'median') {
    return settings.medianScale === 'raw' ? `median (${unit})` : `log median (${unit})`
  }
  const s = `S(${spec.time} ${unit})`
  switch (settings.scale) {
    case 'identity':
      return s
    case 'log':
      return `log ${s}`
    case 'cloglog':
      return `log(−log ${s})`
    case 'logit':
      return `logit ${s}`
    case 'arcsine':
      return `arcsin √${s}`
  }
}

/** An estimate and CI limits on the analysis scale, back on the natural one. */
export function toNatural(
  kind: OutcomeKind,
  settings: ReviewSettings,
  estimate: number,
  lower: number,
  upper: number,
): PooledValue {
  if (kind === 'survival') return backTransformInterval(estimate, lower, upper, settings.scale)
  if (kind === 'median') return backTransformMedian(estimate, lower, upper, settings.medianScale)
  return { value: Math.exp(estimate), lower: Math.exp(lower), upper: Math.exp(upper) }
}

function prediction(
  kind: OutcomeKind,
  settings: ReviewSettings,
  fit: PoolResult,
): { lower: number; upper: number } | null {
  if (fit.estimate === null || fit.pi_lower === null || fit.pi_upper === null) return null
  const p = toNatural(kind, settings, fit.estimate, fit.pi_lower, fit.pi_upper)
  return { lower: p.lower, upper: p.upper }
}

/** Studies needed for leave-one-out, a funnel plot and Egger's test (two coefficients and τ²). */
const MIN_K_SMALL_STUDY = 3
/** Below this, Egger's test has little power (Sterne et al. 2011, BMJ 343:d4002). */
const EGGER_POWER_K = 10

/**
 * Pools one outcome. `values` are the participating studies' values (in `studies` order) as
 * `studyEffects` gives them. The overall fit is `poolEffects` with subgroups when the review has
 * a subgroup variable; each subgroup is also fitted alone, for its prediction interval and
 * heterogeneity test. Leave-one-out, the funnel plot and Egger's test need k ≥ 3 pooled studies;
 * the note says why they are missing, or, for k < 10, that Egger's test has little power.
 * `withLeaveOneOut` false skips leave-one-out (k refits, the costliest part): a view that shows
 * it for one outcome at a time need not wait for the others.
 */
export function analyseOutcome(
  spec: OutcomeSpec,
  studies: readonly PreparedStudy[],
  values: readonly StudyValue[],
  settings: ReviewSettings,
  withLeaveOneOut = true,
): OutcomeAnalysis {
  const effects: MethodEffect[] = values.map((v) => v.effect)
  const scale = poolScale(spec.kind, settings)
  const poolSettings = {
    outcome: spec.kind,
    ...(spec.time === null ? {} : { time: spec.time }),
    method: settings.method,
    hksj: settings.hksj,
    rangeMethod: settings.rangeMethod,
    zeroSurvival: settings.zeroSurvival,
  }
  const pool = poolEffects(
    effects,
    settings.subgroupBy ? { ...poolSettings, by: settings.subgroupBy } : poolSettings,
    scale,
  )
  const z = -normalQuantile(0.025)
  const rows: OutcomeStudy[] = pool.studies.map((s, i) => {
    const natural =
      s.yi === null || s.vi === null || s.excluded
        ? null
        : toNatural(
            spec.kind,
            settings,
            s.yi,
            s.yi - z * Math.sqrt(s.vi),
            s.yi + z * Math.sqrt(s.vi),
          )
    return {
      index: studies[i].index,
      study: s.study,
      subgroup: studies[i].subgroup,
      n: studies[i].n,
      value: natural?.value ?? null,
      lower: natural?.lower ?? null,
      upper: natural?.upper ?? null,
      raw: values[i],
      yi: s.yi,
      vi: s.vi,
      weight: s.weight,
      excluded: s.excluded,
      reason: s.reason,
      method: s.method,
    }
  })

  const subgroups: OutcomeSubgroup[] = []
  if (settings.subgroupBy) {
    const order: (string | null)[] = []
    for (const s of studies) if (!order.includes(s.subgroup)) order.push(s.subgroup)
    for (const g of order) {
      const members = effects.filter((_, i) => studies[i].subgroup === g)
      const fit = poolEffects(members, poolSettings, scale)
      subgroups.push({ subgroup: g, fit, prediction: prediction(spec.kind, settings, fit) })
    }
  }

  const options = {
    method: settings.method,
    test: settings.hksj ? ('knha' as const) : ('z' as const),
  }
  const enough = pool.k >= MIN_K_SMALL_STUDY
  const loo =
    enough && withLeaveOneOut
      ? leaveOneOut(effects, options).map((r) => ({
          study: r.study,
          pooled:
            r.estimate === null || r.ci_lower === null || r.ci_upper === null
              ? null
              : toNatural(spec.kind, settings, r.estimate, r.ci_lower, r.ci_upper),
          tau2: r.tau2,
          I2: r.I2,
        }))
      : []
  const egger = enough ? eggerTest(effects, options) : null
  const funnel = enough && pool.estimate !== null ? funnelData(effects, pool.estimate) : null
  const smallStudyNote = !enough
    ? `a funnel plot and Egger's test need at least ${MIN_K_SMALL_STUDY} pooled studies (k = ${pool.k})`
    : pool.k < EGGER_POWER_K
      ? `with fewer than ${EGGER_POWER_K} studies (k = ${pool.k}) Egger's test has little power to detect asymmetry (Sterne et al. 2011)`
      : null
  const unit = settings.timeUnit
  const corrected = pool.studies.map(
    (s) => !s.excluded && s.method.startsWith('continuity-corrected'),
  )
  let withoutCorrected: OutcomeAnalysis['withoutCorrected'] = null
  if (spec.kind === 'survival' && corrected.some(Boolean)) {
    const fit = poolEffects(
      effects.filter((_, i) => !corrected[i]),
      poolSettings,
      scale,
    )
    withoutCorrected = { pool: fit, prediction: prediction(spec.kind, settings, fit) }
  }
  return {
    id: spec.kind === 'survival' ? `survival_${spec.time}` : spec.kind,
    kind: spec.kind,
    time: spec.time,
    title: spec.title,
    scaleLabel: scaleLabel(spec, settings, unit),
    pool,
    prediction: prediction(spec.kind, settings, pool),
    studies: rows,
    subgroups,
    leaveOneOut: loo,
    leaveOneOutNote: !enough
      ? `leave-one-out needs at least ${MIN_K_SMALL_STUDY} pooled studies (k = ${pool.k})`
      : withLeaveOneOut
        ? null
        : 'not computed for this view',
    egger,
    funnel,
    smallStudyNote,
    withoutCorrected,
  }
}
