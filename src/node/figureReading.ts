/**
 * Reading a whole Kaplan–Meier figure (issue 14), shared by `kmpool read` and the app's "Read
 * figure" (which runs it in a worker thread, src/node/figureWorker.ts): the axes (detectAxes),
 * every curve traced with its censor marks (findCurves), the number-at-risk table
 * (readRiskTableImage) with each row matched to its curve, and the reference arm guessed; the
 * result is a study whose automatic parts are marked "to check" (provenance). The strip under the
 * time axis is read once, for the axes' time unit and the risk table's layout. Also the risk tab's
 * "Read from figure": the table alone, its rows matched to the study's own curves.
 *
 * Every step checks `signal` between readings, so that a cancelled reading stops at the next OCR
 * call; a step that cannot be interrupted (tracing) is stopped by its worker's end.
 */
import { createHash } from 'node:crypto'
import { detectAxes } from '../shared/axes'
import type { AxesCalibration } from '../shared/calibration/axes'
import type { FigureMime, ReadProgress, RiskReadingResult } from '../shared/ipc/contract'
import { curveTraceOf } from '../shared/model/curveTrace'
import type { OcrWord } from '../shared/ocr/ocrWord'
import { type Provenance, type ReadCell, partsToCheck } from '../shared/model/provenance'
import { type Study, type StudyCurve, emptyStudy, studySchema } from '../shared/model/study'
import { type ArmMatch, matchArms } from '../shared/riskTable/matchArms'
import type { RiskArm, RiskTableReading } from '../shared/riskTable/types'
import { TraceError, findCurves, formatColor, parseCalibration } from '../shared/trace'
import { findInset, insetWarning, type InsetRect } from '../shared/trace/findInset'
import { insetStroke, rectMask } from '../shared/trace/insetMask'
import type { Calibration, RgbaImage, TracedCurve } from '../shared/trace'
import { imageMime } from './images'
import type { Ocr } from './ocr'
import { readBelowAxis, readRiskTableImage } from './riskTableOcr'

export type { ReadProgress, RiskReadingResult }

export interface ReadOptions {
  /** Stops the reading at its next OCR call or step (an AbortError is thrown). */
  signal?: AbortSignal
  onProgress?: (p: ReadProgress) => void
  /** Trace a zoomed inset's ink too (by default it is found, left out and said: findInset). */
  keepInset?: boolean
}

/** Why a figure could not be read, in one line (the CLI prefixes the file and a hint). */
export class FigureReadError extends Error {
  constructor(
    readonly code: 'axes' | 'trace' | 'no-curves' | 'not-embeddable',
    message: string,
  ) {
    super(message)
    this.name = 'FigureReadError'
  }
}

/** Names that say an arm is the control, for the reference arm's guess. */
const CONTROL =
  /\b(placebo|control|standard|usual|observation|obs|sham|chemo(therapy)?\s+alone|soc)\b/i

const UNITS = ['days', 'weeks', 'months', 'years'] as const

/** How risk-table rows were paired with curves: matchArms's ways, and by the curves' names. */
export type MatchedBy = ArmMatch['by'] | 'label'

/** The OCR engine, seen through the signal and a counter of readings for the progress line. */
function watched(
  ocr: Pick<Ocr, 'recognizeWords'>,
  signal: AbortSignal | undefined,
  onRead: () => void,
): Pick<Ocr, 'recognizeWords'> {
  return {
    async recognizeWords(image, opts) {
      signal?.throwIfAborted()
      onRead()
      const words = await ocr.recognizeWords(image, opts)
      signal?.throwIfAborted()
      return words
    },
  }
}

/** S(t) of a step curve given by its corners in time order: the last corner at or before t. */
export function stepSurvival(points: readonly { time: number; surv: number }[]) {
  return (t: number): number => {
    let s = 1
    for (const p of points) {
      if (p.time > t + 1e-9) break
      s = p.surv
    }
    return s
  }
}

const key = (name: string) => name.trim().toLowerCase().replace(/\s+/g, ' ')

/**
 * Which curve each risk-table row belongs to: by the curves' names when every row's label names a
 * different curve (a study whose arms the reviewer named), else as `matchArms` does (colour, the
 * numbers, the order).
 */
export function matchRiskRows(
  arms: readonly RiskArm[],
  curves: readonly {
    name?: string
    color: string
    survivalAt: (t: number) => number
  }[],
): { curveOf: (number | null)[]; by: MatchedBy } {
  const byName = arms.map((a) =>
    a.label ? curves.findIndex((c) => c.name !== undefined && key(c.name) === key(a.label)) : -1,
  )
  if (arms.length > 0 && byName.every((i) => i >= 0) && new Set(byName).size === arms.length) {
    return { curveOf: byName, by: 'label' }
  }
  return matchArms(
    arms.map((a) => ({ ...(a.color ? { color: a.color } : {}), cells: a.cells })),
    curves.map((c) => ({ color: c.color, survivalAt: c.survivalAt })),
  )
}

/** Codes of a problem that stands for a cell with no number read. */
const UNREAD = new Set([
  'missing',
  'blank',
  'low-confidence',
  'not-a-number',
  'disagree',
  'two-numbers',
])

/** The most boxes kept per row: one per tick, well within the study's bound. */
const MAX_ROW_CELLS = 200

/**
 * Where a row's cells were read in a `width` × `height` figure, for the reviewer to see each
 * number in place: the cells read with their number, and the ticks where none could be read
 * (a problem with a time and no cell) without one. Boxes clipped to the figure, in time order.
 */
export function readCellsOf(arm: RiskArm, width: number, height: number): ReadCell[] {
  const clip = (v: number, hi: number) => Math.min(hi, Math.max(0, Number.isFinite(v) ? v : 0))
  const place = (time: number, b: { x0: number; y0: number; x1: number; y1: number }) => ({
    time,
    x0: clip(Math.min(b.x0, b.x1), width),
    y0: clip(Math.min(b.y0, b.y1), height),
    x1: clip(Math.max(b.x0, b.x1), width),
    y1: clip(Math.max(b.y0, b.y1), height),
  })
  const same = (a: number, b: number) => Math.abs(a - b) < 1e-9
  const cells: ReadCell[] = arm.cells.map((c) => ({ ...place(c.time, c.box), n: c.nRisk }))
  for (const p of arm.problems) {
    if (p.time === undefined || !Number.isFinite(p.time) || !UNREAD.has(p.code)) continue
    if (cells.some((c) => same(c.time, p.time!))) continue
    cells.push(place(p.time, p.box))
  }
  return cells.sort((a, b) => a.time - b.time).slice(0, MAX_ROW_CELLS)
}

export interface StudyCurveForRisk {
  id: string
  name: string
  color: string
  points: { time: number; surv: number }[]
  totalN?: number
}

/**
 * Reads the table under the plot with the study's calibration, its rows matched to the study's
 * curves. A curve whose row gives a `totalN` has its numbers checked against it.
 */
export async function readRiskForCurves(
  ocr: Pick<Ocr, 'recognizeWords'>,
  image: RgbaImage,
  calibration: Calibration,
  curves: readonly StudyCurveForRisk[],
  opts: ReadOptions = {},
): Promise<RiskReadingResult> {
  let reads = 0
  const progress = () =>
    opts.onProgress?.({ step: 1, steps: 1, message: 'Reading the risk table…', reads })
  progress()
  const table = await readRiskTableImage(
    watched(ocr, opts.signal, () => {
      reads++
      progress()
    }),
    image,
    calibration,
  )
  const match = matchRiskRows(
    table.arms,
    curves.map((c) => ({
      name: c.name,
      color: c.color,
      survivalAt: stepSurvival(c.points),
    })),
  )
  const arms: RiskReadingResult['arms'] = []
  const unmatched: RiskReadingResult['unmatched'] = []
  for (const [r, arm] of table.arms.entries()) {
    const c = match.curveOf[r]
    if (c === null || c === undefined) {
      unmatched.push({ label: arm.label, cells: arm.cells.length })
      continue
    }
    const curve = curves[c]
    const cells = arm.cells.map((cell) => ({ time: cell.time, nRisk: cell.nRisk }))
    const problems = arm.problems.map((p) => ({
      code: p.code,
      time: p.time ?? null,
      message: p.message,
    }))
    // The arm's N, when the reviewer typed it: a number above it is flagged as `kmpool risk --n`.
    const n = curve.totalN
    if (n !== undefined) {
      for (const cell of cells) {
        if (cell.nRisk > n) {
          problems.push({
            code: 'exceeds-n',
            time: cell.time,
            message: `${cell.nRisk} at risk at ${cell.time} is more than the arm's ${n} patients`,
          })
        }
      }
    }
    arms.push({
      curveId: curve.id,
      label: arm.label,
      ...(arm.color ? { color: arm.color } : {}),
      cells,
      problems,
      places: readCellsOf(arm, image.width, image.height),
    })
  }
  return {
    times: table.times,
    arms,
    matchedBy: table.arms.length ? match.by : null,
    unmatched,
  }
}

/** What reading a whole figure gave: the study, and what the CLI's report needs. */
export interface FigureReading {
  study: Study
  calibration: AxesCalibration
  calibrationFrom: 'read' | 'user'
  table: RiskTableReading
  /** For each curve of the study (in order), its risk-table row, or -1. */
  rowOf: number[]
  matchedBy: MatchedBy
  reference: { index: number; why: string }
  warnings: string[]
  toCheck: string[]
}

/**
 * Reads one figure whole (the axes unless given, the curves, the risk table, the reference arm)
 * into a study that embeds it. `name` names the figure (its file name).
 */
export async function readFigureStudy(
  ocr: Pick<Ocr, 'recognizeWords'>,
  bytes: Buffer,
  name: string,
  image: RgbaImage,
  given: Calibration | null,
  opts: ReadOptions = {},
): Promise<FigureReading> {
  const mime = imageMime(bytes)
  if (mime === null || mime === 'image/gif') {
    throw new FigureReadError(
      'not-embeddable',
      'a study embeds PNG, JPEG, WebP or BMP; save the figure as PNG',
    )
  }
  const { signal } = opts
  const steps = given ? 2 : 3
  let step = 0
  let reads = 0
  let message = ''
  const report = () => opts.onProgress?.({ step, steps, message, reads })
  const next = (text: string) => {
    signal?.throwIfAborted()
    step++
    reads = 0
    message = text
    report()
  }
  const reader = watched(ocr, signal, () => {
    reads++
    report()
  })

  // The strip under the time axis is read once, for the axes (their time unit) and the risk
  // table (its layout), keyed by its top line: a strip read from another line is not reused.
  const strips = new Map<number, Promise<OcrWord[]>>()
  const wordsBelowAxis = (top: number) => {
    let words = strips.get(top)
    if (!words) {
      words = readBelowAxis(reader, image, top)
      strips.set(top, words)
    }
    return words
  }

  let calibration: Calibration
  let calibrationNotes: string[] = []
  const warnings: string[] = []
  if (given) calibration = given
  else {
    next('Reading the axes…')
    const found = await detectAxes(image, (request) => reader.recognizeWords(image, request), {
      wordsBelowAxis,
    })
    if (!found.calibration) {
      throw new FigureReadError(
        'axes',
        `the axes could not be read (${found.problems[0] ?? 'no reason given'})`,
      )
    }
    calibration = parseCalibration(found.calibration)
    calibrationNotes = found.problems
  }
  next('Tracing the curves…')
  let curves: TracedCurve[]
  let inset: InsetRect | null
  try {
    // A zoomed inset's curves are the arms' ink: left out, said, and kept as the study's mask.
    inset = opts.keepInset ? null : findInset(image, calibration)
    const mask = inset ? rectMask(inset, image.width, image.height) : undefined
    const found = findCurves(image, calibration, { mask })
    curves = found.curves
    if (inset) {
      const keep =
        "it is the study's tracing mask: erase the mask there (or give kmpool read --keep-inset) to trace it"
      warnings.push(insetWarning(inset, keep).message)
    }
    warnings.push(...found.warnings.map((w) => w.message))
  } catch (e) {
    if (e instanceof TraceError) throw new FigureReadError('trace', e.message)
    throw e
  }
  if (curves.length === 0) throw new FigureReadError('no-curves', 'no curve found in the figure')
  next('Reading the risk table…')
  const table = await readRiskTableImage(reader, image, calibration, { wordsBelowAxis })
  signal?.throwIfAborted()

  const match = matchRiskRows(
    table.arms,
    curves.map((c) => ({ color: formatColor(c.color), survivalAt: stepSurvival(c.points) })),
  )
  const rowOf = curves.map((_, i) => match.curveOf.findIndex((c) => c === i))
  const ids = curves.map((_, i) => `curve-${i + 1}`)
  const studyCurves: StudyCurve[] = curves.map((c, i) => {
    const arm = rowOf[i] >= 0 ? table.arms[rowOf[i]] : undefined
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
        const arm = rowOf[i] >= 0 ? table.arms[rowOf[i]] : undefined
        if (!arm) return [ids[i], mark(['no risk-table row matched this curve'])]
        return [
          ids[i],
          {
            ...mark(
              [`matched by ${match.by}`, ...arm.problems.map((p) => p.message)].slice(0, 200),
            ),
            cells: readCellsOf(arm, image.width, image.height),
          },
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
    record: { ...emptyStudy().record, label: name.replace(/\.[^.]+$/, '') },
    figure: {
      name,
      mime: mime satisfies FigureMime,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      width: image.width,
      height: image.height,
      data: bytes.toString('base64'),
    },
    calibration: cal,
    curves: studyCurves,
    ...(inset ? { traceMask: [insetStroke(inset)] } : {}),
    referenceCurve: ids[refIndex],
    provenance,
  })
  return {
    study,
    calibration: cal,
    calibrationFrom: given ? 'user' : 'read',
    table,
    rowOf,
    matchedBy: match.by,
    reference: { index: refIndex, why: refWhy },
    warnings,
    toCheck: partsToCheck(study.provenance),
  }
}
