import { afterAll, describe, expect, it } from 'vitest'
import { type Ocr, openOcr } from '../../src/node/ocr'
import { readRiskTableImage } from '../../src/node/riskTableOcr'
import type { AxesCalibration } from '../../src/shared/calibration/axes'
import type { OcrWord } from '../../src/shared/ocr/ocrWord'
import { readRiskTable } from '../../src/shared/riskTable/readRiskTable'
import { renderKmFigure } from '../generator/kmFigure'
import { styleOfSeed, styledFigureSpec } from '../generator/styledFigure'
import { phrase, word } from './words'

/** A log time axis, 1 to 100 months across x 200–800 (a decade every 300 px), on row 780. */
const LOG: AxesCalibration = {
  x1: { px: 200, py: 780, value: 1 },
  x2: { px: 800, py: 780, value: 100 },
  y1: { px: 200, py: 780, value: 0 },
  y2: { px: 200, py: 100, value: 1 },
  xScale: 'log',
}
const TICKS = [1, 2, 5, 10, 20, 50, 100]
const x = (t: number) => 200 + 300 * Math.log10(t)
const ARM_A = ['90', '85', '70', '52', '30', '11', '2']
const ARM_B = ['88', '80', '61', '40', '21', '6', '0']

/**
 * Tick labels under the log axis (those in `labelled`), a header and one row of numbers per arm,
 * under the ticks.
 */
function table(rows: { label: string; numbers: string[] }[], labelled = TICKS): OcrWord[] {
  const words: OcrWord[] = labelled.map((t) => word(String(t), x(t), 805))
  words.push(...phrase('Time (months)', 450, 840))
  words.push(...phrase('Number at risk', 20, 885))
  rows.forEach((row, r) => {
    words.push(...phrase(row.label, 20, 918 + 33 * r))
    row.numbers.forEach((n, k) => words.push(word(n, x(TICKS[k]), 918 + 33 * r)))
  })
  return words
}

const cellsOf = (r: ReturnType<typeof readRiskTable>) =>
  r.arms.map((a) => a.cells.map((c) => [c.time, c.nRisk]))
const expected = [
  TICKS.map((t, k) => [t, Number(ARM_A[k])]),
  TICKS.map((t, k) => [t, Number(ARM_B[k])]),
]
const ROWS = [
  { label: 'Arm A', numbers: ARM_A },
  { label: 'Arm B', numbers: ARM_B },
]

describe('a number-at-risk table under a log time axis', () => {
  it('reads each number at its tick’s time (columns placed on the log scale)', () => {
    expect(cellsOf(readRiskTable(table(ROWS), LOG))).toEqual(expected)
  })

  it('keeps the columns whose one-digit labels the OCR lost (1, 2, 5 of the 1-2-5 series)', () => {
    const r = readRiskTable(table(ROWS, [10, 20, 50, 100]), LOG)
    expect(r.timesFrom).toBe('axis-labels')
    expect(cellsOf(r)).toEqual(expected)
  })

  it('drops a lost label’s column that no row has a number under', () => {
    // Labels 1, 2, 5 lost; the rows print nothing under 1 (a table from 2 months on).
    const words = table(ROWS, [10, 20, 50, 100]).filter(
      (w) => !(w.box.y0 > 900 && Math.abs((w.box.x0 + w.box.x1) / 2 - x(1)) < 1),
    )
    const r = readRiskTable(words, LOG)
    expect(r.times).toEqual(TICKS.slice(1))
    expect(cellsOf(r)).toEqual(expected.map((arm) => arm.slice(1)))
  })

  it('with no tick label read, places the columns at the 1-2-5 ticks the numbers stand under', () => {
    const r = readRiskTable(table(ROWS, []), LOG)
    expect(r.timesFrom).toBe('calibration')
    expect(cellsOf(r)).toEqual(expected)
  })
})

let ocr: Ocr | null = null
afterAll(async () => {
  await ocr?.close()
})

describe('a generated NEJM figure with a log time axis (1–100) and its risk table', () => {
  it('has every column, each number read right or reported at its time', async () => {
    ocr ??= openOcr()
    // Development seed 3002 (NEJM); before, the labels 1, 2 and 5 were lost and with them, silently, the
    // first three columns.
    const spec = { ...styledFigureSpec(3002, styleOfSeed(3002), { riskTable: true }) }
    const fig = renderKmFigure({ ...spec, logTimeFrom: 1, tMax: 100 })
    const table = await readRiskTableImage(ocr, fig.image, fig.calibration)
    expect(table.times).toEqual(TICKS)
    expect(table.arms).toHaveLength(fig.arms.length)
    let right = 0
    fig.arms.forEach((truth, a) => {
      for (const row of truth.risk) {
        const cell = table.arms[a].cells.find((c) => c.time === row.time)
        const flagged = table.arms[a].problems.some((p) => p.time === row.time)
        if (!cell || flagged) expect(flagged, `arm ${a + 1} at ${row.time} reported`).toBe(true)
        else {
          expect(cell.nRisk, `arm ${a + 1} at ${row.time}`).toBe(row.nRisk)
          right++
        }
      }
    })
    expect(right).toBeGreaterThanOrEqual(0.9 * fig.arms.length * TICKS.length)
  })
})
