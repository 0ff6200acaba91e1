/**
 * What the survival table and the median and hazard-ratio tables share: the identifying columns
 * of a study's row, the statistics of a pooled fit, and the layout of studies grouped by subgroup,
 * each block followed by its pooled row, the overall row last.
 */
import type { OutcomeAnalysis } from './analyseOutcome'
import type { PreparedStudy, StudySource } from './types'

/** The columns a study's row of either table starts with. */
export interface StudyRowHead {
  kind: 'study'
  index: number
  study: string
  subgroup: string | null
  n: number | null
  source: StudySource
}

export function studyRowHead(p: PreparedStudy): StudyRowHead {
  return {
    kind: 'study',
    index: p.index,
    study: p.label,
    subgroup: p.subgroup,
    n: p.n,
    source: p.source,
  }
}

/** A pooled fit's estimate, CI, prediction interval and heterogeneity. */
export interface PooledStats {
  k: number
  value: number | null
  lower: number | null
  upper: number | null
  piLower: number | null
  piUpper: number | null
  tau2: number | null
  /** τ²'s 95% CI (Q-profile). */
  tau2Lower: number | null
  tau2Upper: number | null
  I2: number | null
  Q: number | null
  Q_p: number | null
}

export function pooledStats(
  fit: OutcomeAnalysis['pool'],
  pi: OutcomeAnalysis['prediction'],
): PooledStats {
  return {
    k: fit.k,
    value: fit.pooled?.value ?? null,
    lower: fit.pooled?.lower ?? null,
    upper: fit.pooled?.upper ?? null,
    piLower: pi?.lower ?? null,
    piUpper: pi?.upper ?? null,
    tau2: fit.tau2,
    tau2Lower: fit.tau2_ci_lower,
    tau2Upper: fit.tau2_ci_upper,
    I2: fit.I2,
    Q: fit.Q,
    Q_p: fit.Q_p,
  }
}

/**
 * The rows of a table but the overall one: the studies (in review order) grouped by subgroup in
 * order of first appearance, each block followed by its pooled row when the review has subgroups;
 * without subgroups, the studies alone. `studyRow` gets the study and its position in `studies`.
 */
export function groupedRows<R>(
  studies: readonly PreparedStudy[],
  hasSubgroups: boolean,
  studyRow: (p: PreparedStudy, i: number) => R,
  subgroupRow: (g: string | null) => R,
): R[] {
  const order: (string | null)[] = []
  for (const s of studies) if (!order.includes(s.subgroup)) order.push(s.subgroup)
  const rows: R[] = []
  for (const g of hasSubgroups ? order : [undefined]) {
    studies.forEach((p, i) => {
      if (g !== undefined && p.subgroup !== g) return
      rows.push(studyRow(p, i))
    })
    if (g !== undefined) rows.push(subgroupRow(g))
  }
  return rows
}
