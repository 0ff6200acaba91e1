/**
 * The per-study and pooled table of one estimate per study: the median survival (with the
 * median read off each pooled curve beside the pooled median of the study medians) or the
 * hazard ratio.
 */
import { type CurveMedian, type MedianOfMedians, medianOfMedians } from '../meta'
import type { OutcomeAnalysis } from './analyseOutcome'
import type { PooledCurves } from './pooledCurves'
import {
  groupedRows,
  type PooledStats,
  pooledStats,
  type StudyRowHead,
  studyRowHead,
} from './tableRows'
import type { PreparedStudy } from './types'

export interface EstimateStudyRow extends StudyRowHead {
  /** The median (time) or HR as reconstructed or published, with its CI as such (null: NR). */
  value: number | null
  lower: number | null
  upper: number | null
  method: string
  weight: number | null
  excluded: boolean
  reason: string | null
}

export interface EstimatePooledRow extends PooledStats {
  kind: 'subgroup' | 'overall'
  subgroup: string | null
  label: string
  /** Medians only: the median read off the pooled curve (Combescure), with its CI. */
  curve: CurveMedian | null
  /**
   * Medians only: the median of the study medians weighted by their sizes, with its CI (R's
   * metamedian "wm"); it needs no variance. Null for hazard ratios or without medians.
   */
  medianOfMedians: MedianOfMedians | null
  /**
   * Medians only: studies whose median is not reached (the curve stays above 50%), left out of
   * both pools; being the best-surviving ones, they pull the pooled median down by their absence.
   */
  notReached: number
}

export type EstimateTableRow = EstimateStudyRow | EstimatePooledRow

export interface EstimateTable {
  outcome: 'median' | 'hr'
  timeUnit: string
  rows: EstimateTableRow[]
  /** Medians only: the test for subgroup differences. */
  Q_between: number | null
  Q_between_df: number | null
  Q_between_p: number | null
}

/**
 * Builds the table of one outcome from its analysis, the studies taking part (in the analysis'
 * order) and, for medians, the pooled curves. Grouped by subgroup as the survival table is.
 */
export function estimateTable(
  a: OutcomeAnalysis,
  studies: readonly PreparedStudy[],
  curves: PooledCurves | null,
  timeUnit: string,
): EstimateTable {
  const curveOf = (g: string | null, overall: boolean): CurveMedian | null => {
    if (a.kind !== 'median' || !curves) return null
    const group = curves.groups.find((c) => c.overall === overall && (overall || c.subgroup === g))
    return group?.curve.median ?? null
  }
  const hr = a.kind === 'hr'
  const members = (g: string | null, overall: boolean) =>
    a.studies.filter((s) => overall || s.subgroup === g)
  const mom = (g: string | null, overall: boolean): MedianOfMedians | null => {
    if (hr) return null
    const m = members(g, overall).filter((s) => s.raw.value !== null)
    const weighted = m.every((s) => s.n !== null && s.n > 0)
    return medianOfMedians(
      m.map((s) => s.raw.value as number),
      weighted ? m.map((s) => s.n as number) : undefined,
    )
  }
  const notReached = (g: string | null, overall: boolean): number =>
    hr ? 0 : members(g, overall).filter((s) => /not reached/.test(s.reason ?? '')).length
  const rows = groupedRows<EstimateTableRow>(
    studies,
    a.subgroups.length > 0,
    (p, i) => {
      const s = a.studies[i]
      return {
        ...studyRowHead(p),
        value: hr ? (s.value ?? s.raw.value) : s.raw.value,
        lower: hr ? (s.raw.lower ?? s.lower) : s.raw.lower,
        upper: hr ? (s.raw.upper ?? s.upper) : s.raw.upper,
        method: s.method,
        weight: s.weight,
        excluded: s.excluded,
        reason: s.reason,
      }
    },
    (g) => {
      const sub = a.subgroups.find((x) => x.subgroup === g)!
      return {
        kind: 'subgroup',
        subgroup: g,
        label: g ?? 'No subgroup',
        ...pooledStats(sub.fit, sub.prediction),
        curve: curveOf(g, false),
        medianOfMedians: mom(g, false),
        notReached: notReached(g, false),
      }
    },
  )
  rows.push({
    kind: 'overall',
    subgroup: null,
    label: 'Overall',
    ...pooledStats(a.pool, a.prediction),
    curve: curveOf(null, true),
    medianOfMedians: mom(null, true),
    notReached: notReached(null, true),
  })
  return {
    outcome: hr ? 'hr' : 'median',
    timeUnit,
    rows,
    Q_between: a.pool.Q_between,
    Q_between_df: a.pool.Q_between_df,
    Q_between_p: a.pool.Q_between_p,
  }
}
