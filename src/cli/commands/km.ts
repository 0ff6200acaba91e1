import { parseOptions } from '../parseOptions'
import { InputError } from '../../shared/formats/inputError'
import { type IpdRecord, readIpdFile } from '../../shared/formats/ipdFile'
import { coxTwoGroup, kaplanMeier, logrank, median, survivalAt } from '../../shared/survival'
import { CliError, usageError } from '../cliError'
import { columns, num } from '../format'
import { readText } from '../io'
import type { Output } from '../output'

export const kmHelp = `Usage: kmpool km --ipd ipd.csv [--times 12,24,36] [--group arm] [--json]

Kaplan–Meier summaries of IPD, as R's survival package computes them: per group the number of
patients and events, the median with its 95% CI (Brookmeyer–Crowley, log scale), and survival at
the given times with its Greenwood standard error, 95% CI (log scale, R's default) and number at
risk; with two groups also the Cox hazard ratio (Efron ties) and the log-rank p.

  --ipd FILE      IPD with header time,event (status is accepted); optional arm/study/subgroup
  --times LIST    comma-separated times (default: none)
  --group COL     column to split by: arm, study or subgroup
  --json          print [{group, n, events, median, median_lower, median_upper, at[]}] and hr
  -h, --help      this help

A median or limit the curve never reaches is null in JSON and a dash in the table.`

interface GroupSummary {
  group: string
  n: number
  events: number
  median: number | null
  median_lower: number | null
  median_upper: number | null
  at: {
    time: number
    surv: number
    se: number | null
    lower: number | null
    upper: number | null
    n_risk: number
  }[]
}

function reached(x: number | null): string {
  return x === null ? 'not reached' : num(x, 2)
}

function parseTimes(text: string | undefined): number[] {
  if (text === undefined || text.trim() === '') return []
  return text.split(',').map((t) => {
    const v = Number(t.trim())
    if (t.trim() === '' || !Number.isFinite(v) || v < 0) {
      throw usageError(`--times must be comma-separated numbers ≥ 0, got "${t}"`)
    }
    return v
  })
}

function summarise(group: string, rows: readonly IpdRecord[], times: number[]): GroupSummary {
  const fit = kaplanMeier(
    rows.map((r) => r.time),
    rows.map((r) => r.event),
  )
  const med = median(fit)
  return {
    group,
    n: fit.n,
    events: fit.events,
    median: med.quantile,
    median_lower: med.lower,
    median_upper: med.upper,
    at: survivalAt(fit, times).map((a) => ({
      time: a.time,
      surv: a.surv,
      se: a.se,
      lower: a.lower,
      upper: a.upper,
      n_risk: a.nRisk,
    })),
  }
}

export function runKm(argv: string[], output: Output): void {
  const { values } = parseOptions({
    args: argv,
    options: {
      ipd: { type: 'string' },
      times: { type: 'string' },
      group: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  })
  if (values.help) {
    output.stdout(`${kmHelp}\n`)
    return
  }
  if (!values.ipd) throw usageError('--ipd is required')
  const times = parseTimes(values.times)
  const column = values.group
  if (column !== undefined && column !== 'arm' && column !== 'study' && column !== 'subgroup') {
    throw usageError(`--group must be arm, study or subgroup, got "${column}"`)
  }
  let records: IpdRecord[]
  try {
    records = readIpdFile(readText(values.ipd), values.ipd)
  } catch (e) {
    if (e instanceof InputError) throw new CliError(e.message)
    throw e
  }
  const labels: string[] = records.map((r) => {
    if (!column) return 'all'
    const v = r[column]
    if (v === null) throw new CliError(`${values.ipd}: no column "${column}" to group by`)
    return v
  })
  const groups = [...new Set(labels)]
  const summaries = groups.map((g) =>
    summarise(
      g,
      records.filter((_, i) => labels[i] === g),
      times,
    ),
  )
  let hr:
    | {
        ref: string
        other: string
        hr: number | null
        lower: number | null
        upper: number | null
        p_logrank: number | null
      }
    | undefined
  if (groups.length === 2) {
    const t = records.map((r) => r.time)
    const e = records.map((r) => r.event)
    const cox = coxTwoGroup(t, e, labels, { ref: groups[0] })
    const lr = logrank(t, e, labels)
    hr = {
      ref: String(cox.ref),
      other: String(cox.other),
      hr: cox.hr,
      lower: cox.lower,
      upper: cox.upper,
      p_logrank: lr.p,
    }
  }
  if (values.json) {
    output.stdout(
      `${JSON.stringify(hr ? { groups: summaries, hr } : { groups: summaries }, null, 2)}\n`,
    )
    return
  }
  const lines: string[] = []
  for (const s of summaries) {
    lines.push(
      `${s.group}: ${s.n} patients, ${s.events} events; median ${reached(s.median)} (95% CI ${reached(s.median_lower)} to ${reached(s.median_upper)})`,
    )
    if (s.at.length) {
      lines.push(
        columns([
          ['  time', 'surv', 'se', 'lower', 'upper', 'at risk'],
          ...s.at.map((a) => [
            `  ${a.time}`,
            num(a.surv),
            num(a.se),
            num(a.lower),
            num(a.upper),
            String(a.n_risk),
          ]),
        ]),
      )
    }
  }
  if (hr) {
    lines.push(
      `Hazard ratio ${hr.other} vs ${hr.ref}: ${num(hr.hr)} (95% CI ${num(hr.lower)}–${num(hr.upper)}), log-rank p ${hr.p_logrank === null ? '—' : hr.p_logrank.toPrecision(3)}`,
    )
  }
  output.stdout(`${lines.join('\n')}\n`)
}
