import { join } from 'node:path'
import { ProjectFileError, parseStudyFile } from '../../shared/model/projectFile'
import {
  reconstructStudy,
  studyReconstructionInput,
  type StudyReconstruction,
} from '../../shared/study/reconstructStudy'
import { studyIpdCsv, studySummaryCsv } from '../../shared/study/studyCsv'
import { CliError } from '../cliError'
import { num } from '../format'
import { readText, writeText } from '../io'
import type { Output } from '../output'
import { marksNotUsedJson, warningsJson } from './reconstructWarnings'

/** The --json output of a study (docs/cli-schemas/reconstruct-study.schema.json). */
export function studyJson(label: string, result: StudyReconstruction) {
  return {
    study: label,
    time_unit: result.timeUnit,
    curves: result.curves.map((c) => {
      if (c.status === 'incomplete') return { name: c.name, status: c.status, reason: c.reason }
      if (c.status === 'failed') return { name: c.name, status: c.status, problem: c.problem }
      const { summary: s, report } = c
      return {
        name: c.name,
        status: c.status,
        n: s.n,
        events: s.events,
        censored: s.censored,
        median: s.median,
        median_lower: s.medianLower,
        median_upper: s.medianUpper,
        accuracy: {
          rmse: report.accuracy.rmse,
          mae: report.accuracy.mae,
          max_abs: report.accuracy.maxAbs,
        },
        risk: report.risk,
        years: s.years.map((y) => ({
          years: y.years,
          time: y.time,
          surv: y.surv,
          se: y.se,
          lower: y.lower,
          upper: y.upper,
          n_risk: y.nRisk,
        })),
        warnings: warningsJson(report.warnings),
        ...marksNotUsedJson(report),
      }
    }),
    hr: result.comparison && {
      ref: result.comparison.ref,
      other: result.comparison.other,
      hr: result.comparison.hr,
      lower: result.comparison.lower,
      upper: result.comparison.upper,
      p_logrank: result.comparison.pLogrank,
    },
  }
}

function humanReport(label: string, result: StudyReconstruction): string {
  const lines = [`${label || 'Study'} (times in ${result.timeUnit})`]
  for (const c of result.curves) {
    if (c.status === 'incomplete') lines.push(`  ${c.name}: not reconstructed: ${c.reason}`)
    else if (c.status === 'failed') {
      const where =
        c.problem.point !== undefined
          ? ` (point ${c.problem.point + 1})`
          : c.problem.riskRow !== undefined
            ? ` (risk row ${c.problem.riskRow + 1})`
            : ''
      lines.push(`  ${c.name}: failed${where}: ${c.problem.message}`)
    } else {
      const s = c.summary
      lines.push(
        `  ${c.name}: ${s.n} patients, ${s.events} events; median ${num(s.median, 2)} (95% CI ${num(s.medianLower, 2)}–${num(s.medianUpper, 2)}); RMSE ${num(c.report.accuracy.rmse, 4)}, max |error| ${num(c.report.accuracy.maxAbs, 4)}`,
      )
      for (const w of c.report.warnings) lines.push(`    warning: ${w.message}`)
    }
  }
  const cmp = result.comparison
  if (cmp) {
    lines.push(
      `Hazard ratio ${cmp.other} vs ${cmp.ref}: ${num(cmp.hr)} (95% CI ${num(cmp.lower)}–${num(cmp.upper)}), log-rank p ${cmp.pLogrank === null ? '—' : cmp.pLogrank.toPrecision(3)}`,
    )
  }
  return `${lines.join('\n')}\n`
}

/** Reads a saved study and reconstructs every curve, as the app does. */
export function reconstructStudyFile(path: string) {
  let study
  try {
    study = parseStudyFile(readText(path, 'study'), path)
  } catch (e) {
    if (e instanceof ProjectFileError) throw new CliError(e.message)
    throw e
  }
  const result = reconstructStudy(studyReconstructionInput(study))
  return { study, result, label: study.record.label || study.record.citation }
}

/** Writes a study's IPD and KM summary as CSV; the paths written. */
export function writeStudyCsv(
  { study, result }: ReturnType<typeof reconstructStudyFile>,
  ipdPath: string,
  summaryPath: string,
  stdout: (s: string) => void,
): string[] {
  writeText(ipdPath, studyIpdCsv(result), stdout)
  writeText(summaryPath, studySummaryCsv(result, study.record), stdout)
  return [ipdPath, summaryPath]
}

/**
 * `kmpool reconstruct --study S.kmstudy [--out DIR] [--json]`: every curve of a saved study,
 * through the same function as the app's panel and exports, so the numbers are the app's.
 */
export function runReconstructStudy(
  path: string,
  outDir: string | undefined,
  json: boolean,
  output: Output,
): void {
  const read = reconstructStudyFile(path)
  const { label, result } = read
  if (outDir) {
    writeStudyCsv(read, join(outDir, 'ipd.csv'), join(outDir, 'km-summary.csv'), output.stdout)
  }
  if (json) output.stdout(`${JSON.stringify(studyJson(label, result), null, 2)}\n`)
  else {
    output.stdout(humanReport(label, result))
    if (outDir)
      output.stdout(`IPD and KM summary written to ${outDir}/ipd.csv and km-summary.csv.\n`)
  }
}
