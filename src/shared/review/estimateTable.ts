/**
 * The per-study and pooled table of one estimate per study: the median survival (with the
 * median read off each pooled curve beside the pooled median of the study medians) or the
 * hazard ratio.
 */
import type { CurveMedian } from '../meta'
import type { OutcomeAnalysis } from './analyseOutcome'
import type { PooledCurves } from './pooledCurves'
import type { PreparedStudy, StudySource } from './types'

export interface EstimateStudyRow {
  kind: 'study'
  index: number
  study: string
  subgroup: string | null
  n: number | null
  source: StudySource
  /** The median (time) or HR as reconstructed or published, with its CI as such (null: NR). */
  value: number | null
  lower: number | null
  upper: number | null
  method: string
  weight: number | null
  excluded: boolean
  reason: string | null
}

export interface EstimatePooledRow {
  kind: 'subgroup' | 'overall'
  subgroup: string | null
  label: string
  k: number
  value: number | null
  lower: number | null
  upper: number | null
  piLower: number | null
  piUpper: number | null
  tau2: number | null
  I2: number | null
  Q: number | null
  Q_p: number | null
  /** Medians only: the median read off the pooled curve (Combescure), with its CI. */
  curve: CurveMedian | null
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
  const order: (string | null)[] = []
  for (const s of studies) if (!order.includes(s.subgroup)) order.push(s.subgroup)
  const hasSubgroups = a.subgroups.length > 0
  const rows: EstimateTableRow[] = []
  for (const g of hasSubgroups ? order : [undefined]) {
    studies.forEach((p, i) => {
      if (g !== undefined && p.subgroup !== g) return
      const s = a.studies[i]
      const hr = a.kind === 'hr'
      rows.push({
        kind: 'study',
        index: p.index,
        study: p.label,
        subgroup: p.subgroup,
        n: p.n,
        source: p.source,
        value: hr ? (s.value ?? s.raw.value) : s.raw.value,
        lower: hr ? (s.raw.lower ?? s.lower) : s.raw.lower,
        upper: hr ? (s.raw.upper ?? s.upper) : s.raw.upper,
        method: s.method,
        weight: s.weight,
        excluded: s.excluded,
        reason: s.reason,
      })
    })
    if (g !== undefined) {
      const sub = a.subgroups.find((x) => x.subgroup === g)!
      rows.push({
        kind: 'subgroup',
        subgroup: g,
        label: g ?? 'No subgroup',
        k: sub.fit.k,
        value: sub.fit.pooled?.value ?? null,
        lower: sub.fit.pooled?.lower ?? null,
        upper: sub.fit.pooled?.upper ?? null,
        piLower: sub.prediction?.lower ?? null,
        piUpper: sub.prediction?.upper ?? null,
        tau2: sub.fit.tau2,
        I2: sub.fit.I2,
        Q: sub.fit.Q,
        Q_p: sub.fit.Q_p,
        curve: curveOf(g, false),
      })
    }
  }
  rows.push({
    kind: 'overall',
    subgroup: null,
    label: 'Overall',
    k: a.pool.k,
    value: a.pool.pooled?.value ?? null,
    lower: a.pool.pooled?.lower ?? null,
    upper: a.pool.pooled?.upper ?? null,
    piLower: a.prediction?.lower ?? null,
    piUpper: a.prediction?.upper ?? null,
    tau2: a.pool.tau2,
    I2: a.pool.I2,
    Q: a.pool.Q,
    Q_p: a.pool.Q_p,
    curve: curveOf(null, true),
  })
  return {
    outcome: a.kind === 'hr' ? 'hr' : 'median',
    timeUnit,
    rows,
    Q_between: a.pool.Q_between,
    Q_between_df: a.pool.Q_between_df,
    Q_between_p: a.pool.Q_between_p,
  }
}
