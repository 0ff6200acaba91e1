import { describe, expect, it } from 'vitest'
import type { RecognizeOptions } from '../../src/node/ocr'
import { readRiskTableImage } from '../../src/node/riskTableOcr'
import type { OcrWord } from '../../src/shared/ocr/ocrWord'
import type { RgbaImage } from '../../src/shared/trace/types'
import { LUNG_CALIBRATION, phrase, word } from './words'

/** The lung figure's time axis: 0–36 months from x = 240 to 1370, ticks every 6 months. */
const TICKS = [0, 6, 12, 18, 24, 30, 36]
const x = (t: number) => 240 + (1130 * t) / 36
const ROWS = [
  { label: 'Arm A', numbers: ['90', '71', '52', '40', '28', '15', '6'], y: 860 },
  { label: 'Arm B', numbers: ['88', '60', '41', '30', '19', '9', '2'], y: 890 },
]

/** The strip under the axis as the engine reads it: tick labels, the title, the table. */
function stripWords(confidenceOf: (row: number, tick: number) => number): OcrWord[] {
  const words = TICKS.map((t) => word(String(t), x(t), 780))
  words.push(...phrase('Time (months)', 700, 805), ...phrase('Number at risk', 20, 830))
  ROWS.forEach((row, r) => {
    words.push(...phrase(row.label, 20, row.y))
    row.numbers.forEach((n, k) => words.push(word(n, x(TICKS[k]), row.y, confidenceOf(r, k))))
  })
  return words
}

/** A white figure with a black block inside each word's box: ink where the text is. */
function figureOf(words: readonly OcrWord[]): RgbaImage {
  const width = 1400
  const height = 920
  const data = new Uint8ClampedArray(width * height * 4).fill(255)
  for (const w of words) {
    for (let y = Math.ceil(w.box.y0 + 2); y < w.box.y1 - 2; y++) {
      for (let px = Math.ceil(w.box.x0 + 1); px < w.box.x1 - 1; px++) {
        const i = (y * width + px) * 4
        data[i] = data[i + 1] = data[i + 2] = 0
      }
    }
  }
  return { data, width, height }
}

/**
 * An engine that reads the strip as `words` and every cell on its own as "7": a cell read on its
 * own is then seen in its readings (its number unsettled), and the readings of cells are counted.
 */
function engine(words: OcrWord[]) {
  const cells: RecognizeOptions['region'][] = []
  return {
    cells,
    async recognizeWords(_image: unknown, opts: RecognizeOptions = {}): Promise<OcrWord[]> {
      if (opts.mode === 'sparse') return words
      if (opts.charWhitelist === undefined) return [] // a row's label
      cells.push(opts.region)
      const r = opts.region!
      return [word('7', r.x + r.width / 2, r.y + r.height / 2, 95)]
    },
  }
}

describe('cells of the risk table whose number the strip read surely', () => {
  it('are kept as the strip read them, with no reading of their own', async () => {
    const words = stripWords(() => 96)
    const ocr = engine(words)
    const table = await readRiskTableImage(ocr, figureOf(words), LUNG_CALIBRATION)
    expect(ocr.cells).toHaveLength(0)
    expect(table.arms.map((a) => a.cells.map((c) => c.nRisk))).toEqual(
      ROWS.map((row) => row.numbers.map(Number)),
    )
    expect(table.arms.flatMap((a) => a.problems)).toEqual([])
  })

  it('are read on their own when the strip was unsure of them, and not otherwise', async () => {
    // Arm B's number at 12 months read at 70% confidence: that cell alone is read again.
    const words = stripWords((r, k) => (r === 1 && k === 2 ? 70 : 96))
    const ocr = engine(words)
    const table = await readRiskTableImage(ocr, figureOf(words), LUNG_CALIBRATION)
    expect(ocr.cells.length).toBeGreaterThan(0)
    for (const region of ocr.cells) {
      expect(Math.abs(region!.x + region!.width / 2 - x(12))).toBeLessThan(20)
      expect(Math.abs(region!.y + region!.height / 2 - ROWS[1].y)).toBeLessThan(15)
    }
    // Its own readings ("7", four of them) outvote the strip's unsure "41".
    expect(table.arms[1].cells.find((c) => c.time === 12)?.nRisk).toBe(7)
    expect(table.arms[0].problems).toEqual([])
    expect(table.arms[0].cells.map((c) => c.nRisk)).toEqual(ROWS[0].numbers.map(Number))
  })
})
