import type { OcrWord } from '../ocr/ocrWord'
import type { RgbaImage } from '../trace/types'
import { hasInk } from './inkColor'
import { rowChecks } from './rowChecks'
import { type SettleOptions, settleCell } from './settleCell'
import { type TableCalibration, type TableLayout, layoutRiskTable } from './tableLayout'
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

/** The key of a cell in `rereads`: row index and slot index. */
export const slotKey = (row: number, slot: number) => `${row}:${slot}`

/**
 * The table's numbers from its layout and the readings of each cell: the layout's own words
 * (the first reading) and any further readings of a cell (`rereads`, keyed by slotKey: the node
 * service reads each cell again on its own), settled by settleCell and checked by rowChecks.
 */
export function settleRiskTable(
  layout: TableLayout,
  rereads: ReadonlyMap<string, readonly (readonly OcrWord[])[]> = new Map(),
  opts: ReadRiskOptions = {},
  /** Labels read again on their own (by row), used in place of the first reading's when given. */
  labels: ReadonlyMap<number, string> = new Map(),
  /**
   * The columns of each cell's ink (by slotKey), when measured: a number whose box leaves ink
   * of the cell outside it was read without a digit (a pale or thin one), however many
   * readings agree on it.
   */
  inkSpans: ReadonlyMap<string, { x0: number; x1: number }> = new Map(),
): RiskTableReading {
  const ignored = [...layout.ignored]
  const arms: RiskArm[] = []
  layout.rows.forEach((row, r) => {
    const cells: RiskCell[] = []
    const problems: RiskProblem[] = [...row.problems]
    row.slots.forEach((slot, s) => {
      const readings = [slot.words, ...(rereads.get(slotKey(r, s)) ?? [])]
      const inset = {
        x0: slot.box.x0 + (slot.box.x1 - slot.box.x0) * 0.15,
        x1: slot.box.x1 - (slot.box.x1 - slot.box.x0) * 0.15,
        y0: row.box.y0,
        y1: row.box.y1,
      }
      const settleOpts: SettleOptions = {
        ...(opts.minConfidence !== undefined ? { minConfidence: opts.minConfidence } : {}),
        ...(opts.image ? { inked: hasInk(opts.image, inset) } : {}),
      }
      const got = settleCell(slot.time, slot.box, readings, settleOpts)
      const span = inkSpans.get(slotKey(r, s))
      const h = row.box.y1 - row.box.y0
      if ('cell' in got && span && outside(got.cell.box, span) > 0.35 * h) {
        const text = String(got.cell.nRisk)
        problems.push({
          code: 'disagree',
          time: slot.time,
          box: {
            ...got.cell.box,
            x0: Math.min(got.cell.box.x0, span.x0),
            x1: Math.max(got.cell.box.x1, span.x1),
          },
          text,
          message: `"${text}" at ${Number(slot.time.toPrecision(6))} leaves ink of the cell unread: a digit may be missing`,
        })
      } else if ('cell' in got) cells.push(got.cell)
      else problems.push(got.problem)
    })
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
