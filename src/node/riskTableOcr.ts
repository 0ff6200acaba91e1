/**
 * Reads a figure's number-at-risk table with offline OCR (src/node/ocr.ts): the strip below the
 * plot is read once for its words (the layout: rows, labels, columns under the ticks; see
 * src/shared/riskTable), then every cell whose number it is not sure of is read again on its
 * own: enlarged, for digits only, and in black and white; unless both read the strip's number,
 * twice more (less enlarged, digits only and any text). A number is kept only when most readings
 * read it and none reads another (settleCell). Tesseract drops lone digits when reading a sparse page, a
 * digits-only reading turns an "O" into a "0", and the grey readings of a small or blurred digit
 * share their mistakes ("4" read "1" three times) where the black-and-white one does not: the
 * readings together catch them. The grey readings see the cell's levels stretched (its ink black,
 * its page white: ocr.ts `normalize`), so that pale, grey and coloured numbers (R base's) read as
 * well as black ones. A number whose box leaves ink of its cell unread is reported.
 * Cells still unsettled then (readings that disagree, too few that read a number) are read three
 * times more, at most MAX_AGAIN_CELLS of them a table, and settled again with every reading.
 */
import type { OcrWord } from '../shared/ocr/ocrWord'
import {
  type ReadRiskOptions,
  settleRiskTable,
  settleSlots,
  slotKey,
} from '../shared/riskTable/readRiskTable'
import { countText } from '../shared/riskTable/countText'
import { darkestInk, inkSpan, textLineHeight } from '../shared/riskTable/inkColor'
import { DEFAULT_MIN_CONFIDENCE } from '../shared/riskTable/settleCell'
import { type TableCalibration, layoutRiskTable } from '../shared/riskTable/tableLayout'
import type { RiskTableReading } from '../shared/riskTable/types'
import type { RgbaImage } from '../shared/trace/types'
import type { Ocr, OcrProgress } from './ocr'

/** A cell is enlarged to about this many pixels tall before it is read on its own. */
const CELL_HEIGHT = 48
const DIGITS = '0123456789,()'
/**
 * Text whose lines of ink are at most this many pixels tall (digits of an 8-pixel font) is too
 * small for the readings' agreement to mean much: at that size 3, 5, 6, 8 and 0 differ by a pixel
 * or two, and every reading of the cell makes the same mistake.
 */
const TINY_TEXT = 6
/** The darkness (0–255) above which a pixel is ink for inkSpan by default. */
const INK_LEVEL = 120
/** The strip's reading's confidence (every word of a number) above which it is kept alone. */
const SURE = 90
/** The problems of a cell that more readings may settle. */
const AGAIN = new Set(['disagree', 'low-confidence', 'not-a-number', 'missing'])
/** At most this many cells of a table are read the extra three times. */
const MAX_AGAIN_CELLS = 24

/** A reading of a whole number with every word at least SURE confident. */
function sureNumber(words: readonly OcrWord[]): boolean {
  return (
    words.length > 0 &&
    Math.min(...words.map((w) => w.confidence)) >= SURE &&
    countText(words.map((w) => w.text).join(' ')).ok
  )
}

/**
 * The number (and the number in parentheses) a reading reads, as one key; null when it reads no
 * number or any letter.
 */
function numberKey(words: readonly OcrWord[]): string | null {
  const text = [...words]
    .sort((a, b) => a.box.x0 - b.box.x0)
    .map((w) => w.text)
    .join(' ')
  const c = countText(text)
  return c.ok && !/[A-Za-z]/.test(text) ? `${c.nRisk}|${c.inParentheses ?? ''}` : null
}

/**
 * Whether every reading reads the number `key`, and the surest of them (its least sure word) is
 * at least `minConfidence` sure, as settleCell asks of the number it takes.
 */
function agreeSurely(readings: readonly OcrWord[][], key: string, minConfidence: number): boolean {
  return (
    readings.every((ws) => numberKey(ws) === key) &&
    Math.max(...readings.map((ws) => Math.min(...ws.map((w) => w.confidence)))) >= minConfidence
  )
}

export interface RiskOcrOptions extends Omit<ReadRiskOptions, 'image'> {
  onProgress?: (p: OcrProgress) => void
  /**
   * The strip under the axis read already (readBelowAxis, for the axes' time unit): its words
   * are used instead of reading it again. Asked for the table's own top line, so that words of
   * another strip are never used.
   */
  wordsBelowAxis?: (top: number) => Promise<OcrWord[]>
}

/** Where the table's strip starts: the time axis's line (pixels from the top). */
export const tableTop = (calibration: TableCalibration) =>
  Math.max(0, Math.floor(Math.max(calibration.x1.py, calibration.x2.py)))

/**
 * The first reading of a risk table: the whole strip under the time axis (every column, from the
 * axis line at `top` to the figure's foot) read as a sparse page, enlarged for text about 30
 * pixels tall. Its words hold the tick labels, the axis title and the table. None when the strip
 * is under 4 pixels tall.
 */
export async function readBelowAxis(
  ocr: Pick<Ocr, 'recognizeWords'>,
  image: RgbaImage,
  top: number,
  onProgress?: (p: OcrProgress) => void,
): Promise<OcrWord[]> {
  const y = Math.max(0, Math.floor(top))
  if (y >= image.height - 4) return []
  // Tesseract reads text best about 30 pixels tall: small text is enlarged, large text is not.
  const lineHeight = textLineHeight(image, { x0: 0, y0: y, x1: image.width, y1: image.height })
  return ocr.recognizeWords(image, {
    region: { x: 0, y, width: image.width, height: image.height - y },
    mode: 'sparse',
    // Tables print dark text on light: Tesseract's second, inverted reading adds nothing.
    invert: false,
    upscale: lineHeight === null ? 1 : Math.min(4, Math.max(1, 30 / lineHeight)),
    ...(onProgress ? { onProgress } : {}),
  })
}

export async function readRiskTableImage(
  ocr: Pick<Ocr, 'recognizeWords'>,
  image: RgbaImage,
  calibration: TableCalibration,
  opts: RiskOcrOptions = {},
): Promise<RiskTableReading> {
  const top = tableTop(calibration)
  if (top >= image.height - 4) return { times: [], timesFrom: 'calibration', arms: [], ignored: [] }
  const lineHeight = textLineHeight(image, { x0: 0, y0: top, x1: image.width, y1: image.height })
  const words = opts.wordsBelowAxis
    ? await opts.wordsBelowAxis(top)
    : await readBelowAxis(ocr, image, top, opts.onProgress)
  const layout = layoutRiskTable(words, calibration, { ...opts, image })
  /** The box within the image, as a region to read, or null when nothing of it is inside. */
  const inside = (b: { x0: number; y0: number; x1: number; y1: number }) => {
    const x0 = Math.max(0, b.x0)
    const y0 = Math.max(0, b.y0)
    const x1 = Math.min(image.width, b.x1)
    const y1 = Math.min(image.height, b.y1)
    return x1 - x0 >= 2 && y1 - y0 >= 2 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : null
  }
  const upscaleFor = (h: number, target = CELL_HEIGHT) =>
    Math.min(6, Math.max(1, target / Math.max(1, h)))
  /** One reading of a cell's region, enlarged to `target` pixels of text height. */
  const readCell = (
    region: { x: number; y: number; width: number; height: number },
    target: number,
    charWhitelist: string,
    binarize: boolean,
    pad: boolean,
  ) =>
    ocr.recognizeWords(image, {
      region,
      mode: 'line',
      invert: false,
      upscale: upscaleFor(region.height, target),
      charWhitelist,
      ...(pad ? { pad: 10 } : {}),
      ...(binarize ? { binarize } : { normalize: true }),
    })
  const minConfidence = opts.minConfidence ?? DEFAULT_MIN_CONFIDENCE
  const rereads = new Map<string, OcrWord[][]>()
  /** Which of each cell's rereads were read in black and white. */
  const views = new Map<string, boolean[]>()
  const spans = new Map<string, { x0: number; x1: number }>()
  const labels = new Map<number, string>()
  const regions = new Map<string, { x: number; y: number; width: number; height: number }>()
  for (const [r, row] of layout.rows.entries()) {
    const labelRegion = row.labelBox && inside(row.labelBox)
    if (labelRegion) {
      const words = await ocr.recognizeWords(image, {
        region: labelRegion,
        mode: 'line',
        invert: false,
        upscale: upscaleFor(labelRegion.height),
      })
      labels.set(r, words.map((w) => w.text).join(' '))
    }
    const h = row.box.y1 - row.box.y0
    for (const [s, slot] of row.slots.entries()) {
      // Only the number's own ink, with a margin: nothing of a neighbour or the label.
      const x = (slot.box.x0 + slot.box.x1) / 2
      // Ink is what is darker than 40% of the cell's darkest pixel (at most the usual level):
      // the thin strokes of pale text count, so that no digit is cut off.
      const ink = Math.min(INK_LEVEL, 0.4 * darkestInk(image, slot.box))
      const span = inkSpan(image, slot.box, x, slot.box.x0, slot.box.x1, Math.max(3, 0.8 * h), ink)
      if (!span) continue
      spans.set(slotKey(r, s), span)
      const region = inside({
        x0: span.x0 - 0.4 * h,
        x1: span.x1 + 0.4 * h,
        y0: slot.box.y0,
        y1: slot.box.y1,
      })
      if (!region) continue
      regions.set(slotKey(r, s), region)
      // Readings that differ in what they may read and in how much the cell is enlarged: the
      // same reading twice would repeat its own mistakes.
      const readings: OcrWord[][] = []
      const binary: boolean[] = []
      // A number the strip's reading is sure of is kept as read, with no reading of its own: on
      // the development seeds (3000–3119, 4000–4119, 6000–6599) such readings never corrected
      // one, and a misreading of theirs left a sure number unsettled (seed 3061's "111" read
      // "131"); a quarter of a table's readings are spared.
      if (sureNumber(slot.words)) {
        rereads.set(slotKey(r, s), readings)
        views.set(slotKey(r, s), binary)
        continue
      }
      // The two most different views first (grey enlarged, black and white): when both read
      // the number the strip read, three views agree and the other two readings are spared
      // (Lancet's "n (censored)" cells, rarely read sure by the strip: a tenth of a table's
      // readings on dev seeds 6000–6199, with the same cells read right, wrong and unread).
      const pageKey = numberKey(slot.words)
      for (const [k, [target, charWhitelist, binarize]] of (
        [
          [CELL_HEIGHT, DIGITS, false],
          [CELL_HEIGHT * 0.75, DIGITS, true],
          [CELL_HEIGHT * 0.65, DIGITS, false],
          [CELL_HEIGHT * 0.65, '', false],
        ] as const
      ).entries()) {
        if (k === 2 && pageKey && agreeSurely(readings, pageKey, minConfidence)) break
        readings.push(await readCell(region, target, charWhitelist, binarize, binarize))
        binary.push(binarize)
      }
      rereads.set(slotKey(r, s), readings)
      views.set(slotKey(r, s), binary)
    }
  }
  // Cells left unsettled (the readings disagree, or too few read the number) are read three
  // times more, larger, smaller and in black and white, within a bound on the time spent.
  const settled = settleSlots(layout, rereads, { ...opts, image }, spans, views)
  let extra = 0
  for (const [r, row] of layout.rows.entries()) {
    for (const s of row.slots.keys()) {
      const got = settled[r][s]
      const region = regions.get(slotKey(r, s))
      if (!('problem' in got) || !AGAIN.has(got.problem.code) || !region) continue
      if (extra >= MAX_AGAIN_CELLS) break
      extra++
      const readings = rereads.get(slotKey(r, s)) ?? []
      const binary = views.get(slotKey(r, s)) ?? []
      for (const [target, binarize] of [
        [CELL_HEIGHT * 1.3, false],
        [CELL_HEIGHT * 0.85, false],
        [CELL_HEIGHT * 1.1, true],
      ] as const) {
        readings.push(await readCell(region, target, DIGITS, binarize, true))
        binary.push(binarize)
      }
      rereads.set(slotKey(r, s), readings)
      views.set(slotKey(r, s), binary)
    }
  }
  const table = settleRiskTable(layout, rereads, { ...opts, image }, labels, spans, views)
  if (lineHeight !== null && lineHeight <= TINY_TEXT) {
    // Every reading of a digit this small can make the same mistake ("225" read "223" by all):
    // agreement confirms nothing, so each number is shown to be checked.
    for (const arm of table.arms) {
      for (const cell of arm.cells) {
        arm.problems.push({
          code: 'low-confidence',
          time: cell.time,
          box: cell.box,
          text: String(cell.nRisk),
          message: `"${cell.nRisk}" at ${Number(cell.time.toPrecision(6))} is printed only ${lineHeight} pixels tall: too small to read surely, check it`,
        })
      }
      arm.problems.sort((a, b) => (a.time ?? -Infinity) - (b.time ?? -Infinity))
    }
  }
  return table
}
