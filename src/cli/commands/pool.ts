import { parseOptions } from '../parseOptions'
import { InputError } from '../../shared/formats/inputError'
import { parseTable } from '../../shared/formats/table'
import {
  RANGE_METHODS,
  TAU2_METHODS,
  type Tau2Method,
  ZERO_SURVIVAL_RULES,
} from '../../shared/meta'
import {
  defaultScale,
  effectsFromTable,
  type PooledValue,
  poolEffects,
  pooledCurveFromTable,
  type PooledCurveResult,
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
       kmpool pool --input F.csv --outcome curve [--times T1,T2,...] [--json]

Pools studies by inverse-variance random-effects meta-analysis, with metafor's definitions;
with --outcome curve, pools whole survival curves (Combescure et al. 2014, as the authors'
R code, RISCA's survival.summary, computes them).

  --input FILE      one row per study (see below), or IPD with a study column
  --outcome O       generic: study,[subgroup],yi,vi (or sei)
                    survival: study,[subgroup],time,surv,n_risk (Peto), or surv with se, or
                              with lower,upper (a CI on the log scale); or IPD (Greenwood)
                    median: study,[subgroup],median,lower,upper; or a median with its
                            range, its quartiles or both and n: median,min,max,n or
                            median,q1,q3,n or min,q1,median,q3,max,n; or IPD
                    hr: study,[subgroup],hr,lower,upper; or IPD with an arm column (Cox)
                    curve: study,time,surv,n_risk, one row per study and time, n_risk being
                           the number at risk at the start of the interval that ends at
                           time (the study size for its first time), as RISCA lays it out;
                           or IPD with a study column
  --time T          survival: the time to pool at (rows with that time are used)
  --scale S         identity, log, cloglog, logit or arcsine (default: cloglog for survival,
                    log for medians and hazard ratios, identity for generic)
  --method M        tau² estimator: ${TAU2_METHODS.join(', ')} (default REML; FE = fixed effect)
  --hksj            Hartung–Knapp–Sidik–Jonkman adjustment (t with k−1 df)
  --by COL          pool separately within each value of column COL, with the test for
                    subgroup differences
  --range-method M  variance of a median from its range and/or quartiles: qe (default; the
                    variance of the median itself, McGrath et al. 2020, as R's metamedian),
                    or hozo, wan, luo, bc (Box–Cox, McGrath et al. 2020), mln (Cai et al.
                    2021): an estimated SD over √n, the standard error of a mean
  --zero-survival R survival of 0% with nobody left at risk: followed (default; the correction
                    counts the patients at risk just before the curve reached 0, from the
                    study's earlier rows or its IPD) or exclude (leave the study out)
  --times T1,T2    curve from IPD: the times of the curve (default 20 equal steps up to the
                    last follow-up time)
  --json            print the result as JSON (DESIGN.md section 3); for a curve
                    {curve:[{time,surv,lower,upper,k}], median:{estimate,lower,upper}, studies,
                    notes}
  -h, --help        this help

Survival of 0% or 100% gets a continuity correction (0.5 added to survivors and deaths), and a
study with survival above 0% but nobody at risk at the time is excluded; every exclusion and
correction is listed with its reason.

The pooled curve: each study's conditional survival in each interval, on the corrected arcsine
scale asin √((n p + 0.25)/(n + 0.5)) with variance 1/(4(n + 0.5)), pooled over all intervals at
once with random effects (method of moments); 95% CI on the log scale; the median where the curve
crosses 50% (linear interpolation), its CI from 10,000 simulated curves.`

const OUTCOMES: readonly PoolOutcome[] = ['generic', 'survival', 'median', 'hr']
const SCALES: readonly PoolScale[] = ['identity', 'log', 'cloglog', 'logit', 'arcsine']

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
          // metafor reports I² = 0 for one study; it measures nothing there, so the table says so.
          g.k < 2 ? '— (one study)' : `${num(g.I2, 1)}%`,
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

function humanCurve(r: PooledCurveResult): string {
  const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(1)}%`)
  const t = (x: number | null) => (x === null ? 'not reached' : x.toPrecision(4))
  const m = r.median
  const lines = [
    `Pooled survival curve (${r.method})`,
    '',
    columns([
      ['time', 'survival', '95% CI', 'studies'],
      ...r.curve.map((p) => [
        String(p.time),
        pct(p.surv),
        `${pct(p.lower)} to ${pct(p.upper)}`,
        String(p.k),
      ]),
    ]),
    '',
    m.estimate === null
      ? 'Median survival: not reached (the pooled curve stays above 50%)'
      : `Median survival: ${t(m.estimate)} (95% CI ${t(m.lower)} to ${t(m.upper)})`,
  ]
  const excluded = r.studies.filter((s) => s.excluded)
  for (const s of excluded) lines.push(`Excluded: ${s.study} (${s.reason})`)
  if (r.notes.length) lines.push('', ...r.notes.map((n) => `Note: ${n}`))
  return `${lines.join('\n')}\n`
}

function runCurve(
  values: { input?: string; json?: boolean; times?: string } & Record<string, unknown>,
  output: Output,
): void {
  for (const flag of ['time', 'scale', 'method', 'hksj', 'by', 'range-method', 'zero-survival']) {
    if (values[flag] !== undefined) throw usageError(`--${flag} does not apply to --outcome curve`)
  }
  let times: number[] | undefined
  if (values.times !== undefined) {
    times = values.times.split(',').map((x) => Number(x.trim()))
    if (
      values.times.trim() === '' ||
      times.some((x) => !Number.isFinite(x) || x <= 0) ||
      times.some((x, i) => i > 0 && x <= times![i - 1])
    ) {
      throw usageError(`--times must be increasing numbers above 0, got "${values.times}"`)
    }
  }
  let result: PooledCurveResult
  try {
    result = pooledCurveFromTable(parseTable(readText(values.input!), values.input!), times)
  } catch (e) {
    if (e instanceof InputError) throw new CliError(e.message)
    throw e
  }
  output.stdout(values.json ? `${JSON.stringify(result, null, 2)}\n` : humanCurve(result))
}

export function runPool(argv: string[], output: Output): void {
  const { values } = parseOptions({
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
      times: { type: 'string' },
      'zero-survival': { type: 'string' },
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
  if (values.outcome === 'curve') {
    runCurve(values, output)
    return
  }
  if (values.times !== undefined) throw usageError('--times applies to --outcome curve')
  if (values.outcome !== undefined && !(OUTCOMES as readonly string[]).includes(values.outcome)) {
    throw usageError(
      `--outcome must be one of ${OUTCOMES.join(', ')}, curve, got "${values.outcome}"`,
    )
  }
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
    zeroSurvival: pick(values['zero-survival'], ZERO_SURVIVAL_RULES, '--zero-survival'),
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
