import { join } from 'node:path'
import { parseOptions } from '../parseOptions'
import { InputError } from '../../shared/formats/inputError'
import { formatIpdCsv } from '../../shared/formats/ipdFile'
import { type PointsFile, readPointsFile } from '../../shared/formats/pointsFile'
import { type RiskFile, readRiskFile } from '../../shared/formats/riskFile'
import { readCensorFile } from '../../shared/formats/censorFile'
import { ReconstructError, reconstruct } from '../../shared/reconstruct'
import type { ReconstructOptions, ReconstructResult } from '../../shared/reconstruct/types'
import { expandInputs, runBatch } from '../batch'
import { CliError, usageError } from '../cliError'
import { columns, num } from '../format'
import { readText, writeText } from '../io'
import type { Output } from '../output'
import { marksNotUsedJson, warningsJson } from './reconstructWarnings'
import {
  reconstructStudyFile,
  runReconstructStudy,
  studyJson,
  writeStudyCsv,
} from './reconstructStudy'

export const reconstructHelp = `Usage: kmpool reconstruct --points P.csv [--risk R.csv] [--n N] [--events E]
                         [--out ipd.csv] [--json] [options]
       kmpool reconstruct --study S.kmstudy [--out DIR] [--json]
       kmpool reconstruct STUDY|DIR... [--out-dir DIR] [--json] [--quiet]

Reconstructs individual patient data from a digitized Kaplan–Meier curve (Guyot et al. 2012,
with kmpool's improvements) and reports how well it fits.

  --points FILE     digitized curve: time,survival (header optional; WebPlotDigitizer's CSV)
  --risk FILE       numbers at risk: time,n_risk (header optional)
  --n N             total number of patients (needed without --risk)
  --events E        total number of events, when published
  --censor FILE     censor-mark times (one column, time), as kmpool trace --censor-out writes
  --out FILE        write the IPD (time,event) as CSV; "-" for standard output
  --json            print {n, events, censored, warnings: [{code, message, ...}], accuracy,
                    risk[], marks_not_used[] (with --censor), ...} as JSON
  --percent         survival is in percent      (default: detected, values above 1.5)
  --proportion      survival is a proportion
  --method M        kmpool (default) or guyot (the published algorithm, as IPDfromKM)
  --monotone M      isotonic (default) or carry-forward (IPDfromKM's repair)
  --study FILE      a study saved by the app: reconstructs every curve, as the app does; --out DIR
                    then writes DIR/ipd.csv (all curves, arm column) and DIR/km-summary.csv

Several studies: name .kmstudy files, or folders (their .kmstudy files). Each is reconstructed on
its own; one that fails is reported and the others still run (exit code 1 if any failed).
  --out-dir DIR     write NAME-ipd.csv, NAME-km-summary.csv and NAME.json (as --study --json
                    prints), NAME being the file's name without extension (with its folder's
                    name when two are alike)
  --json            print an array of {input, status, error, outputs, warnings, result}, result as
                    --study --json prints; progress and errors go to standard error only
  -q, --quiet       no progress bar (there is one on a terminal only)

  -h, --help        this help

Semicolon-separated files with decimal commas (European spreadsheets) are read as such.`

function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0)
    throw usageError(`${flag} must be a whole number ≥ 0, got "${value}"`)
  return n
}

/** The file and row a ReconstructError points at, as the user's file numbers its rows. */
function locate(
  e: ReconstructError,
  points: PointsFile & { path: string },
  risk: (RiskFile & { path: string }) | null,
): string {
  if (e.where === 'points') {
    return e.index === null ? points.path : `${points.path}, row ${points.lines[e.index]}`
  }
  if (e.where === 'risk' && risk) {
    return e.index === null ? risk.path : `${risk.path}, row ${risk.lines[e.index]}`
  }
  return 'totals (--n/--events)'
}

export function toJson(result: ReconstructResult) {
  const { report } = result
  return {
    n: report.n,
    events: report.events,
    censored: report.censored,
    warnings: warningsJson(report.warnings),
    ...marksNotUsedJson(report),
    accuracy: {
      rmse: report.accuracy.rmse,
      mae: report.accuracy.mae,
      max_abs: report.accuracy.maxAbs,
    },
    risk: report.risk,
    method: report.method,
    intervals: report.intervals.map((i) => ({
      from: i.from,
      to: i.to,
      n_risk_start: i.nRiskStart,
      published_end: i.publishedEnd,
      reconstructed_end: i.reconstructedEnd,
      events: i.events,
      censored: i.censored,
    })),
    preprocessing: report.preprocessing,
  }
}

function humanReport(
  result: ReconstructResult,
  points: PointsFile,
  out: string | undefined,
): string {
  const r = result.report
  const lines = [
    `Survival read as ${points.scale} (${points.detected ? 'detected' : 'as declared'}).`,
    `Reconstructed ${r.n} patients: ${r.events} events, ${r.censored} censored (method ${r.method}).`,
    `Fit to the digitized curve: RMSE ${num(r.accuracy.rmse, 4)}, mean |error| ${num(r.accuracy.mae, 4)}, max |error| ${num(r.accuracy.maxAbs, 4)}.`,
  ]
  if (r.intervals.length > 0) {
    lines.push(
      '',
      columns([
        ['interval', 'at risk', 'published', 'reconstructed', 'events', 'censored'],
        ...r.intervals.map((i) => [
          `${i.from}–${i.to ?? 'end'}`,
          String(i.nRiskStart),
          i.publishedEnd === null ? '—' : String(i.publishedEnd),
          String(i.reconstructedEnd),
          String(i.events),
          String(i.censored),
        ]),
      ]),
    )
  }
  const changed = r.preprocessing.filter((s) => s.changed > 0)
  if (changed.length) {
    lines.push('', 'Preprocessing:', ...changed.map((s) => `  ${s.step}: ${s.detail}`))
  }
  if (r.warnings.length) lines.push('', 'Warnings:', ...r.warnings.map((w) => `  ${w.message}`))
  lines.push('', out ? `IPD written to ${out}.` : 'Give --out FILE to write the IPD.')
  return `${lines.join('\n')}\n`
}

/** `kmpool reconstruct STUDY… --out-dir DIR`: each study reconstructed on its own (batch.ts). */
function reconstructBatch(
  args: string[],
  outDir: string | undefined,
  json: boolean,
  quiet: boolean,
  output: Output,
): void {
  const inputs = expandInputs(args, (f) => f.toLowerCase().endsWith('.kmstudy'), '.kmstudy files')
  runBatch(
    inputs,
    (input, name) => {
      const read = reconstructStudyFile(input)
      const result = studyJson(read.label, read.result)
      const outputs = outDir
        ? writeStudyCsv(
            read,
            join(outDir, `${name}-ipd.csv`),
            join(outDir, `${name}-km-summary.csv`),
            output.stdout,
          )
        : []
      if (outDir) {
        const path = join(outDir, `${name}.json`)
        writeText(path, `${JSON.stringify(result, null, 2)}\n`, output.stdout)
        outputs.push(path)
      }
      // A curve not reconstructed (incomplete or failed) counts as a warning of its study.
      const curves = result.curves.map((c) =>
        c.status === 'done' ? `${c.name} n=${c.n}` : `${c.name} ${c.status}`,
      )
      const hr = result.hr?.hr
      const figures = `${curves.join(', ') || 'no curves to reconstruct'}${hr != null ? `; HR ${num(hr)}` : ''}`
      const warnings = result.curves.flatMap((c) =>
        c.status === 'done'
          ? c.warnings.map((w) => `${c.name}: ${w.message}`)
          : [`${c.name}: not reconstructed: ${c.status === 'incomplete' ? c.reason : c.problem}`],
      )
      return { result, outputs, figures, warnings }
    },
    { command: 'reconstruct', json, quiet },
    output,
  )
}

export function runReconstruct(argv: string[], output: Output): void {
  const { values, positionals } = parseOptions({
    args: argv,
    options: {
      points: { type: 'string' },
      risk: { type: 'string' },
      n: { type: 'string' },
      events: { type: 'string' },
      censor: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' },
      percent: { type: 'boolean' },
      proportion: { type: 'boolean' },
      method: { type: 'string' },
      monotone: { type: 'string' },
      study: { type: 'string' },
      'out-dir': { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  })
  if (values.help) {
    output.stdout(`${reconstructHelp}\n`)
    return
  }
  if (positionals.length > 0) {
    const single = [
      'points',
      'risk',
      'n',
      'events',
      'censor',
      'out',
      'study',
      'percent',
      'proportion',
      'method',
      'monotone',
    ] as const
    for (const flag of single) {
      if (values[flag] !== undefined) {
        throw usageError(`--${flag} is for one curve or study; several studies take --out-dir DIR`)
      }
    }
    reconstructBatch(
      positionals,
      values['out-dir'],
      values.json ?? false,
      values.quiet ?? false,
      output,
    )
    return
  }
  if (values['out-dir'] !== undefined) {
    throw usageError('--out-dir is for several studies (kmpool reconstruct STUDY… --out-dir DIR)')
  }
  if (values.study !== undefined) {
    if (values.points || values.risk || values.n || values.events) {
      throw usageError(
        '--study reconstructs a saved study; give it without --points, --risk, --n or --events',
      )
    }
    runReconstructStudy(values.study, values.out, values.json ?? false, output)
    return
  }
  if (!values.points) throw usageError('--points is required')
  if (values.percent && values.proportion)
    throw usageError('give --percent or --proportion, not both')
  const method = values.method ?? 'kmpool'
  if (method !== 'kmpool' && method !== 'guyot')
    throw usageError(`--method must be kmpool or guyot, got "${method}"`)
  const monotone = values.monotone ?? 'isotonic'
  if (monotone !== 'isotonic' && monotone !== 'carry-forward') {
    throw usageError(`--monotone must be isotonic or carry-forward, got "${monotone}"`)
  }
  const totalN = positiveInt(values.n, '--n')
  const totalEvents = positiveInt(values.events, '--events')
  if (!values.risk && totalN === undefined)
    throw usageError('give --risk or --n (the total number of patients)')

  const scale = values.percent ? 'percent' : values.proportion ? 'proportion' : undefined
  const pointsPath = values.points
  const riskPath = values.risk
  let points: PointsFile & { path: string }
  let risk: (RiskFile & { path: string }) | null = null
  let censorTimes: number[] | undefined
  try {
    points = { ...readPointsFile(readText(pointsPath), pointsPath, scale), path: pointsPath }
    if (riskPath) risk = { ...readRiskFile(readText(riskPath), riskPath), path: riskPath }
    if (values.censor) censorTimes = readCensorFile(readText(values.censor), values.censor).times
  } catch (e) {
    if (e instanceof InputError) throw new CliError(e.message)
    throw e
  }
  const options: ReconstructOptions = { method, monotone, scale: 'proportion' }
  let result: ReconstructResult
  try {
    result = reconstruct({
      points: points.points,
      risk: risk?.rows,
      totalN,
      totalEvents,
      censorTimes,
      options,
    })
  } catch (e) {
    if (e instanceof ReconstructError)
      throw new CliError(`${locate(e, points, risk)}: ${e.message}`)
    throw e
  }
  if (values.out) writeText(values.out, formatIpdCsv(result.ipd), output.stdout)
  if (values.json) {
    const json = { ...toJson(result), scale: points.scale }
    output.stdout(`${JSON.stringify(json, null, 2)}\n`)
  } else if (values.out !== '-') output.stdout(humanReport(result, points, values.out))
}
