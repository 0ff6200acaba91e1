import { readdirSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { parseOptions } from '../parseOptions'
import { TAU2_METHODS, type Tau2Method } from '../../shared/meta'
import { MAX_TIME } from '../../shared/model/limits'
import { ProjectFileError } from '../../shared/model/projectFile'
import { reviewSettingsSchema, type ReviewSettings } from '../../shared/model/review'
import { parseReviewFile } from '../../shared/model/reviewFile'
import {
  computeReview,
  type EstimatePooledRow,
  estimateText,
  type ReviewResult,
  type ReviewStudyInput,
  type SurvivalPooledRow,
  timeText,
  valueText,
} from '../../shared/review'
import { loadReviewStudySync } from '../../node/reviewFolder'
import { MANIFEST, writeResultsFolder } from '../../node/resultsFolder'
import { reviewFiles } from '../../node/reviewResults'
import { CliError, usageError } from '../cliError'
import { columns } from '../format'
import { readText } from '../io'
import { progressBar } from '../progress'
import { kmpoolVersion } from '../version'
import type { Output } from '../output'

export const reviewHelp = `Usage: kmpool review DIR --out OUTDIR [--review FILE] [options]

Runs a whole review: reconstructs every study it lists, pools survival at its times, the median
and the hazard ratio overall and by subgroup, and writes the tables (CSV), the figures (SVG and
PNG at print resolution), the reconstructed IPD and a methods paragraph.

  DIR               a folder holding one .kmreview file, or the .kmreview file itself
  --review FILE     the review file, when DIR holds several
  --out OUTDIR      where to write the results: a new or empty folder, or earlier results,
                    which are replaced as a whole at the end
  --method M        tau² estimator: ${TAU2_METHODS.join(', ')} (default: the review's, REML)
  --hksj            Hartung–Knapp–Sidik–Jonkman CIs (--no-hksj: without, whatever the review says)
  --scale S         survival scale: identity, log, cloglog, logit or arcsine
  --times T,T,...   survival times, in the review's time unit
  --by V            subgroups by: subgroup, design or none
  --tau T           horizon of the one-stage RMST, in the review's time unit (default: the
                    review's rmstTau, else the shortest last follow-up of any reconstructed arm)
  --dpi N           resolution of the PNG figures (default 300)
  --no-png          write the figures as SVG only
  -q, --quiet       no progress bar (there is one on a terminal only)
  -h, --help        this help

Writes survival_table.csv, median_table.csv, hr_table.csv (with two-arm studies), exclusions.csv,
leave_one_out.csv, egger.csv, ipd.csv (study,subgroup,arm,time,event), from that same IPD
one_stage.csv (comparison,model,hr,lower,upper,p_wald,p_lr,ph_p) and rmst.csv
(study,subgroup,arm,tau,rmst,se; pooled rows have study "pooled"), methods.md, and
forest_<outcome>, pooled_curves and funnel_<outcome> as .svg and .png, and manifest.json (kmpool
version, time, settings, each file's SHA-256). A study file that is missing, cannot be read, lies
outside the review's folder or exceeds a limit is reported on one line and listed in
exclusions.csv; the review runs without it.`

const SCALES = ['identity', 'log', 'cloglog', 'logit', 'arcsine'] as const

/** The review file DIR names: DIR itself, --review, or the one .kmreview file in DIR. */
function findReviewFile(dir: string, review: string | undefined): string {
  if (review !== undefined) return review
  let isFolder: boolean
  try {
    isFolder = statSync(dir).isDirectory()
  } catch {
    throw new CliError(`${dir}: no such file or folder`)
  }
  if (!isFolder) return dir
  const found = readdirSync(dir)
    .filter((f) => f.toLowerCase().endsWith('.kmreview'))
    .sort()
  if (found.length === 0) {
    throw new CliError(`${dir}: no .kmreview file in this folder (name one with --review FILE)`)
  }
  if (found.length > 1) {
    throw new CliError(
      `${dir}: ${found.length} review files (${found.join(', ')}); choose one with --review FILE`,
    )
  }
  return join(dir, found[0])
}

function settingsFrom(
  base: ReviewSettings,
  values: Record<string, string | boolean | undefined>,
): ReviewSettings {
  const s: ReviewSettings = { ...base }
  if (typeof values.method === 'string') {
    const m = values.method.toUpperCase() as Tau2Method
    if (!TAU2_METHODS.includes(m)) {
      throw usageError(`--method must be one of ${TAU2_METHODS.join(', ')}, got "${values.method}"`)
    }
    s.method = m
  }
  if (values.hksj && values['no-hksj']) throw usageError('give --hksj or --no-hksj, not both')
  if (values.hksj) s.hksj = true
  if (values['no-hksj']) s.hksj = false
  if (typeof values.scale === 'string') {
    const scale = SCALES.find((x) => x === values.scale)
    if (!scale)
      throw usageError(`--scale must be one of ${SCALES.join(', ')}, got "${values.scale}"`)
    s.scale = scale
  }
  if (typeof values.times === 'string') {
    const times = values.times.split(',').map((t) => Number(t.trim()))
    const ok = times.every((t, i) => Number.isFinite(t) && t > 0 && (i === 0 || t > times[i - 1]))
    if (!ok || values.times.trim() === '') {
      throw usageError(
        `--times must be increasing numbers > 0 separated by commas, got "${values.times}"`,
      )
    }
    s.survivalTimes = times
  }
  if (typeof values.by === 'string') {
    const by = values.by.toLowerCase()
    if (by !== 'subgroup' && by !== 'design' && by !== 'none') {
      throw usageError(`--by must be subgroup, design or none, got "${values.by}"`)
    }
    s.subgroupBy = by === 'none' ? null : by
  }
  const checked = reviewSettingsSchema.safeParse(s)
  if (!checked.success) {
    const issue = checked.error.issues[0]
    throw usageError(`${issue.path.join('.') || 'settings'}: ${issue.message}`)
  }
  return checked.data
}

function summary(result: ReviewResult, outDir: string, written: string[]): string {
  const s = result.settings
  const all = result.studies
  const pooled = all.filter((p) => p.excludedReason === null)
  const reconstructed = pooled.filter((p) => p.source === 'reconstructed').length
  const lines = [
    `Review${result.title ? ` "${result.title}"` : ''}: ${all.length} studies, ${pooled.length} pooled (${reconstructed} reconstructed, ${pooled.length - reconstructed} from published numbers); ${s.method}${s.hksj ? ' with HKSJ' : ''}, survival on the ${s.scale} scale.`,
  ]
  const survival = result.outcomes.filter((a) => a.kind === 'survival')
  const median = result.outcomes.find((a) => a.kind === 'median')
  const rows = result.survivalTable.rows.filter((r): r is SurvivalPooledRow => r.kind !== 'study')
  if (rows.length && (survival.length || median)) {
    const header = [
      'subgroup',
      'k',
      ...(median ? [`median, ${s.timeUnit} (95% CI)`] : []),
      ...survival.map((a) => `${timeText(a.time as number)} ${s.timeUnit}`),
    ]
    const body = rows.map((r) => {
      const m = result.medianTable?.rows.find(
        (x): x is EstimatePooledRow =>
          x.kind !== 'study' && x.kind === r.kind && x.subgroup === r.subgroup,
      )
      const k = Math.max(...r.cells.map((c) => c.k), m?.k ?? 0)
      return [
        r.label,
        String(k),
        ...(median ? [m ? estimateText('median', m.value, m.lower, m.upper) : '—'] : []),
        ...r.cells.map((c) => (c.surv === null ? '—' : `${valueText('survival', c.surv)}%`)),
      ]
    })
    lines.push('', 'Pooled survival (95% CIs in survival_table.csv):', columns([header, ...body]))
    if (median && median.pool.Q_between_p !== null && median.subgroups.length > 1) {
      lines.push(
        `Median: test for subgroup differences Q ${median.pool.Q_between?.toFixed(2)} on ${median.pool.Q_between_df} df, p ${median.pool.Q_between_p.toPrecision(3)}`,
      )
    }
  }
  const hr = result.outcomes.find((a) => a.kind === 'hr')
  if (hr?.pool.pooled) {
    const p = hr.pool.pooled
    lines.push(`Hazard ratio: ${estimateText('hr', p.value, p.lower, p.upper)}, k = ${hr.pool.k}`)
  }
  const excluded = result.exclusions.filter((e) => e.action === 'excluded').length
  lines.push(
    '',
    `${result.exclusions.length} rows in exclusions.csv: ${excluded} exclusion${excluded === 1 ? '' : 's'}, ${result.exclusions.length - excluded} adjustments or notes.`,
    `Wrote ${written.length} files to ${outDir}.`,
  )
  return `${lines.join('\n')}\n`
}

export function runReview(argv: string[], output: Output): void {
  const { values, positionals } = parseOptions({
    args: argv,
    options: {
      out: { type: 'string' },
      review: { type: 'string' },
      method: { type: 'string' },
      hksj: { type: 'boolean' },
      'no-hksj': { type: 'boolean' },
      scale: { type: 'string' },
      times: { type: 'string' },
      by: { type: 'string' },
      tau: { type: 'string' },
      dpi: { type: 'string' },
      'no-png': { type: 'boolean' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  })
  if (values.help) {
    output.stdout(`${reviewHelp}\n`)
    return
  }
  if (positionals.length > 1) throw usageError(`give one review folder, got ${positionals.length}`)
  const dir = positionals[0] ?? (values.review ? dirname(values.review) : undefined)
  if (dir === undefined) throw usageError('give the review folder (kmpool review DIR --out OUTDIR)')
  if (!values.out) throw usageError('--out is required')
  let dpi = 300
  if (values.dpi !== undefined) {
    dpi = Number(values.dpi)
    if (!Number.isInteger(dpi) || dpi < 72 || dpi > 1200) {
      throw usageError(`--dpi must be a whole number from 72 to 1200, got "${values.dpi}"`)
    }
  }
  let rmstTau: number | null = null
  if (values.tau !== undefined) {
    rmstTau = Number(values.tau)
    if (
      !Number.isFinite(rmstTau) ||
      rmstTau <= 0 ||
      rmstTau > MAX_TIME ||
      values.tau.trim() === ''
    ) {
      throw usageError(`--tau must be a number > 0 and at most ${MAX_TIME}, got "${values.tau}"`)
    }
  }
  const reviewPath = findReviewFile(dir, values.review)
  let review
  try {
    review = parseReviewFile(readText(reviewPath, 'review'), reviewPath)
  } catch (e) {
    if (e instanceof ProjectFileError) throw new CliError(e.message)
    throw e
  }
  if (review.studies.length === 0) throw new CliError(`${reviewPath}: the review lists no studies`)
  const settings = settingsFrom(review.settings, values)
  // --tau overrides the review's τ for this run; the manifest records the one used.
  if (rmstTau !== null) settings.rmstTau = rmstTau
  const reviewDir = dirname(resolve(reviewPath))
  // Steps: each study read, then the review computed, its figures drawn, the folder written.
  const steps = review.studies.length + 3
  const bar = progressBar(output, steps, values.quiet)
  const studies: ReviewStudyInput[] = review.studies.map((entry, i) => {
    bar.update(i, `reading ${entry.path}`)
    const loaded = loadReviewStudySync(reviewDir, entry.path)
    if (loaded.loadError) {
      bar.end()
      output.stderr(`kmpool review: ${loaded.loadError}; the review runs without it\n`)
    }
    return { path: entry.path, included: entry.included, reason: entry.reason, ...loaded }
  })
  bar.update(steps - 3, 'reconstructing and pooling')
  const result = computeReview(
    { title: review.title, settings, studies },
    { version: kmpoolVersion() },
  )
  const outDir = values.out
  bar.update(steps - 2, values['no-png'] ? 'drawing the figures' : 'drawing the figures (SVG, PNG)')
  const files = reviewFiles(result, { png: !values['no-png'], dpi })
  bar.update(steps - 1, `writing ${outDir}`)
  // One unit: the earlier results in OUTDIR stay whole until the new set replaces them.
  writeResultsFolder(outDir, files, {
    kmpool: kmpoolVersion(),
    settings: result.settings,
    inputs: [reviewDir],
  })
  bar.end()
  output.stdout(summary(result, outDir, [...files.map(([n]) => n), MANIFEST]))
}
