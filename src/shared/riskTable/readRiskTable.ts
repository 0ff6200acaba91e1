import type { OcrWord } from '../ocr/ocrWord'
import type { RgbaImage } from '../trace/types'
import { hasInk } from './inkColor'
import { countText } from './countText'
import { digitsFromWidth, fitDigitPitch } from './digitCount'
import { type CellReading, outvoteLone } from './loneDissent'
import { type ReadAlternative, settleByRow } from './rowBounds'
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
/** For each cell (by slotKey), whether each of its rereads was read in black and white. */
type Views = ReadonlyMap<string, readonly boolean[]>

/**
 * Each cell of the layout settled (settleCell) from its readings: the layout's own words (the
 * first reading, the page's) and any further readings of the cell (`rereads`, keyed by slotKey).
 * Where the readings disagree, those whose digit count the cell's ink width rules out are set
 * aside (digitCount.ts, with the table's pitch fitted to its numbers read for sure); those still
 * disagreeing are settled by the row's bounds when it allows only one of the numbers read
 * (rowBounds.ts), or on the number all readings but one unsure one read (loneDissent.ts; `views`
 * tells which rereads were black and white). A number whose box leaves ink of its cell
 * (`inkSpans`) outside is reported: a digit may be missing.
 */
export function settleSlots(
  layout: TableLayout,
  rereads: Rereads,
  opts: ReadRiskOptions,
  inkSpans: Spans,
  views: Views = new Map(),
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
  const textOf = (ws: readonly OcrWord[]) =>
    [...ws]
      .sort((a, b) => a.box.x0 - b.box.x0)
      .map((w) => w.text)
      .join(' ')
  /** Whether a number's box leaves more than a third of the row's height of its cell's ink. */
  const leavesInk = (r: number, s: number, box: { x0: number; x1: number }) => {
    const span = inkSpans.get(slotKey(r, s))
    const h = layout.rows[r].box.y1 - layout.rows[r].box.y0
    return span !== undefined && outside(box, span) > 0.35 * h
  }
  /** The readings of a cell whose digit count its ink's width allows (all when it tells none). */
  const countable = (r: number, s: number) => {
    const span = inkSpans.get(slotKey(r, s))
    const digits = pitch && span ? digitsFromWidth(pitch, span.x1 - span.x0) : null
    return {
      digits,
      readings: readingsOf(r, s).filter((ws) => {
        if (digits === null) return true
        const c = countText(textOf(ws))
        return !c.ok || ((c.inParentheses !== undefined) === paren && digitsOf(c) === digits)
      }),
    }
  }
  const counted = layout.rows.map((row, r) =>
    row.slots.map((slot, s) => {
      const got = settled[r][s]
      const { digits, readings } = countable(r, s)
      if ('problem' in got && digits !== null) {
        // Readings of a number with a digit too many or too few ("77" read "717", "(0)" read "1")
        // are set aside: those left must still agree, and be most of them (empty readings and
        // text that is no number count against).
        const again = settleCell(slot.time, slot.box, readings, settleOpts(row, slot))
        if ('cell' in again) return again
      }
      return got
    }),
  )
  // Cells whose readings still disagree, settled by their row's bounds (rowBounds.ts) when it
  // allows one of the numbers read: the bounds are the nearest numbers kept on either side.
  const keptAt = (r: number, s: number) => {
    const got = counted[r][s]
    return 'cell' in got && !leavesInk(r, s, got.cell.box) ? got.cell : undefined
  }
  /**
   * The readings of a cell that read a number (its digit count allowed), each marked grey or
   * black and white (`views`); none when one read text that is no number.
   */
  const numbersRead = (r: number, s: number): CellReading[] => {
    const all = readingsOf(r, s)
    const allowed = countable(r, s).readings
    const binary = [false, ...(views.get(slotKey(r, s)) ?? [])]
    const out: CellReading[] = []
    for (const [i, ws] of all.entries()) {
      if (ws.length === 0 || !allowed.includes(ws)) continue
      const c = countText(textOf(ws))
      if (!c.ok) return []
      out.push({
        nRisk: c.nRisk,
        ...(c.inParentheses !== undefined ? { inParentheses: c.inParentheses } : {}),
        confidence: Math.min(...ws.map((w) => w.confidence)),
        binary: binary[i] ?? false,
      })
    }
    return out
  }
  const bounded = counted.map((cells, r) =>
    cells.map((got, s) => {
      if (!('problem' in got) || got.problem.code !== 'disagree') return got
      let before: RiskCell | undefined
      for (let k = s - 1; k >= 0 && !before; k--) before = keptAt(r, k)
      let after: RiskCell | undefined
      for (let k = s + 1; k < cells.length && !after; k++) after = keptAt(r, k)
      const read = new Map<string, ReadAlternative & { box: OcrWord['box'] }>()
      for (const ws of countable(r, s).readings) {
        const c = countText(textOf(ws))
        if (!c.ok || ws.length === 0) continue
        const key = `${c.nRisk}|${c.inParentheses ?? ''}`
        const confidence = Math.min(...ws.map((w) => w.confidence))
        const was = read.get(key)
        read.set(key, {
          nRisk: c.nRisk,
          ...(c.inParentheses !== undefined ? { inParentheses: c.inParentheses } : {}),
          readings: (was?.readings ?? 0) + 1,
          confidence: Math.max(was?.confidence ?? 0, confidence),
          box: was?.box ?? {
            x0: Math.floor(Math.min(...ws.map((w) => w.box.x0))),
            y0: Math.floor(Math.min(...ws.map((w) => w.box.y0))),
            x1: Math.ceil(Math.max(...ws.map((w) => w.box.x1))),
            y1: Math.ceil(Math.max(...ws.map((w) => w.box.y1))),
          },
        })
      }
      const one = settleByRow([...read.values()], before, after) ?? outvoteLone(numbersRead(r, s))
      if (!one) return got
      const slot = layout.rows[r].slots[s]
      const { box } = read.get(`${one.nRisk}|${one.inParentheses ?? ''}`) ?? got.problem
      return {
        cell: {
          time: slot.time,
          nRisk: one.nRisk,
          ...(one.inParentheses !== undefined ? { inParentheses: one.inParentheses } : {}),
          box,
          confidence: one.confidence,
        },
      }
    }),
  )
  return layout.rows.map((row, r) =>
    row.slots.map((slot, s) => {
      const got = bounded[r][s]
      const span = inkSpans.get(slotKey(r, s))
      if ('cell' in got && span && leavesInk(r, s, got.cell.box)) {
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
  /** Which of each cell's `rereads` were read in black and white (see settleSlots). */
  views: Views = new Map(),
): RiskTableReading {
  const ignored = [...layout.ignored]
  const arms: RiskArm[] = []
  const settled = settleSlots(layout, rereads, opts, inkSpans, views)
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
