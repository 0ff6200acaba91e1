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
): RiskTableReading {
  const arms: RiskArm[] = layout.rows.map((row, r) => {
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
      if ('cell' in got) cells.push(got.cell)
      else problems.push(got.problem)
    })
    problems.push(...rowChecks(cells, opts.totalN?.[r]))
    problems.sort((a, b) => (a.time ?? -Infinity) - (b.time ?? -Infinity))
    return {
      label: cleanLabel(labels.get(r) ?? '') || row.label,
      ...(row.color ? { color: row.color } : {}),
      cells,
      problems,
      box: row.box,
    }
  })
  return {
    times: layout.times,
    timesFrom: layout.timesFrom,
    ...(layout.header !== undefined ? { header: layout.header } : {}),
    arms,
    ignored: layout.ignored,
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
