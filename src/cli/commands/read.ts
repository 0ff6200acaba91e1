import { createHash } from 'node:crypto'
import { basename, join } from 'node:path'
import { parseArgs } from 'node:util'
import type { AxesCalibration } from '../../shared/calibration/axes'
import { curveTraceOf } from '../../shared/model/curveTrace'
import { type Provenance, partsToCheck } from '../../shared/model/provenance'
import { formatStudyFile } from '../../shared/model/projectFile'
import { type Study, type StudyCurve, emptyStudy, studySchema } from '../../shared/model/study'
import { matchArms } from '../../shared/riskTable/matchArms'
import type { RiskTableReading } from '../../shared/riskTable/types'
import { TraceError, findCurves, formatColor, parseCalibration } from '../../shared/trace'
import type { Calibration, TracedCurve } from '../../shared/trace'
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
  --quiet             no progress bar
  -h, --help          this help

Exits with status 1 when the axes cannot be read (give --calibration then) or no curve is found.`

const MIME: [RegExp, 'image/png' | 'image/jpeg' | 'image/webp' | 'image/bmp'][] = [
  [/^\x89PNG/, 'image/png'],
  [/^\xff\xd8/, 'image/jpeg'],
  [/^RIFF....WEBP/s, 'image/webp'],
  [/^BM/, 'image/bmp'],
]

/** Names that say an arm is the control, for the reference arm's guess. */
const CONTROL =
  /\b(placebo|control|standard|usual|observation|obs|sham|chemo(therapy)?\s+alone|soc)\b/i

const round = (x: number) => Number(x.toPrecision(7))

/** How the risk-table rows were paired with the curves, in words. */
const MATCHED_BY = {
  color: 'by colour',
  numbers: 'by their numbers (the table fits the curves that way)',
  order: 'in order (nothing else told them apart)',
} as const

/** The parts of a study read automatically (provenance keys), in words. */
const PART_WORDS: Record<string, string> = {
  calibration: 'the axes',
  curves: 'the trace',
  risk: 'the numbers at risk',
  censor: 'the censor marks',
  referenceCurve: 'the reference arm',
}

/** S(t) of a traced step curve: the last corner at or before t. */
function survivalAt(curve: TracedCurve, t: number): number {
  let s = 1
  for (const p of curve.points) {
    if (p.time > t + 1e-9) break
    s = p.surv
  }
  return s
}

const UNITS = ['days', 'weeks', 'months', 'years'] as const

/** What reading one figure gave: the study, its --json, and its report in words. */
interface FigureRead {
  study: Study
  json: unknown
  /** The report without its last line (where the study was written). */
  lines: string[]
  curves: number
  warnings: number
  toCheck: string[]
}

type Ocr = ReturnType<(typeof import('../../node/ocr'))['openOcr']>

export async function runRead(argv: string[], output: Output): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      image: { type: 'string' },
      out: { type: 'string' },
      'out-dir': { type: 'string' },
      calibration: { type: 'string' },
      json: { type: 'boolean' },
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
  const { openOcr } = await import('../../node/ocr')
  const ocr = openOcr()
  try {
    if (values.image) {
      const one = await readFigure(values.image, given, ocr, status)
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
        const one = await readFigure(input, given, ocr, () => {})
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
): Promise<FigureRead> {
  const bytes = Buffer.from(readBytes(imagePath, 'figure'))
  const mime = MIME.find(([re]) => re.test(bytes.subarray(0, 12).toString('latin1')))?.[1]
  if (!mime) {
    throw new CliError(
      `${imagePath}: a study embeds PNG, JPEG, WebP or BMP; save the figure as PNG`,
    )
  }
  const image = readImage(imagePath)
  const [{ detectAxes }, { readRiskTableImage }] = await Promise.all([
    import('../../shared/axes'),
    import('../../node/riskTableOcr'),
  ])
  let calibration: Calibration
  let calibrationNotes: string[] = []
  let table: RiskTableReading
  let curves: TracedCurve[]
  const warnings: string[] = []
  try {
    if (given) calibration = given
    else {
      status('reading the axes…')
      const found = await detectAxes(image, (request) => ocr.recognizeWords(image, request))
      if (!found.calibration) {
        throw new CliError(
          `${imagePath}: the axes could not be read (${found.problems[0] ?? 'no reason given'}); give --calibration`,
        )
      }
      calibration = parseCalibration(found.calibration)
      calibrationNotes = found.problems
    }
    status('tracing the curves…')
    try {
      const found = findCurves(image, calibration)
      curves = found.curves
      warnings.push(...found.warnings.map((w) => w.message))
    } catch (e) {
      if (e instanceof TraceError) throw new CliError(`${imagePath}: ${e.message}`)
      throw e
    }
    if (curves.length === 0) throw new CliError(`${imagePath}: no curve found in the figure`)
    status('reading the risk table…')
    table = await readRiskTableImage(ocr, image, calibration)
  } finally {
    status('')
  }

  const match = matchArms(
    table.arms.map((a) => ({ ...(a.color ? { color: a.color } : {}), cells: a.cells })),
    curves.map((c) => ({ color: formatColor(c.color), survivalAt: (t) => survivalAt(c, t) })),
  )
  const rowOf = (curveIndex: number) => match.curveOf.findIndex((c) => c === curveIndex)
  const ids = curves.map((_, i) => `curve-${i + 1}`)
  const studyCurves: StudyCurve[] = curves.map((c, i) => {
    const row = rowOf(i)
    const arm = row >= 0 ? table.arms[row] : undefined
    return {
      id: ids[i],
      name: arm?.label || `Curve ${i + 1}`,
      color: formatColor(c.color),
      points: c.points.map((p) => ({ px: p.x, py: p.y, time: p.time, surv: p.surv })),
      risk: arm ? arm.cells.map((cell) => ({ time: cell.time, nRisk: cell.nRisk })) : [],
      censorTimes: c.censorMarks.map((m) => m.time),
      trace: curveTraceOf(c.status),
    }
  })
  for (const [r, arm] of table.arms.entries()) {
    if (match.curveOf[r] === null || match.curveOf[r] === undefined) {
      warnings.push(`the risk-table row "${arm.label || r + 1}" matches no traced curve`)
    }
  }

  // The reference arm: one whose name says control, else the table's first row, else curve 1.
  const byName = studyCurves.findIndex((c) => CONTROL.test(c.name))
  const firstRow = match.curveOf.find((c) => c !== null) ?? null
  const refIndex = byName >= 0 ? byName : (firstRow ?? 0)
  const refWhy =
    byName >= 0
      ? `its name "${studyCurves[byName].name}" says control`
      : firstRow !== null
        ? 'the first row of the risk table'
        : 'the first curve found; nothing named the control arm'

  const mark = (notes: string[]) => ({ from: 'read' as const, confirmed: false, notes })
  const provenance: Provenance = {
    calibration: given
      ? { from: 'user', confirmed: true, notes: [] }
      : mark(calibrationNotes.slice(0, 200)),
    curves: Object.fromEntries(
      curves.map((c, i) => [
        ids[i],
        mark(
          [
            ...(c.status.status === 'whole' ? [] : [`traced ${c.status.status}`]),
            ...c.warnings.map((w) => w.message),
          ].slice(0, 200),
        ),
      ]),
    ),
    risk: Object.fromEntries(
      curves.map((_, i) => {
        const row = rowOf(i)
        const arm = row >= 0 ? table.arms[row] : undefined
        return [
          ids[i],
          mark(
            arm
              ? [`matched by ${match.by}`, ...arm.problems.map((p) => p.message)].slice(0, 200)
              : ['no risk-table row matched this curve'],
          ),
        ]
      }),
    ),
    censor: Object.fromEntries(ids.map((id) => [id, mark([])])),
    referenceCurve: mark([`guessed: ${refWhy}`]),
  }
  const cal: AxesCalibration = {
    x1: calibration.x1,
    x2: calibration.x2,
    y1: calibration.y1,
    y2: calibration.y2,
    yScale: calibration.yScale,
    ...(UNITS.find((u) => u === calibration.timeUnit)
      ? { timeUnit: calibration.timeUnit as (typeof UNITS)[number] }
      : {}),
  }
  const study: Study = studySchema.parse({
    ...emptyStudy(),
    record: { ...emptyStudy().record, label: basename(imagePath).replace(/\.[^.]+$/, '') },
    figure: {
      name: basename(imagePath),
      mime,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      width: image.width,
      height: image.height,
      data: bytes.toString('base64'),
    },
    calibration: cal,
    curves: studyCurves,
    referenceCurve: ids[refIndex],
    provenance,
  })
  const toCheck = partsToCheck(study.provenance)
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
  return { study, json, lines, curves: curves.length, warnings: warnings.length, toCheck }
}
