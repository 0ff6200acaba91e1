/**
 * A review's tables as CSV files, the same from the app's export and from `kmpool review`:
 * plain numbers (proportions, not percent; a point for decimals), an empty cell for a missing
 * value, whose reason is in the exclusions file.
 */
import type { ReviewResult } from './computeReview'
import type { EstimateTable } from './estimateTable'
import type { StudyRowHead } from './tableRows'
import { timeText } from './numberText'
import { csvCell, csvFixed, csvPValue, formatCsv } from '../formats/table'
import { methodInWords, noteInWords, shortNumber } from './methodWords'

type Cell = string | number | null | undefined

/** A cell through the one CSV writer (formulas neutralised), numbers to `digits` decimals. */
function cell(value: Cell, digits?: number): string {
  return typeof value === 'number' && digits !== undefined
    ? csvFixed(value, digits)
    : csvCell(value)
}

const csv = formatCsv

/** Decimals per kind of column: 4 for proportions and τ², 2 for weights, I², Q and times. */
const P = 4
const W = 2

/** The columns both tables start with. */
const HEAD = ['row', 'study', 'subgroup', 'n', 'source']

/** Those columns of a study's row, and of a pooled row (which has no n or source). */
function studyHead(r: StudyRowHead): string[] {
  return ['study', cell(r.study), cell(r.subgroup), cell(r.n), r.source]
}

function pooledHead(r: { kind: string; label: string; subgroup: string | null }): string[] {
  return [r.kind, cell(r.label), cell(r.subgroup), '', '']
}

/** Whether a study was left out of an analysis or adjusted in it; the reason is elsewhere. */
function note(r: { excluded: boolean; reason: string | null }): string {
  return r.excluded ? 'excluded' : r.reason ? 'adjusted' : ''
}

/**
 * The survival table, one row per study and per pooled row, with for each time t the columns
 * `n_risk_t, surv_t, se_t, lower_t, upper_t, weight_t, note_t` (note: excluded or adjusted; the
 * reason is in exclusions.csv) and, on pooled rows, `k_t, I2_t, tau2_t`, τ²'s CI
 * `tau2_lower_t, tau2_upper_t`, the prediction interval `pi_lower_t, pi_upper_t`, the pooled
 * curve's value `curve_surv_t` (one model over all times) and `flag_t`: "studies changed" when
 * the pooled studies differ from the previous time's, "rises" when the pooled survival is higher
 * than at the previous time.
 */
export function survivalTableCsv(result: ReviewResult): string {
  const t = result.survivalTable
  const header = [...HEAD]
  for (const time of t.times) {
    const s = timeText(time)
    header.push(
      ...[
        'n_risk',
        'surv',
        'se',
        'lower',
        'upper',
        'weight',
        'note',
        'k',
        'I2',
        'tau2',
        'tau2_lower',
        'tau2_upper',
        'pi_lower',
        'pi_upper',
        'curve_surv',
        'flag',
      ].map((c) => `${c}_${s}`),
    )
  }
  const rows = t.rows.map((r) => {
    if (r.kind === 'study') {
      return [
        ...studyHead(r),
        ...r.cells.flatMap((c) => [
          cell(c.nRisk),
          cell(c.surv, P),
          cell(c.se, P),
          cell(c.lower, P),
          cell(c.upper, P),
          cell(c.weight, W),
          note(c),
          ...new Array<string>(9).fill(''),
        ]),
      ]
    }
    return [
      ...pooledHead(r),
      ...r.cells.flatMap((c) => [
        '',
        cell(c.surv, P),
        '',
        cell(c.lower, P),
        cell(c.upper, P),
        '',
        '',
        cell(c.k),
        cell(c.I2, W),
        cell(c.tau2, P),
        cell(c.tau2Lower, P),
        cell(c.tau2Upper, P),
        cell(c.piLower, P),
        cell(c.piUpper, P),
        cell(c.curveSurv, P),
        [c.studiesChanged ? 'studies changed' : '', c.rises ? 'rises' : '']
          .filter(Boolean)
          .join('; '),
      ]),
    ]
  })
  return csv(header, rows)
}

/**
 * The median or hazard-ratio table: per study the value with its CI as reconstructed or
 * published, the method, weight and note; per pooled row k, the pooled value and CI, the
 * prediction interval, τ², I², Q and its p; medians add the median read off the pooled curve.
 */
export function estimateTableCsv(table: EstimateTable): string {
  const name = table.outcome === 'hr' ? 'hr' : 'median'
  const digits = table.outcome === 'hr' ? 3 : W
  const curve = table.outcome === 'median'
  const header = [
    ...HEAD,
    name,
    'lower',
    'upper',
    'method',
    'weight',
    'note',
    'k',
    'pi_lower',
    'pi_upper',
    'tau2',
    'tau2_lower',
    'tau2_upper',
    'I2',
    'Q',
    'Q_p',
    ...(curve
      ? [
          'curve_median',
          'curve_lower',
          'curve_upper',
          'median_of_medians',
          'mom_lower',
          'mom_upper',
          'not_reached',
        ]
      : []),
  ]
  const rows = table.rows.map((r) => {
    if (r.kind === 'study') {
      return [
        ...studyHead(r),
        cell(r.value, digits),
        cell(r.lower, digits),
        cell(r.upper, digits),
        cell(methodInWords(r.method)),
        cell(r.weight, W),
        note(r),
        ...new Array<string>(curve ? 16 : 9).fill(''),
      ]
    }
    return [
      ...pooledHead(r),
      cell(r.value, digits),
      cell(r.lower, digits),
      cell(r.upper, digits),
      '',
      '',
      '',
      cell(r.k),
      cell(r.piLower, digits),
      cell(r.piUpper, digits),
      cell(r.tau2, P),
      cell(r.tau2Lower, P),
      cell(r.tau2Upper, P),
      cell(r.I2, W),
      cell(r.Q, W),
      csvPValue(r.Q_p),
      ...(curve
        ? [
            cell(r.curve?.median, W),
            cell(r.curve?.lower, W),
            cell(r.curve?.upper, W),
            cell(r.medianOfMedians?.estimate, W),
            cell(r.medianOfMedians?.lower, W),
            cell(r.medianOfMedians?.upper, W),
            cell(r.notReached),
          ]
        : []),
    ]
  })
  return csv(header, rows)
}

/** Every exclusion, adjustment and note: `study, subgroup, analysis, action, reason`. */
export function exclusionsCsv(result: ReviewResult): string {
  return csv(
    ['study', 'subgroup', 'analysis', 'action', 'reason'],
    result.exclusions.map((e) => [
      cell(e.study),
      cell(e.subgroup),
      cell(e.what),
      e.action,
      cell(noteInWords(e.reason)),
    ]),
  )
}

/**
 * The reconstructed IPD of every study taking part, all arms: `study, subgroup, arm, time,
 * event`, times in the review's unit, written in full so that reading them back gives the same
 * numbers.
 */
export function reviewIpdCsv(result: ReviewResult): string {
  const rows: string[][] = []
  for (const p of result.studies) {
    if (p.excludedReason !== null) continue
    for (const arm of p.ipd) {
      const prefix = [cell(p.label), cell(p.subgroup), cell(arm.arm)]
      for (let i = 0; i < arm.time.length; i++) {
        // Ten significant digits: the time as computed, without the float noise of a unit
        // conversion (31.3529, not 31.352899999999998).
        rows.push([...prefix, shortNumber(arm.time[i], 10), String(arm.event[i])])
      }
    }
  }
  return csv(['study', 'subgroup', 'arm', 'time', 'event'], rows)
}

/** Leave-one-out of every outcome that has one: the pooled value without each study. */
export function leaveOneOutCsv(result: ReviewResult): string {
  const rows: string[][] = []
  for (const a of result.outcomes) {
    const digits = a.kind === 'survival' ? P : a.kind === 'hr' ? 3 : W
    for (const r of a.leaveOneOut) {
      rows.push([
        a.id,
        cell(r.study),
        cell(r.pooled?.value, digits),
        cell(r.pooled?.lower, digits),
        cell(r.pooled?.upper, digits),
        cell(r.tau2, P),
        cell(r.I2, W),
      ])
    }
  }
  return csv(['outcome', 'left_out', 'pooled', 'lower', 'upper', 'tau2', 'I2'], rows)
}

/** Egger's test per outcome (statistic z, or t under HKSJ), or why it was not run. */
export function eggerCsv(result: ReviewResult): string {
  return csv(
    ['outcome', 'k', 'statistic', 'df', 'p', 'slope', 'limit_estimate', 'note'],
    result.outcomes.map((a) => [
      a.id,
      cell(a.pool.k),
      cell(a.egger?.statistic, 3),
      cell(a.egger?.df),
      csvPValue(a.egger?.pval),
      cell(a.egger?.slope, P),
      cell(a.egger?.limit_estimate, P),
      cell(a.smallStudyNote ?? a.egger?.notes.join('; ') ?? ''),
    ]),
  )
}
