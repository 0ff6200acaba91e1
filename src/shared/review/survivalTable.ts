/**
 * The per-study and pooled survival table of a review, laid out as Table 5 of the review in
 * DESIGN.md section 1: one row per study with its number at risk and survival at each time, then
 * a pooled row per subgroup and one overall, with k, I² and τ².
 */
import type { OutcomeAnalysis } from './analyseOutcome'
import {
  groupedRows,
  type PooledStats,
  pooledStats,
  type StudyRowHead,
  studyRowHead,
} from './tableRows'
import type { PreparedStudy } from './types'

export interface SurvivalTableCell {
  time: number
  nRisk: number | null
  /** S(t) as reconstructed or published (proportion). */
  surv: number | null
  /** Greenwood's (reconstructed) or the published standard error of S. */
  se: number | null
  /** The Wald CI of the analysis scale, back-transformed (as the forest plot draws it). */
  lower: number | null
  upper: number | null
  /** Percent of the overall model's weight at this time; null when excluded. */
  weight: number | null
  method: string
  excluded: boolean
  /** Why excluded, or what was adjusted; null when nothing. */
  reason: string | null
}

export interface SurvivalStudyRow extends StudyRowHead {
  cells: SurvivalTableCell[]
}

export interface SurvivalPooledCell extends Omit<PooledStats, 'value'> {
  time: number
  surv: number | null
}

export interface SurvivalPooledRow {
  kind: 'subgroup' | 'overall'
  subgroup: string | null
  label: string
  cells: SurvivalPooledCell[]
}

export type SurvivalTableRow = SurvivalStudyRow | SurvivalPooledRow

export interface SurvivalTable {
  timeUnit: string
  times: number[]
  rows: SurvivalTableRow[]
}

function pooledCell(
  a: OutcomeAnalysis,
  fit: OutcomeAnalysis['pool'],
  pi: OutcomeAnalysis['prediction'],
): SurvivalPooledCell {
  const { k, value, ...rest } = pooledStats(fit, pi)
  return { time: a.time as number, k, surv: value, ...rest }
}

/**
 * Builds the table from the survival outcomes (one per time, in order) and the studies taking
 * part (in review order). Studies are grouped by subgroup in order of first appearance, each
 * block followed by its pooled row when the review has subgroups; the overall row comes last.
 */
export function survivalTable(
  outcomes: readonly OutcomeAnalysis[],
  studies: readonly PreparedStudy[],
  timeUnit: string,
): SurvivalTable {
  const times = outcomes.map((a) => a.time as number)
  const hasSubgroups = outcomes.length > 0 && outcomes[0].subgroups.length > 0
  const rows = groupedRows<SurvivalTableRow>(
    studies,
    hasSubgroups,
    (p, i) => ({
      ...studyRowHead(p),
      cells: outcomes.map((a) => {
        const s = a.studies[i]
        return {
          time: a.time as number,
          nRisk: s.raw.nRisk,
          surv: s.raw.value,
          se: s.raw.se,
          lower: s.lower,
          upper: s.upper,
          weight: s.weight,
          method: s.method,
          excluded: s.excluded,
          reason: s.reason,
        }
      }),
    }),
    (g) => ({
      kind: 'subgroup',
      subgroup: g,
      label: g ?? 'No subgroup',
      cells: outcomes.map((a) => {
        const sub = a.subgroups.find((x) => x.subgroup === g)!
        return pooledCell(a, sub.fit, sub.prediction)
      }),
    }),
  )
  rows.push({
    kind: 'overall',
    subgroup: null,
    label: 'Overall',
    cells: outcomes.map((a) => pooledCell(a, a.pool, a.prediction)),
  })
  return { timeUnit, times, rows }
}
