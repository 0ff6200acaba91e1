/**
 * A whole review from its studies and settings: the app's review view and `kmpool review` both
 * call this one function, so they give the same numbers.
 */
import type { ReviewSettings } from '../model/review'
import { type OutcomeAnalysis, type OutcomeSpec, analyseOutcome } from './analyseOutcome'
import { type EstimateTable, estimateTable } from './estimateTable'
import { type ExclusionRow, exclusions } from './exclusions'
import { type ForestPlotData, forestData } from './forestData'
import { type MethodsText, methodsText } from './methodsText'
import { timeText } from './numberText'
import { type OneStageResult, oneStage } from './oneStage'
import { oneStageMethods, withOneStageMethods } from './oneStageMethods'
import { type PooledCurves, pooledCurves } from './pooledCurves'
import { prepareStudy, ReviewCache } from './prepareStudy'
import { hazardRatioValue, medianValue, survivalValues, type StudyValue } from './studyEffects'
import { type SurvivalTable, survivalTable } from './survivalTable'
import type { PreparedStudy, ReviewInput, ReviewStudyInput } from './types'

export interface ReviewResult {
  title: string
  settings: ReviewSettings
  /** Every study of the review, in its order, with its status and, if left out, why. */
  studies: PreparedStudy[]
  /** Survival at each time, then the median, then the hazard ratio, as the settings ask. */
  outcomes: OutcomeAnalysis[]
  survivalTable: SurvivalTable
  medianTable: EstimateTable | null
  /** Null when no study has two arms or a published hazard ratio. */
  hrTable: EstimateTable | null
  curves: PooledCurves | null
  /** One per outcome, in the order of `outcomes`. */
  forest: ForestPlotData[]
  exclusions: ExclusionRow[]
  methods: MethodsText
  /** What shaped the models: single-study subgroups, curves cut short, and the like. */
  notes: string[]
  /** One-stage analyses of the reconstructed IPD (issue 16); null without reconstructed IPD. */
  oneStage: OneStageResult | null
}

export interface ComputeOptions {
  /** Reconstructions kept from earlier calls; pass the same cache to recompute fast. */
  cache?: ReviewCache
  /** kmpool's version, named in the methods text. */
  version?: string
  /**
   * The outcomes (by id: 'survival_60', 'median', 'hr') to run leave-one-out for; all when
   * absent. The app's view asks for the one it shows, so that a settings change returns sooner.
   */
  leaveOneOut?: (outcomeId: string) => boolean
  /** τ of the one-stage RMST for this call, over the settings' `rmstTau`; null or absent: theirs. */
  rmstTau?: number | null
}

/**
 * Prepares a study; one whose computation fails (a value its schema accepts but the arithmetic
 * cannot carry) is excluded with the reason, so that the rest of the review is still computed.
 */
function prepareOrExclude(
  entry: ReviewStudyInput,
  index: number,
  settings: ReviewSettings,
  cache: ReviewCache,
): PreparedStudy {
  try {
    return prepareStudy(entry, index, settings, cache)
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error)
    const loadError = `${entry.path}: its computation failed (${why})`
    return prepareStudy({ ...entry, study: null, loadError }, index, settings, cache)
  }
}

/**
 * Computes a review: prepares every study (reconstruction cached in `options.cache`), pools
 * survival at each of the settings' times, the median and, over the two-arm studies, the hazard
 * ratio, draws up the tables, forest plot data, pooled curves by subgroup, the exclusions with
 * their reasons and the methods text. Studies left out of the review as a whole (by the reviewer,
 * an unreadable file, no usable data) take part in no analysis and are listed in `exclusions`.
 */
export function computeReview(input: ReviewInput, options: ComputeOptions = {}): ReviewResult {
  const cache = options.cache ?? new ReviewCache()
  const settings = input.settings
  const all = input.studies.map((entry, i) => prepareOrExclude(entry, i, settings, cache))
  cache.sweep()
  const studies = all.filter((p) => p.excludedReason === null)
  const unit = settings.timeUnit
  const outcomes: OutcomeAnalysis[] = []

  const absent: ExclusionRow[] = []
  const notPart = (p: PreparedStudy, scope: string, what: string, reason: string) =>
    absent.push({ study: p.label, subgroup: p.subgroup, scope, what, action: 'note', reason })

  const survivalStudies = studies.filter((p) => p.fit !== null || p.published?.survival.length)
  if (settings.survivalTimes.length && survivalStudies.length) {
    for (const p of studies) {
      if (!survivalStudies.includes(p)) {
        notPart(
          p,
          'survival',
          'survival',
          'reports no survival at any time: not part of the survival analyses',
        )
      }
    }
    const perStudy = survivalStudies.map((p) => survivalValues(p, settings))
    settings.survivalTimes.forEach((t, j) => {
      const spec: OutcomeSpec = {
        kind: 'survival',
        time: t,
        title: `Survival at ${timeText(t)} ${unit}`,
      }
      outcomes.push(
        analyseOutcome(
          spec,
          survivalStudies,
          perStudy.map((v) => v[j]),
          settings,
          options.leaveOneOut?.(`survival_${t}`) ?? true,
        ),
      )
    })
  }
  const medianStudies = studies.filter(
    (p) => p.fit !== null || p.published?.median || p.published?.medianRange,
  )
  let median: OutcomeAnalysis | null = null
  if (settings.median && medianStudies.length) {
    for (const p of studies) {
      if (!medianStudies.includes(p)) {
        notPart(
          p,
          'median',
          'median survival',
          'reports no median: not part of the median analysis',
        )
      }
    }
    const spec: OutcomeSpec = { kind: 'median', time: null, title: 'Median survival' }
    const values = medianStudies.map((p) => medianValue(p, settings))
    median = analyseOutcome(
      spec,
      medianStudies,
      values,
      settings,
      options.leaveOneOut?.('median') ?? true,
    )
    outcomes.push(median)
  }
  let hr: { analysis: OutcomeAnalysis; studies: PreparedStudy[] } | null = null
  if (settings.hr) {
    const pairs = studies
      .map((p) => ({ p, v: hazardRatioValue(p) }))
      .filter((x): x is { p: PreparedStudy; v: StudyValue } => x.v !== null)
    if (pairs.length) {
      const spec: OutcomeSpec = { kind: 'hr', time: null, title: 'Hazard ratio' }
      const two = pairs.map((x) => x.p)
      hr = {
        analysis: analyseOutcome(
          spec,
          two,
          pairs.map((x) => x.v),
          settings,
          options.leaveOneOut?.('hr') ?? true,
        ),
        studies: two,
      }
      outcomes.push(hr.analysis)
    }
  }
  const curves = cache.memo(
    'curves',
    [
      settings.survivalTimes.join(),
      settings.curveStep,
      settings.subgroupBy,
      ...studies.flatMap((p) => [p.fit, JSON.stringify(p.published), p.label, p.subgroup, p.n]),
    ],
    () => pooledCurves(studies, settings),
  )
  const notes = [
    ...new Set([
      ...outcomes.flatMap((a) => a.pool.notes.map((n) => `${a.title}: ${n}`)),
      ...(curves?.groups.flatMap((g) =>
        g.curve.notes.map((n) => `Pooled curve, ${g.label}: ${n}`),
      ) ?? []),
    ]),
  ]
  // The one-stage models refit all patients: only when the IPD or what they use changed.
  const rmstTau = options.rmstTau ?? settings.rmstTau ?? null
  const one = cache.memo(
    'oneStage',
    [
      settings.method,
      settings.hksj,
      settings.subgroupBy,
      rmstTau,
      // A study without IPD (published numbers only) takes no part; its `ipd` is a new [] each time.
      ...studies
        .filter((p) => p.ipd.length)
        .flatMap((p) => [p.ipd, p.label, p.subgroup, p.cox, p.pooledArm]),
    ],
    () => oneStage(studies, settings, { tau: rmstTau }),
  )
  return {
    title: input.title,
    settings,
    studies: all,
    outcomes,
    survivalTable: survivalTable(
      outcomes.filter((a) => a.kind === 'survival'),
      survivalStudies,
      unit,
      curves,
    ),
    medianTable: median ? estimateTable(median, medianStudies, curves, unit) : null,
    hrTable: hr ? estimateTable(hr.analysis, hr.studies, null, unit) : null,
    curves,
    forest: outcomes.map((a) => forestData(a, settings)),
    exclusions: exclusions(all, outcomes, curves, absent),
    methods: withOneStageMethods(
      methodsText(settings, studies, outcomes, curves, options.version ?? ''),
      oneStageMethods(one, settings),
    ),
    notes,
    oneStage: one,
  }
}
