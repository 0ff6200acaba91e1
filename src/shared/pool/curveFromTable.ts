import { InputError } from '../formats/inputError'
import { cellNumber, columnIndex, type Table } from '../formats/table'
import {
  type CombescureStudy,
  type CombescureStudyRecord,
  combescureCurve,
  combescureStudiesFromRows,
  type CurveRow,
} from '../meta'
import { kaplanMeier, survivalAt } from '../survival'
import { ipdStudies, isIpd } from './effectsFromTable'

/** The JSON of `kmpool pool --outcome curve --json` (DESIGN.md section 3). */
export interface PooledCurveResult {
  method: string
  curve: { time: number; surv: number; lower: number; upper: number; k: number }[]
  median: { estimate: number | null; lower: number | null; upper: number | null }
  studies: CombescureStudyRecord[]
  notes: string[]
}

/** Survival values above this are percentages (DESIGN.md section 3). */
const PERCENT_THRESHOLD = 1.5
/** Grid points when IPD is pooled without `times`, as the review's pooled curves. */
const DEFAULT_GRID_POINTS = 20

function rowsFromTable(table: Table): CurveRow[] {
  const expected = 'study,time,surv,n_risk'
  if (!table.header) {
    throw new InputError(
      table.source,
      1,
      `the first row must be a header; expected columns ${expected}`,
    )
  }
  const col = (name: string, aliases: string[] = []): number => {
    const c = columnIndex(table, [name, ...aliases], null)
    if (c < 0)
      throw new InputError(table.source, 1, `no "${name}" column; expected columns ${expected}`)
    return c
  }
  const sc = col('study')
  const tc = col('time')
  const vc = col('surv', ['survival'])
  const nc = col('n_risk', ['n.risk', 'nrisk'])
  const values = table.rows.map((_, r) => cellNumber(table, r, vc, 'surv'))
  const scale = values.some((v) => v > PERCENT_THRESHOLD) ? 100 : 1
  const seen = new Set<string>()
  return table.rows.map((row, r) => {
    const line = table.lines[r]
    const study = row[sc]
    const time = cellNumber(table, r, tc, 'time')
    const surv = values[r] / scale
    const nRisk = cellNumber(table, r, nc, 'n_risk')
    if (study === '') throw new InputError(table.source, line, 'the study is empty')
    if (time < 0) throw new InputError(table.source, line, `time ${time} is negative`)
    if (surv < 0 || surv > 1) {
      throw new InputError(
        table.source,
        line,
        `survival ${values[r]} is outside 0 to ${scale === 100 ? '100%' : '1'}`,
      )
    }
    if (nRisk < 0) throw new InputError(table.source, line, `n_risk ${nRisk} is negative`)
    const key = `${study}\u0000${time}`
    if (seen.has(key)) {
      throw new InputError(table.source, line, `study "${study}" has a second row at time ${time}`)
    }
    seen.add(key)
    return { study, time, surv, nRisk }
  })
}

/**
 * A study's survival and numbers at risk on the grid from its IPD: S at each grid time up to its
 * last follow-up time (unknown after it unless everyone has died), the number at risk from the
 * Kaplan–Meier fit, as the review's pooled curves take them.
 */
function ipdInput(
  study: string,
  time: number[],
  event: number[],
  grid: readonly number[],
): CombescureStudy {
  const fit = kaplanMeier(time, event)
  const last = Math.max(...time)
  const at = survivalAt(fit, grid)
  return {
    study,
    n: fit.n,
    surv: at.map((a, j) => (grid[j] <= last || a.surv === 0 ? a.surv : null)),
    nRisk: at.map((a) => a.nRisk),
  }
}

/**
 * The pooled survival curve of `kmpool pool --outcome curve` (Combescure et al. 2014 as
 * `RISCA::survival.summary` computes it; `combescureCurve`) from a table in RISCA's layout,
 * `study,time,surv,n_risk` (n_risk = at risk at the start of the interval that ends at `time`;
 * survival as proportions or percentages), or from IPD with a `study` column on `times` (by
 * default 20 equal steps up to the last follow-up time of any study). Throws InputError for
 * malformed input; what the method could not use is in `notes` and `studies`.
 */
export function pooledCurveFromTable(table: Table, times?: readonly number[]): PooledCurveResult {
  if (table.rows.length === 0) throw new InputError(table.source, null, 'no data rows')
  const notes: string[] = []
  let grid: number[]
  let studies: CombescureStudy[]
  if (isIpd(table)) {
    if (columnIndex(table, ['study'], null) < 0) {
      throw new InputError(table.source, 1, 'IPD for a pooled curve needs a "study" column')
    }
    const ipd = ipdStudies(table, undefined)
    if (times && times.length) {
      grid = [...times]
    } else {
      const end = Math.max(...ipd.flatMap((s) => s.time))
      if (!(end > 0)) throw new InputError(table.source, null, 'every time is 0: no curve to pool')
      grid = Array.from(
        { length: DEFAULT_GRID_POINTS },
        (_, j) => Math.round(((j + 1) * end * 1e9) / DEFAULT_GRID_POINTS) / 1e9,
      )
      notes.push(
        `time grid: ${DEFAULT_GRID_POINTS} equal steps of ${grid[0]} up to ${end}, the last follow-up time (choose it with --times)`,
      )
    }
    studies = ipd.map((s) => ipdInput(s.study, s.time, s.event, grid))
  } else {
    if (times && times.length) {
      throw new InputError(
        table.source,
        null,
        '--times applies to IPD; a survival table pools at the times it gives',
      )
    }
    const rows = rowsFromTable(table)
    const fromRows = combescureStudiesFromRows(rows)
    grid = fromRows.times
    studies = fromRows.studies
    notes.push(...fromRows.notes)
    if (rows.some((r) => r.time === 0))
      notes.push('rows at time 0 carry no interval and were not used')
    if (!grid.length) throw new InputError(table.source, null, 'no row with a time above 0')
  }
  const c = combescureCurve(grid, studies)
  notes.push(...c.notes)
  return {
    method:
      'Combescure et al. 2014 as RISCA survival.summary: corrected arcsine of conditional survival, method-of-moments random effects, log-scale 95% CI; median by linear interpolation, its CI from 10,000 simulated curves',
    curve: c.times.map((time, j) => ({
      time,
      surv: c.surv[j],
      lower: c.lower[j],
      upper: c.upper[j],
      k: c.k[j],
    })),
    median: { estimate: c.median.median, lower: c.median.lower, upper: c.median.upper },
    studies: c.studies,
    notes,
  }
}
