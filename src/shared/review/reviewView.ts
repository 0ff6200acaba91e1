/**
 * What the app's review view shows of a computed review: the tables, exclusions and methods as
 * computed, the study statuses, each outcome's leave-one-out and Egger's test, and the figures of
 * one chosen outcome as SVG. The reconstructed IPD and the curve fits stay in main: they are large
 * and the view draws nothing from them.
 */
import { type Figure, forestPlot, funnelPlot, pooledCurvesPlot } from '../figures'
import type { EggerTest } from '../meta'
import type { ReviewResult } from './computeReview'
import type { EstimateTable } from './estimateTable'
import type { ExclusionRow } from './exclusions'
import { methodsMarkdown } from './methodsText'
import type { SurvivalTable } from './survivalTable'
import type { LeaveOneOutEntry, OutcomeKind } from './analyseOutcome'
import { type OneStageView, oneStageView } from './oneStageView'
import type { PreparedStudy } from './types'

/** A study as the view lists it; `label` is the study's own, else its file name. */
export interface ReviewStudyView extends Pick<
  PreparedStudy,
  | 'index'
  | 'path'
  | 'label'
  | 'subgroup'
  | 'included'
  | 'excludedReason'
  | 'status'
  | 'source'
  | 'n'
> {
  /** The study file's own label and subgroup, as the table edits them; null when unreadable. */
  record: { label: string; subgroup: string } | null
}

export interface OutcomeView {
  id: string
  kind: OutcomeKind
  title: string
  k: number
  leaveOneOut: LeaveOneOutEntry[]
  leaveOneOutNote: string | null
  egger: EggerTest | null
  smallStudyNote: string | null
}

export interface ReviewFigures {
  forest: Figure | null
  funnel: Figure | null
  curves: Figure | null
}

export interface ReviewView {
  title: string
  studies: ReviewStudyView[]
  outcomes: OutcomeView[]
  survivalTable: SurvivalTable
  medianTable: EstimateTable | null
  hrTable: EstimateTable | null
  exclusions: ExclusionRow[]
  notes: string[]
  /** The methods paragraph and its references, as methods.md has them. */
  methods: string
  /** The outcome `figures` belongs to; null when none was asked for or it does not exist. */
  figureOutcome: string | null
  figures: ReviewFigures
  /** The one-stage section (issue 16); null without reconstructed IPD. */
  oneStage: OneStageView | null
}

function studyView(p: PreparedStudy, record: ReviewStudyView['record']): ReviewStudyView {
  return {
    index: p.index,
    path: p.path,
    label: p.label,
    subgroup: p.subgroup,
    included: p.included,
    excludedReason: p.excludedReason,
    status: p.status,
    source: p.source,
    n: p.n,
    record,
  }
}

/** The pooled curves figure, when any group has a curve: the figure `kmpool review` writes. */
export function pooledCurvesFigure(result: ReviewResult): Figure | null {
  if (!result.curves?.groups.some((g) => g.curve.times.length)) return null
  return pooledCurvesPlot(result.curves, { timeUnit: result.settings.timeUnit })
}

/**
 * The view of `result`, with the forest and funnel plots of outcome `figure` (when it exists).
 * `records` gives each study's file record by position, null where the file was unreadable.
 */
export function reviewView(
  result: ReviewResult,
  records: readonly ReviewStudyView['record'][],
  figure: string | null,
): ReviewView {
  const index = result.outcomes.findIndex((a) => a.id === figure)
  const chosen = index < 0 ? null : result.outcomes[index]
  return {
    title: result.title,
    studies: result.studies.map((p, i) => studyView(p, records[i] ?? null)),
    outcomes: result.outcomes.map((a) => ({
      id: a.id,
      kind: a.kind,
      title: a.title,
      k: a.pool.k,
      leaveOneOut: a.leaveOneOut,
      leaveOneOutNote: a.leaveOneOutNote,
      egger: a.egger,
      smallStudyNote: a.smallStudyNote,
    })),
    survivalTable: result.survivalTable,
    medianTable: result.medianTable,
    hrTable: result.hrTable,
    exclusions: result.exclusions,
    notes: result.notes,
    methods: methodsMarkdown(result.methods, result.title),
    figureOutcome: chosen?.id ?? null,
    figures: {
      forest: chosen ? forestPlot(result.forest[index]) : null,
      funnel: chosen?.funnel
        ? funnelPlot({
            funnel: chosen.funnel,
            egger: chosen.egger,
            scaleLabel: chosen.scaleLabel,
            title: chosen.title,
          })
        : null,
      curves: pooledCurvesFigure(result),
    },
    oneStage: oneStageView(result),
  }
}
