import type { AxesCalibration, AxisScale } from '../calibration/axes'
import type { OcrWord } from '../ocr/ocrWord'
import type { RgbaImage } from '../trace/types'
import { type AxisFit, MAX_RESIDUAL, fitAxis, pixelOf } from './axisFit'
import { type AxisView, INK, axisView, inkMap } from './inkMap'
import { type LabelStrip, findLabelStrip } from './labelStrip'
import { hasPointInk } from './pointInk'
import { parseTickLabel } from './tickLabel'
import { MIN_TICKS, type TickRow, findTickRows } from './tickMarks'
import { timeUnitOf } from './timeUnit'

/** One OCR request: a rectangle of the image (its pixels) and how to read it. */
export interface OcrRequest {
  region: { x: number; y: number; width: number; height: number }
  mode: 'sparse' | 'line' | 'block'
  charWhitelist?: string
  upscale?: number
}

/** Reads the words of a region of the figure; boxes in the figure's pixels (src/node/ocr.ts). */
export type ReadWords = (request: OcrRequest) => Promise<OcrWord[]>

/**
 * The words of the whole strip under the time axis: every column, from the axis line at `axisLine`
 * (pixels from the top) to the figure's foot, read once by a caller that reads them anyway (the
 * risk table's first reading, src/node/riskTableOcr.ts), boxes in the figure's pixels.
 */
export type WordsBelowAxis = (axisLine: number) => Promise<OcrWord[]>

export interface DetectAxesOptions {
  /** When given, the time axis's title is found among these words instead of read again. */
  wordsBelowAxis?: WordsBelowAxis
}

/** What was found on one axis. */
export interface AxisReading {
  /** Calibrated and verified. */
  verified: boolean
  scale?: AxisScale
  /** Tick marks found on the axis, and labels read under them that agree with each other. */
  ticks: number
  labels: number
  /** Largest distance (pixels) between a tick and where the fit puts its label's value. */
  maxResidual?: number
  /** 0–1: the share of the axis's ticks whose label was read alike twice (or once surely:
   * sureAlone) and fits the others. */
  confidence: number
}

export interface AxesDetection {
  /** Only when both axes were verified; otherwise null, and `problems` says why. */
  calibration: AxesCalibration | null
  x: AxisReading
  y: AxisReading
  /** Plain-language notes on what could not be read or did not agree, even when calibrated. */
  problems: string[]
}

const DIGITS = '0123456789.,%'
/** Row candidates tried per axis, best first (each costs two OCR reads). */
const CANDIDATES = 4
/** Shortest span of an axis's ticks, as a share of the figure's width (height for y). */
const MIN_SPAN = 0.25
/** OCR reads best with digits about this tall (pixels). */
const TARGET_TEXT = 32
/** A tick label is enlarged at most this many times. */
const CAP = 6
/** A tick label's first reading at least this confident (Tesseract's 0–100) may stand alone. */
const SURE_ALONE = 95

const round1 = (x: number) => Math.round(x * 10) / 10

interface AxisResult {
  fit: AxisFit
  row: TickRow
  strip: LabelStrip
  percent: boolean
  confidence: number
  problems: string[]
  /** Why the fit must not be trusted although it fits (decimal points lost: see labelRow). */
  refusal?: string
}

/**
 * Finds and calibrates both axes of a figure: rows of evenly spaced tick marks (findTickRows),
 * their labels read by OCR twice (each label alone, enlarged differently; a label counts only
 * when two readings agree, a third settling a disagreement; one sure reading that fits the
 * others' progression is enough, see sureAlone), the labels parsed (tickLabel) and
 * fitted to the ticks by least squares, linear or log (fitAxis). An axis is verified when at
 * least three labels agree on one progression, every tick they sit on is within MAX_RESIDUAL px
 * of the fit, the values grow the way axes do (right, up), and the survival axis reads as a
 * proportion (top ≤ 1) or a percentage (top 50–100, or a "%"). The calibration is returned only when both axes are;
 * what could not be read is listed either way.
 */
export async function detectAxes(
  image: RgbaImage,
  read: ReadWords,
  opts: DetectAxesOptions = {},
): Promise<AxesDetection> {
  const map = inkMap(image)
  const problems: string[] = []
  const x = await readAxis('x', axisView(map, 'x'), read, image)
  const y = await readAxis('y', axisView(map, 'y'), read, image)
  const report = (r: AxisResult | string[]): AxisReading => {
    if (Array.isArray(r)) {
      problems.push(...r)
      return { verified: false, ticks: 0, labels: 0, confidence: 0 }
    }
    problems.push(...r.problems)
    return {
      verified: false,
      scale: r.fit.scale,
      ticks: r.row.positions.length,
      labels: r.fit.used.length,
      maxResidual: round1(r.fit.maxResidual),
      confidence: Math.round(r.confidence * 100) / 100,
    }
  }
  const xr = report(x.result)
  const yr = report(y.result)
  xr.verified = x.ok
  yr.verified = y.ok
  if (Array.isArray(x.result) || Array.isArray(y.result) || !x.ok || !y.ok) {
    return { calibration: null, x: xr, y: yr, problems }
  }
  const xs = x.result
  const ys = y.result
  const yValues = ys.fit.used.map((t) => t.value)
  const top = Math.max(...yValues)
  let yScale: 'proportion' | 'percent'
  if (ys.percent || (top >= 50 && top <= 100)) yScale = 'percent'
  else if (top <= 1) yScale = 'proportion'
  else {
    problems.push(
      `the survival axis reads up to ${top}: neither a proportion (up to 1) nor a percentage (50 to 100, or marked %)`,
    )
    return { calibration: null, x: xr, y: { ...yr, verified: false }, problems }
  }
  // The x points on the axis line (the ticks' edge by the plot); the y points likewise.
  const xLine = xs.row.from
  const yLine = ys.row.to + 1
  const xv = xs.fit.used.map((t) => t.value)
  const [x1, x2] = [Math.min(...xv), Math.max(...xv)]
  const [y1, y2] = [Math.min(...yValues), top]
  const calibration: AxesCalibration = {
    x1: { px: round3(pixelOf(xs.fit, x1)), py: xLine, value: x1 },
    x2: { px: round3(pixelOf(xs.fit, x2)), py: xLine, value: x2 },
    y1: { px: yLine, py: round3(pixelOf(ys.fit, y1)), value: y1 },
    y2: { px: yLine, py: round3(pixelOf(ys.fit, y2)), value: y2 },
    ...(xs.fit.scale === 'log' ? { xScale: 'log' as const } : {}),
    yScale,
    ...(ys.fit.scale === 'log' ? { yAxis: 'log' as const } : {}),
  }
  const unit = await readTimeUnit(xs, read, image, opts.wordsBelowAxis)
  if (unit) calibration.timeUnit = unit
  return { calibration, x: xr, y: yr, problems }
}

const round3 = (v: number) => Math.round(v * 1000) / 1000

/**
 * One axis: tries the best rows of ticks in turn and returns the first that verifies, or the best
 * attempt (with its problems), or sentences saying why nothing was found.
 */
async function readAxis(
  axis: 'x' | 'y',
  view: AxisView,
  read: ReadWords,
  image: RgbaImage,
): Promise<{ ok: boolean; result: AxisResult | string[] }> {
  const name = axis === 'x' ? 'time (x) axis' : 'survival (y) axis'
  // An axis's ticks span much of the figure; a run of censor marks or of text strokes rarely does.
  const rows = findTickRows(view)
    .filter(
      (r) => r.positions[r.positions.length - 1] - r.positions[0] >= MIN_SPAN * view.alongSize,
    )
    .slice(0, CANDIDATES)
  if (!rows.length) {
    return { ok: false, result: [`found no evenly spaced tick marks for the ${name}`] }
  }
  let best: AxisResult | null = null
  let unread: string[] | null = null
  for (const row of rows) {
    const direction = axis === 'x' ? 1 : -1
    const strip = findLabelStrip(view, row, direction, Math.round(0.2 * view.acrossSize))
    if (!strip || strip.textSize < 4) continue
    // Strokes two pixels long with text right against them are the edges of glyphs (the side of
    // a "0"), not ticks: a tick that short has a gap before its label.
    const touching = axis === 'x' ? strip.near === row.to + 1 : strip.far === row.from - 1
    if (touching && row.to - row.from + 1 <= 2) continue
    const r = await labelRow(axis, view, row, strip, read, image)
    if (Array.isArray(r)) {
      // No fit: the first row's notes (the likeliest axis) say which labels were not read.
      unread ??= r
      continue
    }
    const ok =
      r.refusal === undefined &&
      r.fit.used.length >= MIN_TICKS &&
      r.fit.maxResidual <= MAX_RESIDUAL &&
      (axis === 'x' ? r.fit.slope > 0 : r.fit.slope < 0)
    if (ok) return { ok, result: r }
    if (!best || r.fit.used.length > best.fit.used.length) best = r
  }
  if (!best) {
    return {
      ok: false,
      result: [
        `found tick marks for the ${name} but could not read at least ${MIN_TICKS} labels that agree`,
        ...(unread ?? []),
      ],
    }
  }
  if (best.refusal !== undefined) {
    best.problems.push(`the ${name}'s ${best.refusal}: not calibrated; calibrate it by hand`)
  } else if (best.fit.maxResidual > MAX_RESIDUAL) {
    best.problems.push(
      `the ${name}'s ticks are up to ${round1(best.fit.maxResidual)} px from where their labels put them: not calibrated`,
    )
  } else if (best.fit.used.length < MIN_TICKS) {
    best.problems.push(`only ${best.fit.used.length} labels of the ${name} could be read`)
  } else {
    best.problems.push(`the ${name}'s labels do not grow in the axis's direction: not calibrated`)
  }
  return { ok: false, result: best }
}

/** The first and last pixel along the axis with ink, in a cell of the label strip. */
function inkSpan(view: AxisView, lo: number, hi: number, strip: LabelStrip) {
  let first = -1
  let last = -1
  for (let u = Math.max(0, lo); u <= Math.min(view.alongSize - 1, hi); u++) {
    for (let v = strip.near; v <= strip.far; v++) {
      if (view.at(u, v) > INK) {
        if (first < 0) first = u
        last = u
        break
      }
    }
  }
  return first < 0 ? null : { lo: first, hi: last }
}

/** The image rectangle of a strip of the axis: `along` and `across` ranges (inclusive). */
function rect(axis: 'x' | 'y', a0: number, a1: number, c0: number, c1: number, image: RgbaImage) {
  const [x0, x1, y0, y1] = axis === 'x' ? [a0, a1, c0, c1] : [c0, c1, a0, a1]
  const X0 = Math.max(0, Math.floor(x0))
  const Y0 = Math.max(0, Math.floor(y0))
  const X1 = Math.min(image.width - 1, Math.ceil(x1))
  const Y1 = Math.min(image.height - 1, Math.ceil(y1))
  return { x: X0, y: Y0, width: X1 - X0 + 1, height: Y1 - Y0 + 1 }
}

/** The text of the words whose centre falls in a tick's cell, in reading order. */
function cellText(words: OcrWord[], axis: 'x' | 'y', p: number, half: number): string {
  const centre = (w: OcrWord) =>
    axis === 'x' ? (w.box.x0 + w.box.x1) / 2 : (w.box.y0 + w.box.y1) / 2
  return words
    .filter((w) => Math.abs(centre(w) - p) <= half)
    .sort((a, b) => a.box.x0 - b.box.x0)
    .map((w) => w.text)
    .join('')
}

async function labelRow(
  axis: 'x' | 'y',
  view: AxisView,
  row: TickRow,
  strip: LabelStrip,
  read: ReadWords,
  image: RgbaImage,
): Promise<AxisResult | string[]> {
  const half = row.spacing / 2
  const pad = Math.max(2, Math.round(0.35 * strip.textSize))
  const upscale = Math.min(4, Math.max(1, TARGET_TEXT / strip.textSize))
  const readCell = async (region: OcrRequest['region'], p: number, scale: number) => {
    const words = await read({
      region,
      mode: 'line',
      charWhitelist: DIGITS,
      upscale: Math.min(CAP, scale),
    })
    return { text: cellText(words, axis, p, half), words }
  }
  // Every label read once first; the second reading is for those the first leaves in doubt.
  const first: ({ region: OcrRequest['region']; a: CellReading } | null)[] = []
  for (const p of row.positions) {
    // The label's own ink within the tick's cell: OCR reads a small image much faster.
    const ink = inkSpan(view, Math.ceil(p - half + 1), Math.floor(p + half - 1), strip)
    if (!ink) {
      first.push(null)
      continue
    }
    const region = rect(axis, ink.lo - pad, ink.hi + pad, strip.near - pad, strip.far + pad, image)
    first.push({ region, a: await readCell(region, p, upscale * 1.25) })
  }
  const alone = sureAlone(
    first.map((f, k) =>
      f ? { pixel: row.positions[k], ...f.a, point: hasPointInk(image, f.region) } : null,
    ),
    row.spacing,
  )
  const texts: { pixel: number; a: string; b: string; conf: number }[] = []
  for (const [k, p] of row.positions.entries()) {
    const cell = first[k]
    if (!cell) {
      texts.push({ pixel: p, a: '', b: '', conf: 0 })
      continue
    }
    // Two readings enlarged differently must agree; a third settles a disagreement. Smaller
    // enlargements (digits 26 and 40 px tall) took 15% less OCR time but lost the lung figure's
    // single-digit labels "0" and "6" (the README's axes worked example).
    let a = cell.a
    let b = alone.has(k) ? a : await readCell(cell.region, p, upscale * 2)
    if (a.text !== b.text) {
      // Both enlargements capped (small text): the third reading would read b's very image again.
      const c =
        Math.min(CAP, upscale * 1.6) === Math.min(CAP, upscale * 2)
          ? { ...b }
          : await readCell(cell.region, p, upscale * 1.6)
      if (c.text && c.text === b.text) a = c
      else if (c.text && c.text === a.text) b = c
    }
    const conf = [...a.words, ...(b === a ? [] : b.words)].map((w) => w.confidence)
    texts.push({
      pixel: p,
      a: a.text,
      b: b.text,
      conf: conf.length ? conf.reduce((s, c) => s + c, 0) / conf.length : 0,
    })
  }
  const where = (p: number) =>
    axis === 'x'
      ? `under the tick at x=${Math.round(p)} px`
      : `beside the tick at y=${Math.round(p)} px`
  const problems: string[] = []
  const agreed = texts.filter((t) => {
    if (t.a && t.a === t.b) return true
    problems.push(
      !t.a && !t.b
        ? `could not read the label ${where(t.pixel)}`
        : `could not read the label ${where(t.pixel)} for sure (read "${t.a || '?'}" and "${t.b || '?'}")`,
    )
    return false
  })
  let best: { fit: AxisFit; percent: boolean } | null = null
  for (const comma of ['decimal', 'thousands'] as const) {
    const ticks = agreed.flatMap((t) => {
      const label = parseTickLabel(t.a, comma)
      return label ? [{ pixel: t.pixel, value: label.value, percent: label.percent }] : []
    })
    const fit = fitAxis(ticks, row.spacing, MIN_TICKS)
    if (fit && (!best || fit.used.length > best.fit.used.length)) {
      best = { fit, percent: ticks.some((t) => t.percent) }
    }
  }
  if (!best) return problems
  for (const t of agreed) {
    const parsed = parseTickLabel(t.a, 'decimal')
    const used = best.fit.used.some((u) => u.pixel === t.pixel)
    if (!parsed) problems.push(`the label ${where(t.pixel)} reads "${t.a}", which is not a number`)
    else if (!used) {
      problems.push(`the label "${t.a}" ${where(t.pixel)} does not fit the other labels: left out`)
    }
  }
  return {
    fit: best.fit,
    row,
    strip,
    percent: best.percent,
    confidence: best.fit.used.length / row.positions.length,
    problems,
    refusal: lostDecimalPoints(agreed, best.fit, where),
  }
}

/** One OCR reading of a tick's label: its text (the words in the tick's cell) and its words. */
interface CellReading {
  text: string
  words: OcrWord[]
}

/**
 * The ticks (indices) whose first reading is enough: a number as printed ("0", "12", "0.25",
 * "100%") read with every word at least SURE_ALONE confident, that fits the progression (fitAxis,
 * at least MIN_TICKS labels, within MAX_RESIDUAL px) of the other such readings. A misreading
 * that fits an exact progression of sure neighbours is unlikely; the second reading's work is
 * then spent only on the labels in doubt. None when any first reading has a leading zero, or
 * shows a point between digits where its ink holds none or none where its ink holds one
 * (hasPointInk): a point lost by one reading and kept by the other must still make them disagree
 * ("0 1.5 3.0 4.5" read "0 15 30 45" is an axis 10× off with every label fitting, which
 * lostDecimalPoints cannot see when no reading keeps a point).
 */
function sureAlone(
  readings: ((CellReading & { pixel: number; point: boolean }) | null)[],
  spacing: number,
) {
  const alone = new Set<number>()
  const doubt = (r: CellReading & { point: boolean }) =>
    /(^|\D)0\d/.test(r.text) || r.point !== /\d[.,]\d/.test(r.text)
  if (readings.some((r) => r && doubt(r))) return alone
  const sure = readings.flatMap((r, k) => {
    if (!r || !/^(0|[1-9]\d*)([.,]\d+)?%?$/.test(r.text)) return []
    if (!r.words.length || r.words.some((w) => w.confidence < SURE_ALONE)) return []
    const label = parseTickLabel(r.text, 'decimal')
    return label ? [{ k, pixel: r.pixel, value: label.value }] : []
  })
  const fit = fitAxis(sure, spacing, MIN_TICKS)
  if (!fit || fit.maxResidual > MAX_RESIDUAL) return alone
  for (const t of sure) if (fit.used.some((u) => u.pixel === t.pixel)) alone.add(t.k)
  return alone
}

/**
 * Whether OCR dropped the axis's decimal points, which would scale it 10× without any label
 * disagreeing ("0 0.5 1.0 1.5 2.0" read "0 05 10 15 20" fits 0, 5, 10, 15, 20 exactly). Two signs:
 * a label with a leading zero ("05": printed labels never have one), or a label read with its
 * point that fits the others only at 10× or 100× its value (the others lost theirs). Neither
 * counts when the labels the fit rests on show their own points. A sentence saying which, or
 * undefined.
 */
function lostDecimalPoints(
  labels: { pixel: number; a: string }[],
  fit: AxisFit,
  where: (p: number) => string,
): string | undefined {
  // Labels the fit rests on that show their point prove the scale; a lone "02" beside "0.4"
  // is a misread label, left out as not a number.
  const usedText = labels.filter((t) => fit.used.some((u) => u.pixel === t.pixel))
  if (usedText.some((t) => /[.,]\d/.test(t.a))) return undefined
  const leading = labels.find((t) => /^0\d/.test(t.a.trim()))
  if (leading) {
    return `labels look like they lost their decimal points ("${leading.a.trim()}" ${where(leading.pixel)})`
  }
  for (const t of labels) {
    if (!/[.,]\d/.test(t.a) || fit.used.some((u) => u.pixel === t.pixel)) continue
    const parsed = parseTickLabel(t.a, 'decimal')
    if (!parsed) continue
    for (const factor of [10, 100]) {
      if (Math.abs(pixelOf(fit, parsed.value * factor) - t.pixel) <= MAX_RESIDUAL) {
        return `labels look like they lost their decimal points: "${t.a.trim()}" ${where(t.pixel)} fits the others only at ${factor}× its value`
      }
    }
  }
  return undefined
}

/** The words whose box's centre is inside the rectangle, in their order. */
export function wordsIn(
  words: readonly OcrWord[],
  r: { x: number; y: number; width: number; height: number },
): OcrWord[] {
  return words.filter((w) => {
    const cx = (w.box.x0 + w.box.x1) / 2
    const cy = (w.box.y0 + w.box.y1) / 2
    return cx >= r.x && cx < r.x + r.width && cy >= r.y && cy < r.y + r.height
  })
}

/**
 * The time unit named by the time axis's title, read in the lines under its labels; or found
 * among the words of the strip under the axis (`below`), those whose centre is in those lines.
 */
async function readTimeUnit(
  x: AxisResult,
  read: ReadWords,
  image: RgbaImage,
  below: WordsBelowAxis | undefined,
) {
  const h = x.strip.textSize
  const first = x.row.positions[0] - x.row.spacing
  const last = x.row.positions[x.row.positions.length - 1] + x.row.spacing
  if (x.strip.far + 2 >= image.height) return undefined
  const region = rect('x', first, last, x.strip.far - h / 2, x.strip.far + 3.5 * h, image)
  const words = below
    ? wordsIn(await below(x.row.from), region)
    : await read({ region, mode: 'sparse', upscale: Math.min(3, Math.max(1, 24 / h)) })
  // A word OCR splits in two ("Yea" "rs") is found with the words run together.
  return (
    timeUnitOf(words.map((w) => w.text).join(' ')) ?? timeUnitOf(words.map((w) => w.text).join(''))
  )
}
