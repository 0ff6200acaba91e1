import { InputError } from '../formats/inputError'
import { cellNumber, columnIndex, type Table } from '../formats/table'
import {
  followedFromFit,
  followedFromRows,
  logHazardRatioFromCi,
  medianFromCi,
  medianFromRange,
  type StudyEffect,
  type SurvivalScale,
  survivalAtTime,
  type SurvivalVarianceSource,
} from '../meta'
import { coxTwoGroup, kaplanMeier, median, survivalAt } from '../survival'
import type { PoolScale, PoolSettings } from './poolTypes'

/** A study's effect size with the method that produced it. */
export type MethodEffect = StudyEffect & { method: string }

/** Survival values above this are percentages (DESIGN.md section 3). */
const PERCENT_THRESHOLD = 1.5

function has(table: Table, ...names: string[]): boolean {
  return names.every((n) => columnIndex(table, [n], null) >= 0)
}

function optionalNumber(table: Table, r: number, name: string): number | null {
  const c = columnIndex(table, [name], null)
  if (c < 0) return null
  const raw = table.rows[r][c]
  if (raw === '' || raw.toUpperCase() === 'NA' || raw.toUpperCase() === 'NR') return null
  return cellNumber(table, r, c, name)
}

function label(table: Table, r: number, name: string | undefined): string | null {
  if (!name) return null
  const c = columnIndex(table, [name], null)
  return c < 0 ? null : table.rows[r][c]
}

function needHeader(table: Table, expected: string): void {
  if (!table.header) {
    throw new InputError(
      table.source,
      1,
      `the first row must be a header; expected columns ${expected}`,
    )
  }
  if (!has(table, 'study')) {
    throw new InputError(table.source, 1, `no "study" column; expected columns ${expected}`)
  }
  for (const bad of table.header) {
    if (bad === '') throw new InputError(table.source, 1, 'a column has no name in the header')
  }
}

function checkBy(table: Table, by: string | undefined): void {
  if (by && columnIndex(table, [by], null) < 0) {
    throw new InputError(table.source, 1, `no column "${by}" to form subgroups (--by)`)
  }
}

export const isIpd = (t: Table) =>
  has(t, 'time') && (has(t, 'event') || has(t, 'status')) && !has(t, 'surv')

export interface IpdStudy {
  study: string
  subgroup: string | null
  time: number[]
  event: number[]
  arm: string[]
}

/** Groups an IPD table (with a `study` column) by study, in order of first appearance. */
export function ipdStudies(table: Table, by: string | undefined): IpdStudy[] {
  const ti = columnIndex(table, ['time'], null)
  const ei = columnIndex(table, ['event', 'status'], null)
  const ai = columnIndex(table, ['arm'], null)
  const si = columnIndex(table, ['study'], null)
  const studies = new Map<string, IpdStudy>()
  table.rows.forEach((row, r) => {
    // IPD of one study may have no study column: its name is then empty, as in a summary table.
    const study = si < 0 ? '' : row[si]
    const time = cellNumber(table, r, ti, 'time')
    const event = cellNumber(table, r, ei, 'event')
    if (time < 0) throw new InputError(table.source, table.lines[r], `time ${time} is negative`)
    if (event !== 0 && event !== 1) {
      throw new InputError(
        table.source,
        table.lines[r],
        `event ${event} must be 1 (event) or 0 (censored)`,
      )
    }
    let s = studies.get(study)
    if (!s) {
      s = { study, subgroup: label(table, r, by), time: [], event: [], arm: [] }
      studies.set(study, s)
    }
    s.time.push(time)
    s.event.push(event)
    s.arm.push(ai < 0 ? '' : row[ai])
  })
  return [...studies.values()]
}

function survivalScale(scale: PoolScale | undefined): SurvivalScale {
  return scale ?? 'cloglog'
}

function survivalEffects(table: Table, settings: PoolSettings): MethodEffect[] {
  const scale = survivalScale(settings.scale)
  const t = settings.time
  if (isIpd(table)) {
    if (t === undefined)
      throw new InputError(table.source, null, 'give --time: the time at which to pool survival')
    return ipdStudies(table, settings.by).map((s) => {
      const fit = kaplanMeier(s.time, s.event)
      const at = survivalAt(fit, [t])[0]
      // Greenwood's sum at t from the standard error of S there: se = S·√G.
      const greenwood = at.se === null || at.surv === 0 ? null : (at.se / at.surv) ** 2
      const source: SurvivalVarianceSource =
        greenwood === null ? { kind: 'peto' } : { kind: 'greenwood', greenwood }
      const e = survivalAtTime(
        {
          study: s.study,
          subgroup: s.subgroup,
          surv: at.surv,
          nRisk: at.nRisk,
          n: fit.n,
          nFollowed: followedFromFit(fit),
          zeroSurvival: settings.zeroSurvival,
          source,
        },
        scale,
      )
      return { ...e, method: `${e.variance_method} (IPD)` }
    })
  }
  needHeader(table, 'study,[subgroup],time,surv,n_risk (or se, or lower,upper)')
  const timeCol = columnIndex(table, ['time'], null)
  const rows = table.rows.map((_, r) => r)
  let selected = rows
  if (timeCol >= 0) {
    const times = [...new Set(rows.map((r) => cellNumber(table, r, timeCol, 'time')))]
    if (t === undefined) {
      if (times.length > 1) {
        throw new InputError(
          table.source,
          null,
          `give --time: the file has survival at ${times.length} times (${times.slice(0, 8).join(', ')})`,
        )
      }
    } else {
      selected = rows.filter(
        (r) =>
          Math.abs(cellNumber(table, r, timeCol, 'time') - t) <= 1e-9 * Math.max(1, Math.abs(t)),
      )
      if (selected.length === 0) {
        throw new InputError(
          table.source,
          null,
          `no row at time ${t}; the file has times ${times.join(', ')}`,
        )
      }
    }
  }
  const survCol = columnIndex(table, ['surv'], null)
  const percent = rows.some((r) => cellNumber(table, r, survCol, 'surv') > PERCENT_THRESHOLD)
  const f = percent ? 0.01 : 1
  const variance = has(table, 'se')
    ? 'se'
    : has(table, 'lower', 'upper')
      ? 'ci'
      : has(table, 'n_risk')
        ? 'peto'
        : null
  if (variance === null) {
    throw new InputError(
      table.source,
      1,
      'survival needs a variance: add n_risk (Peto), se, or lower and upper (a CI)',
    )
  }
  // S = 0 with nobody at risk: the number at risk at the study's last earlier time with S > 0.
  const followed = (study: string): number | null =>
    followedFromRows(
      rows
        .filter((r) => label(table, r, 'study') === study)
        .map((r) => ({
          time: cellNumber(table, r, timeCol, 'time'),
          surv: optionalNumber(table, r, 'surv'),
          nRisk: has(table, 'n_risk') ? optionalNumber(table, r, 'n_risk') : null,
        })),
      t ?? Number.POSITIVE_INFINITY,
    )
  const seen = new Set<string>()
  return selected.map((r) => {
    const study = label(table, r, 'study') ?? ''
    if (seen.has(study)) {
      throw new InputError(
        table.source,
        table.lines[r],
        `study "${study}" appears twice at this time`,
      )
    }
    seen.add(study)
    const surv = optionalNumber(table, r, 'surv')
    let source: SurvivalVarianceSource
    if (variance === 'se') {
      const se = optionalNumber(table, r, 'se')
      source = { kind: 'se', se: se === null ? Number.NaN : se * f }
    } else if (variance === 'ci') {
      const lo = optionalNumber(table, r, 'lower')
      const hi = optionalNumber(table, r, 'upper')
      source = {
        kind: 'ci',
        lower: lo === null ? Number.NaN : lo * f,
        upper: hi === null ? Number.NaN : hi * f,
      }
    } else {
      source = { kind: 'peto' }
    }
    const e = survivalAtTime(
      {
        study,
        subgroup: label(table, r, settings.by),
        surv: surv === null ? null : surv * f,
        nRisk: optionalNumber(table, r, 'n_risk'),
        n: optionalNumber(table, r, 'n'),
        nFollowed: surv === 0 && timeCol >= 0 ? followed(study) : null,
        zeroSurvival: settings.zeroSurvival,
        source,
      },
      scale,
    )
    return { ...e, method: e.variance_method + (percent ? ' (survival read as percent)' : '') }
  })
}

function medianScale(scale: PoolScale | undefined, source: string): 'log' | 'raw' {
  if (scale === undefined || scale === 'log') return 'log'
  if (scale === 'identity') return 'raw'
  throw new InputError(
    source,
    null,
    `medians are pooled on the log or identity scale, not ${scale}`,
  )
}

function medianEffects(table: Table, settings: PoolSettings): MethodEffect[] {
  const scale = medianScale(settings.scale, table.source)
  if (isIpd(table)) {
    return ipdStudies(table, settings.by).map((s) => {
      const m = median(kaplanMeier(s.time, s.event))
      const e = medianFromCi({
        study: s.study,
        subgroup: s.subgroup,
        median: m.quantile,
        lower: m.lower,
        upper: m.upper,
        scale,
      })
      return { ...e, method: `${e.method} (IPD, Brookmeyer–Crowley)` }
    })
  }
  needHeader(
    table,
    'study,[subgroup],median,lower,upper or median,min,max,n or median,q1,q3,n or min,q1,median,q3,max,n',
  )
  const fromSummary = (r: number): MethodEffect =>
    medianFromRange({
      study: label(table, r, 'study') ?? '',
      subgroup: label(table, r, settings.by),
      median: optionalNumber(table, r, 'median'),
      min: optionalNumber(table, r, 'min'),
      max: optionalNumber(table, r, 'max'),
      q1: optionalNumber(table, r, 'q1'),
      q3: optionalNumber(table, r, 'q3'),
      n: optionalNumber(table, r, 'n'),
      method: settings.rangeMethod,
      scale,
    })
  const hasSummary =
    has(table, 'median', 'n') && (has(table, 'min', 'max') || has(table, 'q1', 'q3'))
  if (hasSummary && !has(table, 'lower')) return table.rows.map((_, r) => fromSummary(r))
  if (!has(table, 'median', 'lower', 'upper')) {
    throw new InputError(
      table.source,
      1,
      'medians need columns median,lower,upper or median,min,max,n or median,q1,q3,n or min,q1,median,q3,max,n',
    )
  }
  return table.rows.map((_, r) => {
    const lower = optionalNumber(table, r, 'lower')
    const upper = optionalNumber(table, r, 'upper')
    if (lower === null && upper === null && hasSummary) return fromSummary(r)
    return medianFromCi({
      study: label(table, r, 'study') ?? '',
      subgroup: label(table, r, settings.by),
      median: optionalNumber(table, r, 'median'),
      lower,
      upper,
      scale,
    })
  })
}

function hrEffects(table: Table, settings: PoolSettings): MethodEffect[] {
  if (settings.scale !== undefined && settings.scale !== 'log') {
    throw new InputError(table.source, null, 'hazard ratios are pooled on the log scale')
  }
  if (isIpd(table)) {
    if (!has(table, 'arm'))
      throw new InputError(table.source, 1, 'hazard ratios from IPD need an "arm" column')
    return ipdStudies(table, settings.by).map((s) => {
      const arms = [...new Set(s.arm)]
      if (arms.length !== 2) {
        return {
          study: s.study,
          subgroup: s.subgroup,
          yi: null,
          vi: null,
          excludedReason: `needs exactly two arms for a hazard ratio, has ${arms.length}`,
          method: 'cox (IPD)',
        }
      }
      const cox = coxTwoGroup(s.time, s.event, s.arm, { ref: arms[0] })
      return {
        study: s.study,
        subgroup: s.subgroup,
        yi: cox.beta,
        vi: cox.se === null ? null : cox.se * cox.se,
        excludedReason: cox.beta === null ? 'no events: the hazard ratio is not estimable' : null,
        note: `HR of ${String(cox.other)} vs ${String(cox.ref)}`,
        method: 'cox, Efron ties (IPD)',
      }
    })
  }
  needHeader(table, 'study,[subgroup],hr,lower,upper')
  if (!has(table, 'hr', 'lower', 'upper')) {
    throw new InputError(table.source, 1, 'hazard ratios need columns hr,lower,upper')
  }
  return table.rows.map((_, r) => ({
    ...logHazardRatioFromCi({
      study: label(table, r, 'study') ?? '',
      subgroup: label(table, r, settings.by),
      hr: optionalNumber(table, r, 'hr'),
      lower: optionalNumber(table, r, 'lower'),
      upper: optionalNumber(table, r, 'upper'),
    }),
    method: 'ci-log',
  }))
}

function genericEffects(table: Table, settings: PoolSettings): MethodEffect[] {
  needHeader(table, 'study,[subgroup],yi,vi (or sei)')
  const sei = !has(table, 'vi') && has(table, 'sei')
  if (!has(table, 'yi') || (!has(table, 'vi') && !sei)) {
    throw new InputError(table.source, 1, 'generic effects need columns yi and vi (or sei)')
  }
  return table.rows.map((_, r) => ({
    study: label(table, r, 'study') ?? '',
    subgroup: label(table, r, settings.by),
    yi: optionalNumber(table, r, 'yi'),
    ...(sei ? { sei: optionalNumber(table, r, 'sei') } : { vi: optionalNumber(table, r, 'vi') }),
    method: sei ? 'given (yi, sei)' : 'given (yi, vi)',
  }))
}

/**
 * The effect size of every study in a pooling input (DESIGN.md section 3): generic
 * `study,[subgroup],yi,vi|sei`; survival `study,[subgroup],time,surv,n_risk` (Peto) or with `se`
 * or `lower,upper`, or IPD with a `study` column (Greenwood); medians `median,lower,upper` or
 * `median,min,max,n` (Hozo, Wan or Luo), or IPD (Brookmeyer–Crowley CI); hazard ratios
 * `hr,lower,upper` or two-arm IPD (Cox). Each effect carries the method that made it; a study
 * that cannot give one is kept with its reason, never dropped. Throws InputError naming the file
 * and row for input that is malformed rather than merely unusable.
 */
export function effectsFromTable(table: Table, settings: PoolSettings): MethodEffect[] {
  if (table.rows.length === 0) throw new InputError(table.source, null, 'no data rows')
  checkBy(table, settings.by)
  switch (settings.outcome) {
    case 'survival':
      return survivalEffects(table, settings)
    case 'median':
      return medianEffects(table, settings)
    case 'hr':
      return hrEffects(table, settings)
    case 'generic':
      return genericEffects(table, settings)
  }
}

/** The scale an outcome is analysed on when none is asked for. */
export function defaultScale(outcome: PoolSettings['outcome']): PoolScale {
  return outcome === 'survival' ? 'cloglog' : outcome === 'generic' ? 'identity' : 'log'
}
