import { parseArgs } from 'node:util'
import { InputError } from '../../shared/formats/inputError'
import { parseTable } from '../../shared/formats/table'
import { TAU2_METHODS, type RangeMethod, type Tau2Method } from '../../shared/meta'
import {
  defaultScale,
  effectsFromTable,
  type PooledValue,
  poolEffects,
  type PoolOutcome,
  type PoolResult,
  type PoolScale,
} from '../../shared/pool'
import { CliError, usageError } from '../cliError'
import { columns, num } from '../format'
import { readText } from '../io'
import type { Output } from '../output'

export const poolHelp = `Usage: kmpool pool --input F.csv --outcome generic|survival|median|hr [--time T]
                  [--scale S] [--method M] [--hksj] [--by subgroup] [--json]

Pools studies by inverse-variance random-effects meta-analysis, with metafor's definitions.

  --input FILE      one row per study (see below), or IPD with a study column
  --outcome O       generic: study,[subgroup],yi,vi (or sei)
                    survival: study,[subgroup],time,surv,n_risk (Peto), or surv with se, or
                              with lower,upper (a CI on the log scale); or IPD (Greenwood)
                    median: study,[subgroup],median,lower,upper, or median,min,max,n; or IPD
                    hr: study,[subgroup],hr,lower,upper; or IPD with an arm column (Cox)
  --time T          survival: the time to pool at (rows with that time are used)
  --scale S         identity, log, cloglog, logit or arcsine (default: cloglog for survival,
                    log for medians and hazard ratios, identity for generic)
  --method M        tau² estimator: ${TAU2_METHODS.join(', ')} (default REML; FE = fixed effect)
  --hksj            Hartung–Knapp–Sidik–Jonkman adjustment (t with k−1 df)
  --by COL          pool separately within each value of column COL, with the test for
                    subgroup differences
  --range-method M  median from a range: hozo (default), wan or luo
  --json            print the result as JSON (DESIGN.md section 3)
  -h, --help        this help

Survival of 0% or 100% gets a continuity correction, and a study with nobody at risk at the time
is excluded; every exclusion and correction is listed with its reason.`

const OUTCOMES: readonly PoolOutcome[] = ['generic', 'survival', 'median', 'hr']
const SCALES: readonly PoolScale[] = ['identity', 'log', 'cloglog', 'logit', 'arcsine']
const RANGE_METHODS: readonly RangeMethod[] = ['hozo', 'wan', 'luo']

function pick<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  flag: string,
): T | undefined {
  if (value === undefined) return undefined
  const v = (flag === '--method' ? value.toUpperCase() : value) as T
  if (!allowed.includes(v))
    throw usageError(`${flag} must be one of ${allowed.join(', ')}, got "${value}"`)
  return v
}

function natural(p: PooledValue | null, outcome: PoolOutcome): string {
  if (!p) return '—'
  const f = (x: number) =>
    outcome === 'survival' ? `${(100 * x).toFixed(1)}%` : x.toFixed(outcome === 'median' ? 1 : 3)
  return `${f(p.value)} (95% CI ${f(p.lower)} to ${f(p.upper)})`
}

function human(r: PoolResult): string {
  const what =
    r.outcome === 'survival'
      ? `survival at ${r.time ?? 'the given time'}`
      : r.outcome === 'hr'
        ? 'hazard ratio'
        : r.outcome
  const lines = [
    `Pooled ${what}: ${natural(r.pooled, r.outcome)}`,
    `k = ${r.k}, ${r.method}${r.hksj ? ' with HKSJ' : ''}, ${r.scale} scale; tau² ${num(r.tau2, 4)}, I² ${num(r.I2, 1)}%, Q ${num(r.Q, 2)} on ${r.Q_df ?? '—'} df (p ${r.Q_p === null ? '—' : r.Q_p.toPrecision(3)})`,
  ]
  if (r.subgroups.length) {
    lines.push(
      '',
      columns([
        ['subgroup', 'k', 'pooled (95% CI)', 'I²'],
        ...r.subgroups.map((g) => [
          g.subgroup || '(none)',
          String(g.k),
          natural(g.pooled, r.outcome),
          `${num(g.I2, 1)}%`,
        ]),
      ]),
    )
    if (r.Q_between !== null) {
      lines.push(
        `Test for subgroup differences: Q ${num(r.Q_between, 2)} on ${r.Q_between_df} df, p ${r.Q_between_p?.toPrecision(3)}`,
      )
    }
  }
  lines.push(
    '',
    columns([
      ['study', 'subgroup', 'yi', 'se', 'weight', 'method', 'note'],
      ...r.studies.map((s) => [
        s.study,
        s.subgroup ?? '',
        num(s.yi),
        s.vi === null ? '—' : Math.sqrt(s.vi).toFixed(3),
        s.excluded ? 'excluded' : `${num(s.weight, 1)}%`,
        s.method,
        s.reason ?? '',
      ]),
    ]),
  )
  if (r.notes.length) lines.push('', ...r.notes.map((n) => `Note: ${n}`))
  return `${lines.join('\n')}\n`
}

export function runPool(argv: string[], output: Output): void {
  const { values } = parseArgs({
    args: argv,
    options: {
      input: { type: 'string' },
      outcome: { type: 'string' },
      time: { type: 'string' },
      scale: { type: 'string' },
      method: { type: 'string' },
      hksj: { type: 'boolean' },
      by: { type: 'string' },
      'range-method': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  })
  if (values.help) {
    output.stdout(`${poolHelp}\n`)
    return
  }
  if (!values.input) throw usageError('--input is required')
  const outcome = pick(values.outcome, OUTCOMES, '--outcome')
  if (!outcome) throw usageError('--outcome is required')
  let time: number | undefined
  if (values.time !== undefined) {
    time = Number(values.time)
    if (values.time.trim() === '' || !Number.isFinite(time) || time < 0) {
      throw usageError(`--time must be a number ≥ 0, got "${values.time}"`)
    }
  }
  const scale = pick(values.scale, SCALES, '--scale')
  const method = pick<Tau2Method>(values.method, TAU2_METHODS, '--method')
  const settings = {
    outcome,
    time,
    scale,
    method,
    hksj: values.hksj,
    by: values.by?.toLowerCase(),
    rangeMethod: pick(values['range-method'], RANGE_METHODS, '--range-method'),
  }
  let result: PoolResult
  try {
    const table = parseTable(readText(values.input), values.input)
    const effects = effectsFromTable(table, settings)
    result = poolEffects(effects, settings, scale ?? defaultScale(outcome))
  } catch (e) {
    if (e instanceof InputError) throw new CliError(e.message)
    throw e
  }
  output.stdout(values.json ? `${JSON.stringify(result, null, 2)}\n` : human(result))
}
