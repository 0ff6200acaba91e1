import type { OcrWord } from '../ocr/ocrWord'
import type { RgbaImage } from '../trace/types'
import { hasInk } from './inkColor'
import { countText } from './countText'
import { digitsFromWidth, fitDigitPitch } from './digitCount'
import { rowChecks } from './rowChecks'
import { type SettleOptions, settleCell } from './settleCell'
import {
  type TableCalibration,
  type TableLayout,
  type TableRow,
  type TableSlot,
  layoutRiskTable,
} from './tableLayout'
import type { RiskArm, RiskCell, RiskProblem, RiskTableReading } from './types'

export interface ReadRiskOptions {
  tickTimes?: number[]
  image?: RgbaImage
  /** Each row's number of patients, in table order, when known. */
  totalN?: (number | undefined)[]
  minConfidence?: number
}

/** A label's words without the marks a line drawn beside it is read as ("— Arm A"). */
const cleanLabel = (text: string) =>
  text
    .split(/\s+/)
    .filter((t) => t && !/^[-–—‒−_|.,:;'"`~+=*°]+$/.test(t))
    .join(' ')

/** How far ink extends beyond a box, left or right, whichever is more (pixels). */
const outside = (box: { x0: number; x1: number }, ink: { x0: number; x1: number }) =>
  Math.max(0, box.x0 - ink.x0, ink.x1 - box.x1)

/**
 * A number's digits, its count in parentheses' included ("120 (5)": 4), for the digit-pitch check;
 * null for numbers of a thousand or more (their thousands separator has a width of its own).
 */
const digitsOf = (c: { nRisk: number; inParentheses?: number }) =>
  c.nRisk < 1000 && (c.inParentheses ?? 0) < 1000
    ? String(c.nRisk).length + (c.inParentheses === undefined ? 0 : String(c.inParentheses).length)
    : null

/** The key of a cell in `rereads`: row index and slot index. */
export const slotKey = (row: number, slot: number) => `${row}:${slot}`

type Rereads = ReadonlyMap<string, readonly (readonly OcrWord[])[]>
type Spans = ReadonlyMap<string, { x0: number; x1: number }>

/**
 * Each cell of the layout settled (settleCell) from its readings: the layout's own words (the
 * first reading, the page's) and any further readings of the cell (`rereads`, keyed by slotKey).
 * Where the readings disagree, those whose digit count the cell's ink width rules out are set
 * aside (digitCount.ts, with the table's pitch fitted to its numbers read for sure); a number
 * whose box leaves ink of its cell (`inkSpans`) outside is reported: a digit may be missing.
 */
export function settleSlots(
  layout: TableLayout,
  rereads: Rereads,
  opts: ReadRiskOptions,
  inkSpans: Spans,
): ({ cell: RiskCell } | { problem: RiskProblem })[][] {
  const settleOpts = (row: TableRow, slot: TableSlot): SettleOptions => {
    const inset = {
      x0: slot.box.x0 + (slot.box.x1 - slot.box.x0) * 0.15,
      x1: slot.box.x1 - (slot.box.x1 - slot.box.x0) * 0.15,
      y0: row.box.y0,
      y1: row.box.y1,
    }
    return {
      ...(opts.minConfidence !== undefined ? { minConfidence: opts.minConfidence } : {}),
      ...(opts.image ? { inked: hasInk(opts.image, inset) } : {}),
      firstFromPage: true,
    }
  }
  const readingsOf = (r: number, s: number) => [
    layout.rows[r].slots[s].words,
    ...(rereads.get(slotKey(r, s)) ?? []),
  ]
  const settled = layout.rows.map((row, r) =>
    row.slots.map((slot, s) =>
      settleCell(slot.time, slot.box, readingsOf(r, s), settleOpts(row, slot)),
    ),
  )
  // The table's digit pitch, from the numbers read for sure whose ink was measured: of those
  // with parentheses or of those without, whichever the table prints most (their widths differ).
  const sure: { digits: number; paren: boolean; width: number }[] = []
  settled.forEach((cells, r) =>
    cells.forEach((got, s) => {
      const span = inkSpans.get(slotKey(r, s))
      const h = layout.rows[r].box.y1 - layout.rows[r].box.y0
      const digits = 'cell' in got ? digitsOf(got.cell) : null
      if ('cell' in got && span && digits !== null && outside(got.cell.box, span) <= 0.35 * h) {
        const paren = got.cell.inParentheses !== undefined
        sure.push({ digits, paren, width: span.x1 - span.x0 })
      }
    }),
  )
  const paren = sure.filter((x) => x.paren).length * 2 > sure.length
  // Parentheses and the space before them widen every number of such a table alike.
  const pitch = fitDigitPitch(
    sure.filter((x) => x.paren === paren),
    paren ? 4 : 1.2,
  )
  return layout.rows.map((row, r) =>
    row.slots.map((slot, s) => {
      let got = settled[r][s]
      const span = inkSpans.get(slotKey(r, s))
      const digits = pitch && span ? digitsFromWidth(pitch, span.x1 - span.x0) : null
      if ('problem' in got && digits !== null) {
        // Readings of a number with a digit too many or too few ("77" read "717", "(0)" read "1")
        // are set aside: those left must still agree, and be most of them (empty readings and
        // text that is no number count against).
        const readings = readingsOf(r, s).filter((ws) => {
          const c = countText(
            [...ws]
              .sort((a, b) => a.box.x0 - b.box.x0)
              .map((w) => w.text)
              .join(' '),
          )
          return !c.ok || ((c.inParentheses !== undefined) === paren && digitsOf(c) === digits)
        })
        const again = settleCell(slot.time, slot.box, readings, settleOpts(row, slot))
        if ('cell' in again) got = again
      }
      const h = row.box.y1 - row.box.y0
      if ('cell' in got && span && outside(got.cell.box, span) > 0.35 * h) {
        const text = String(got.cell.nRisk)
        return {
          problem: {
            code: 'disagree',
            time: slot.time,
            box: {
              ...got.cell.box,
              x0: Math.min(got.cell.box.x0, span.x0),
              x1: Math.max(got.cell.box.x1, span.x1),
            },
            text,
            message: `"${text}" at ${Number(slot.time.toPrecision(6))} leaves ink of the cell unread: a digit may be missing`,
          },
        }
      }
      return got
    }),
  )
}

/**
 * The table's numbers from its layout and the readings of each cell (settleSlots), each row
 * checked by rowChecks.
 */
export function settleRiskTable(
  layout: TableLayout,
  rereads: Rereads = new Map(),
  opts: ReadRiskOptions = {},
  /** Labels read again on their own (by row), used in place of the first reading's when given. */
  labels: ReadonlyMap<number, string> = new Map(),
  /** The columns of each cell's ink (by slotKey), when measured (see settleSlots). */
  inkSpans: Spans = new Map(),
): RiskTableReading {
  const ignored = [...layout.ignored]
  const arms: RiskArm[] = []
  const settled = settleSlots(layout, rereads, opts, inkSpans)
  layout.rows.forEach((row, r) => {
    const cells: RiskCell[] = []
    const problems: RiskProblem[] = [...row.problems]
    for (const got of settled[r]) {
      if ('cell' in got) cells.push(got.cell)
      else problems.push(got.problem)
    }
    // The axis's tick labels read as a row ("0 12 24 36" under 0, 12, 24, 36), which the layout
    // kept because its first reading missed or misread them: an arm's numbers fall as the times
    // rise, so at most one of them can equal its own time.
    if (cells.filter((c) => c.nRisk === c.time).length >= 2) {
      ignored.push({ text: cells.map((c) => c.nRisk).join(' '), box: row.box })
      return
    }
    problems.push(...rowChecks(cells, opts.totalN?.[r]))
    problems.sort((a, b) => (a.time ?? -Infinity) - (b.time ?? -Infinity))
    arms.push({
      label: cleanLabel(labels.get(r) ?? '') || row.label,
      ...(row.color ? { color: row.color } : {}),
      cells,
      problems,
      box: row.box,
    })
  })
  return {
    times: layout.times,
    timesFrom: layout.timesFrom,
    ...(layout.header !== undefined ? { header: layout.header } : {}),
    arms,
    ignored,
  }
}

/**
 * Reads a number-at-risk table from the words OCR found below a figure's plot (layoutRiskTable,
 * then settleRiskTable with the one reading): pure, for the words of any engine.
 */
export function readRiskTable(
  words: readonly OcrWord[],
  calibration: TableCalibration,
  opts: ReadRiskOptions = {},
): RiskTableReading {
  return settleRiskTable(layoutRiskTable(words, calibration, opts), new Map(), opts)
}
