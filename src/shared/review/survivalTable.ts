/**
 * The per-study and pooled survival table of a review, laid out as Table 5 of the review in
 * DESIGN.md section 1: one row per study with its number at risk and survival at each time, then
 * a pooled row per subgroup and one overall, with k, I² and τ².
 */
import type { CombescureCurve } from '../meta'
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
  /**
   * The pooled curve's S at this time (Combescure, one model over all times, non-increasing by
   * construction); null when the time is not on the curve's grid or there is no curve.
   */
  curveSurv: number | null
  /** The studies pooled here are not those pooled at the previous time (one left or joined). */
  studiesChanged: boolean
  /** The pointwise pooled survival is higher than at the previous time. */
  rises: boolean
}

export interface SurvivalPooledRow {
  /** 'sensitivity': the overall fit without the continuity-corrected studies. */
  kind: 'subgroup' | 'overall' | 'sensitivity'
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
  curve: CombescureCurve | null,
): SurvivalPooledCell {
  const { k, value, ...rest } = pooledStats(fit, pi)
  const t = a.time as number
  const j = curve ? curve.times.findIndex((x) => Math.abs(x - t) <= 1e-9 * Math.max(1, t)) : -1
  return {
    time: t,
    k,
    surv: value,
    ...rest,
    curveSurv: j >= 0 ? curve!.surv[j] : null,
    studiesChanged: false,
    rises: false,
  }
}

/**
 * Marks, along a pooled row, each time whose set of pooled studies differs from the previous
 * time's and each time whose pooled survival is higher than the previous one: pointwise pools
 * of different studies need not decrease, and the table says so rather than showing a curve
 * that rises without comment.
 */
function markChanges(cells: SurvivalPooledCell[], fits: OutcomeAnalysis['pool'][]): void {
  const pooled = (f: OutcomeAnalysis['pool']) =>
    f.studies
      .filter((s) => !s.excluded)
      .map((s) => s.study)
      .sort()
      .join('\u0000')
  for (let i = 1; i < cells.length; i++) {
    cells[i].studiesChanged = pooled(fits[i]) !== pooled(fits[i - 1])
    const a = cells[i - 1].surv
    const b = cells[i].surv
    cells[i].rises = a !== null && b !== null && b > a
  }
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
  curves: PooledCurves | null = null,
): SurvivalTable {
  const curveOf = (g: string | null, overall: boolean): CombescureCurve | null =>
    curves?.groups.find((c) => c.overall === overall && (overall || c.subgroup === g))?.curve ??
    null
  const row = (
    fits: OutcomeAnalysis['pool'][],
    pis: OutcomeAnalysis['prediction'][],
    curve: CombescureCurve | null,
  ): SurvivalPooledCell[] => {
    const cells = outcomes.map((a, i) => pooledCell(a, fits[i], pis[i], curve))
    markChanges(cells, fits)
    return cells
  }
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
      cells: row(
        outcomes.map((a) => a.subgroups.find((x) => x.subgroup === g)!.fit),
        outcomes.map((a) => a.subgroups.find((x) => x.subgroup === g)!.prediction),
        curveOf(g, false),
      ),
    }),
  )
  rows.push({
    kind: 'overall',
    subgroup: null,
    label: 'Overall',
    cells: row(
      outcomes.map((a) => a.pool),
      outcomes.map((a) => a.prediction),
      curveOf(null, true),
    ),
  })
  // A sensitivity row when a correction took part at any time; at the other times it repeats
  // the overall fit, which has no corrected study to leave out.
  if (outcomes.some((a) => a.withoutCorrected)) {
    rows.push({
      kind: 'sensitivity',
      subgroup: null,
      label: 'Overall without corrected studies',
      cells: row(
        outcomes.map((a) => a.withoutCorrected?.pool ?? a.pool),
        outcomes.map((a) => (a.withoutCorrected ? a.withoutCorrected.prediction : a.prediction)),
        null,
      ),
    })
  }
  return { timeUnit, times, rows }
}
