import { basename, join } from 'node:path'
import { parseOptions } from '../parseOptions'
import { setFlagsFromString } from 'node:v8'
import { imageMime } from '../../node/images'
import { formatStudyFile } from '../../shared/model/projectFile'
import type { Study } from '../../shared/model/study'
import type { Calibration } from '../../shared/trace'
import { expandInputs, runBatchAsync } from '../batch'
import { readCalibration } from '../calibrationFile'
import { CliError, usageError } from '../cliError'
import { columns } from '../format'
import { readImage } from '../image'
import { readBytes, writeText } from '../io'
import type { Output } from '../output'

export const readHelp = `Usage: kmpool read --image F.png [--out study.kmstudy] [--calibration C.json] [--json]
       kmpool read FIGURE|DIR… [--out-dir DIR] [--calibration C.json] [--json] [--quiet]

Reads a whole Kaplan–Meier figure in one step, offline: the axes (as "kmpool axes"), every curve
traced with its censor marks (as "kmpool trace --color auto"), the number-at-risk table (as
"kmpool risk") with each row matched to its curve by colour or by its numbers, and the reference
arm guessed from the arms' names and the table's order. The study file it writes embeds the
figure and marks every part it read as "to check": open it in kmpool to confirm each part, or
correct it, before the study is used.

  --image FILE        the figure: PNG, JPEG, WebP or BMP
  --out FILE          write the study (.kmstudy)
  --calibration FILE  use this calibration instead of reading the axes (marked as given by you)
  --json              print {calibration, calibration_from, curves: [{id, name, color, status,
                      points, censor, risk: [{time, n_risk}], risk_problems, matched_by}],
                      reference, to_check, warnings}
  --out-dir DIR       with several figures or a folder: write NAME.kmstudy per figure into DIR;
                      a summary table follows (with --json, an array of {input, status, error,
                      outputs, warnings, result})
  --keep-inset        trace a zoomed inset's ink too: by default a framed small plot inside the
                      plot (its curves zoomed) is found, left out of the tracing, said in the
                      warnings and kept as the study's tracing mask
  --quiet             no progress bar
  -h, --help          this help

Exits with status 1 when the axes cannot be read (give --calibration then) or no curve is found.`

const round = (x: number) => Number(x.toPrecision(7))

/** How the risk-table rows were paired with the curves, in words. */
const MATCHED_BY = {
  color: 'by colour',
  numbers: 'by their numbers (the table fits the curves that way)',
  order: 'in order (nothing else told them apart)',
  label: 'by their labels',
} as const

/** The parts of a study read automatically (provenance keys), in words. */
const PART_WORDS: Record<string, string> = {
  calibration: 'the axes',
  curves: 'the trace',
  risk: 'the numbers at risk',
  censor: 'the censor marks',
  referenceCurve: 'the reference arm',
}

/** What reading one figure gave: the study, its --json, and its report in words. */
interface FigureRead {
  study: Study
  json: unknown
  /** The report without its last line (where the study was written). */
  lines: string[]
  curves: number
  warnings: string[]
  toCheck: string[]
}

type Ocr = ReturnType<(typeof import('../../node/ocr'))['openOcr']>

export async function runRead(argv: string[], output: Output): Promise<void> {
  const { values, positionals } = parseOptions({
    args: argv,
    options: {
      image: { type: 'string' },
      out: { type: 'string' },
      'out-dir': { type: 'string' },
      calibration: { type: 'string' },
      json: { type: 'boolean' },
      'keep-inset': { type: 'boolean' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: true,
  })
  if (values.help) {
    output.stdout(`${readHelp}\n`)
    return
  }
  if (positionals.length > 0 && (values.image || values.out)) {
    throw usageError('give figures either with --image (and --out) or as a list, not both')
  }
  if (!values.image && positionals.length === 0) throw usageError('--image is required')
  const given = values.calibration ? readCalibration(values.calibration) : null
  const status = (text: string) => {
    if (output.stderrIsTTY && !values.json && !values.quiet) output.stderr(`\r\x1b[2K${text}`)
  }
  const keepInset = values['keep-inset'] ?? false
  if (values.image) {
    // One figure, then the process ends. V8's optimising compiler compiles the tracer's largest
    // functions several times over in a new process (on entering a hot loop, then whole, then
    // again as their type feedback settles), 50–250 ms of CPU a compile, mostly for the code it
    // inlines; one figure is traced before that pays back. Without inlining, on the bench's
    // figures (built CLI, a new process each, 1400×1000, three runs, 2026-12-06) the read took
    // 2.67 → 2.51 s of CPU (JCO), 3.04 → 2.89 s (Lancet), 2.76 → 2.51 s (random), with output
    // byte-identical on one figure of each style. A batch keeps it: its later figures run on the
    // compiled code.
    setFlagsFromString('--no-turbo-inlining')
  }
  const { openOcr } = await import('../../node/ocr')
  // One figure (--image): an engine started for it alone (ocr.ts).
  const ocr = openOcr({ oneFigure: values.image !== undefined })
  try {
    if (values.image) {
      const one = await readFigure(values.image, given, ocr, status, keepInset)
      if (values.out) writeText(values.out, formatStudyFile(one.study), output.stdout)
      if (values.json) output.stdout(`${JSON.stringify(one.json, null, 2)}\n`)
      else {
        const last = values.out ? `Written: ${values.out}.` : 'Give --out FILE to write the study.'
        output.stdout(`${[...one.lines, last].join('\n')}\n`)
      }
      return
    }
    const inputs = expandInputs(
      positionals,
      (f) => FIGURE.test(f),
      'figures (PNG, JPEG, WebP or BMP)',
    )
    const outDir = values['out-dir']
    await runBatchAsync(
      inputs,
      async (input, name) => {
        const one = await readFigure(input, given, ocr, () => {}, keepInset)
        const outputs: string[] = []
        if (outDir) {
          const path = join(outDir, `${name}.kmstudy`)
          writeText(path, formatStudyFile(one.study), output.stdout)
          outputs.push(path)
        }
        const figures = `${one.curves} curve${one.curves === 1 ? '' : 's'}, to check: ${one.toCheck.length} part${one.toCheck.length === 1 ? '' : 's'}`
        return { result: one.json, outputs, figures, warnings: one.warnings }
      },
      { command: 'read', json: values.json ?? false, quiet: values.quiet ?? false },
      output,
    )
  } finally {
    status('')
    await ocr.close()
  }
}

const FIGURE = /\.(png|jpe?g|webp|bmp)$/i

/** Reads one figure whole (axes unless given, curves, risk table, reference arm) into a study. */
async function readFigure(
  imagePath: string,
  given: Calibration | null,
  ocr: Ocr,
  status: (text: string) => void,
  keepInset: boolean,
): Promise<FigureRead> {
  const bytes = Buffer.from(readBytes(imagePath, 'figure'))
  const mime = imageMime(bytes)
  if (mime === null || mime === 'image/gif') {
    throw new CliError(
      `${imagePath}: a study embeds PNG, JPEG, WebP or BMP; save the figure as PNG`,
    )
  }
  const image = readImage(imagePath)
  const { readFigureStudy, FigureReadError } = await import('../../node/figureReading')
  let reading: Awaited<ReturnType<typeof readFigureStudy>>
  try {
    reading = await readFigureStudy(ocr, bytes, basename(imagePath), image, given, {
      keepInset,
      onProgress: (p) =>
        status(`${p.message.replace(/…$/, '').toLowerCase()}${p.reads ? ` (${p.reads})` : ''}…`),
    })
  } catch (e) {
    if (e instanceof FigureReadError) {
      throw new CliError(
        `${imagePath}: ${e.message}${e.code === 'axes' ? '; give --calibration' : ''}`,
      )
    }
    throw e
  } finally {
    status('')
  }
  const { study, table, warnings } = reading
  const cal = reading.calibration
  const studyCurves = study.curves
  const rowOf = (curveIndex: number) => reading.rowOf[curveIndex]
  const match = { by: reading.matchedBy }
  const ids = studyCurves.map((c) => c.id)
  const refIndex = reading.reference.index
  const refWhy = reading.reference.why
  const toCheck = reading.toCheck
  const json = {
    calibration: cal,
    calibration_from: given ? 'user' : 'read',
    curves: studyCurves.map((c, i) => {
      const row = rowOf(i)
      return {
        id: c.id,
        name: c.name,
        color: c.color,
        status: c.trace!.status,
        points: c.points.map((p) => ({ time: round(p.time), surv: round(p.surv) })),
        censor: (c.censorTimes ?? []).map(round),
        risk: c.risk.map((r) => ({ time: r.time, n_risk: r.nRisk })),
        risk_problems: row >= 0 ? table.arms[row].problems.map((p) => p.message) : [],
        matched_by: row >= 0 ? match.by : null,
      }
    }),
    reference: ids[refIndex],
    to_check: toCheck,
    warnings,
  }
  const lines = [
    `Axes: ${given ? 'as given' : 'read from the figure'} — time calibrated at ${cal.x1.value} and ${cal.x2.value}${cal.timeUnit ? ` ${cal.timeUnit}` : ''}, survival as a ${cal.yScale}.`,
    '',
    columns([
      [
        'curve',
        'name',
        'colour',
        'status',
        'corners',
        'censor marks',
        'risk rows',
        'risk problems',
      ],
      ...studyCurves.map((c, i) => {
        const row = rowOf(i)
        return [
          c.id,
          c.name,
          c.color,
          c.trace!.status,
          String(c.points.length),
          String(c.censorTimes?.length ?? 0),
          String(c.risk.length),
          String(row >= 0 ? table.arms[row].problems.length : 0),
        ]
      }),
    ]),
    '',
    `Risk-table rows matched to curves ${MATCHED_BY[match.by]}. Reference arm: ${studyCurves[refIndex].name} (${refWhy}).`,
  ]
  if (warnings.length) lines.push('', 'Warnings:', ...warnings.map((w) => `  ${w}`))
  const names = new Map(studyCurves.map((c) => [c.id, c.name]))
  const words = toCheck.map((part) => {
    const [kind, id] = part.split('.')
    return id === undefined ? PART_WORDS[kind] : `${names.get(id) ?? id}: ${PART_WORDS[kind]}`
  })
  lines.push('', `To check in kmpool before use: ${words.join('; ') || 'nothing'}.`)
  return { study, json, lines, curves: studyCurves.length, warnings, toCheck }
}
