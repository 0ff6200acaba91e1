/** The CSV files a study exports, from the app and from `kmpool reconstruct --study` alike. */
import { formatIpdCsv } from '../formats/ipdFile'
import { csvCell } from '../formats/table'
import type { Study } from '../model/study'
import type { StudyReconstruction } from './reconstructStudy'

/**
 * Every reconstructed curve's patients in one file, the curve's name in the `arm` column. Times
 * to ten significant digits: the reconstruction's times without the float noise of the pixel to
 * data mapping (31.3529, not 31.352899999999998), far below a figure's resolution.
 */
export function studyIpdCsv(result: StudyReconstruction): string {
  return formatIpdCsv(
    result.curves.flatMap((c) =>
      c.status === 'done'
        ? c.ipd.map((r) => ({
            time: Number(r.time.toPrecision(10)),
            event: r.event,
            arm: c.name,
          }))
        : [],
    ),
  )
}

const SUMMARY_COLUMNS = [
  'study',
  'subgroup',
  'outcome',
  'arm',
  'n',
  'events',
  'median',
  'median_lower',
  'median_upper',
  'years',
  'time',
  'surv',
  'se',
  'lower',
  'upper',
  'n_risk',
  'rmse',
  'max_abs',
  'hr',
  'hr_lower',
  'hr_upper',
  'p_logrank',
  'hr_reference',
] as const

type SummaryRow = Record<(typeof SUMMARY_COLUMNS)[number], string | number | null>

const cell = csvCell

/**
 * One row per reconstructed curve and year (1–5, within follow-up; one row without a time when
 * follow-up ends before a year), in the column names the pooling inputs use: `study, subgroup,
 * time, surv, n_risk, se` for survival, `median, lower, upper` for medians. The hazard ratio of
 * the second curve against the first sits on the second curve's rows. Empty cells are missing
 * values (a median not reached).
 */
export function studySummaryCsv(result: StudyReconstruction, record: Study['record']): string {
  const study = record.label || record.citation
  const rows: SummaryRow[] = []
  const comparison = result.comparison
  for (const c of result.curves) {
    if (c.status !== 'done') continue
    const s = c.summary
    const hr = comparison?.otherId === c.id ? comparison : null
    const base = {
      study,
      subgroup: record.subgroup,
      outcome: record.outcome,
      arm: c.name,
      n: s.n,
      events: s.events,
      median: s.median,
      median_lower: s.medianLower,
      median_upper: s.medianUpper,
      rmse: c.report.accuracy.rmse,
      max_abs: c.report.accuracy.maxAbs,
      hr: hr?.hr ?? null,
      hr_lower: hr?.lower ?? null,
      hr_upper: hr?.upper ?? null,
      p_logrank: hr?.pLogrank ?? null,
      hr_reference: hr ? hr.ref : null,
    }
    const years = s.years.length ? s.years : [null]
    for (const y of years) {
      rows.push({
        ...base,
        years: y?.years ?? null,
        time: y?.time ?? null,
        surv: y?.surv ?? null,
        se: y?.se ?? null,
        lower: y?.lower ?? null,
        upper: y?.upper ?? null,
        n_risk: y?.nRisk ?? null,
      })
    }
  }
  const lines = [SUMMARY_COLUMNS.join(',')]
  for (const r of rows) lines.push(SUMMARY_COLUMNS.map((k) => cell(r[k])).join(','))
  return `${lines.join('\n')}\n`
}
