import { describe, expect, it } from 'vitest'
import type { RecognizeOptions } from '../../src/node/ocr'
import { readRiskTableImage } from '../../src/node/riskTableOcr'
import type { OcrWord } from '../../src/shared/ocr/ocrWord'
import type { RgbaImage } from '../../src/shared/trace/types'
import { LUNG_CALIBRATION, phrase, word } from './words'

/**
 * A cell the strip read unsurely is read on its own, grey then black and white first: when both
 * read the strip's number, three views agree and the other readings are spared; when one does
 * not, every reading is made. The lung figure's axis (0–36 months, x = 240 to 1370).
 */
const TICKS = [0, 6, 12, 18, 24, 30, 36]
const x = (t: number) => 240 + (1130 * t) / 36
const ROWS = [
  {
    label: 'Arm A',
    numbers: ['90 (0)', '71 (2)', '52 (5)', '40 (6)', '28 (9)', '15 (11)', '6 (14)'],
    y: 860,
  },
  {
    label: 'Arm B',
    numbers: ['88 (0)', '60 (1)', '41 (3)', '30 (4)', '19 (8)', '9 (10)', '2 (12)'],
    y: 890,
  },
]

/** The strip as read: every number sure but Arm B's at 12 months ("41 (3)", 70% sure). */
function stripWords(): OcrWord[] {
  const words = TICKS.map((t) => word(String(t), x(t), 780))
  words.push(...phrase('Time (months)', 700, 805), ...phrase('Number at risk', 20, 830))
  ROWS.forEach((row, r) => {
    words.push(...phrase(row.label, 20, row.y))
    row.numbers.forEach((n, k) => {
      const [count, censored] = n.split(' ')
      const sure = r === 1 && k === 2 ? 70 : 96
      words.push(
        word(count, x(TICKS[k]) - 12, row.y, sure),
        word(censored, x(TICKS[k]) + 14, row.y, sure),
      )
    })
  })
  return words
}

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

/** An engine reading the strip as `words` and the cell on its own as `cell(k)` at its k-th reading. */
function engine(words: OcrWord[], cell: (k: number) => string, confidence = 80) {
  const reads: RecognizeOptions[] = []
  return {
    reads,
    async recognizeWords(_image: unknown, opts: RecognizeOptions = {}): Promise<OcrWord[]> {
      if (opts.mode === 'sparse') return words
      if (opts.charWhitelist === undefined && !opts.normalize && !opts.binarize) return [] // a row's label
      reads.push(opts)
      const r = opts.region!
      const [count, censored] = cell(reads.length - 1).split(' ')
      const cx = r.x + r.width / 2
      return [
        word(count, cx - 12, r.y + r.height / 2, confidence),
        word(censored, cx + 14, r.y + r.height / 2, confidence),
      ]
    },
  }
}

describe('a cell read on its own', () => {
  it('is settled after two readings that agree with the strip, one of them black and white', async () => {
    const words = stripWords()
    const ocr = engine(words, () => '41 (3)')
    const table = await readRiskTableImage(ocr, figureOf(words), LUNG_CALIBRATION)
    expect(ocr.reads.map((o) => Boolean(o.binarize))).toEqual([false, true])
    const cell = table.arms[1].cells.find((c) => c.time === 12)
    expect([cell?.nRisk, cell?.inParentheses]).toEqual([41, 3])
    expect(table.arms.flatMap((a) => a.problems)).toEqual([])
  })

  it('is read four times when its readings agree but none is sure enough to take', async () => {
    const words = stripWords()
    const ocr = engine(words, () => '41 (3)', 30)
    await readRiskTableImage(ocr, figureOf(words), LUNG_CALIBRATION)
    expect(ocr.reads.length).toBeGreaterThanOrEqual(4)
  })

  it('is read four times when the black-and-white reading differs', async () => {
    const words = stripWords()
    const ocr = engine(words, (k) => (k === 1 ? '47 (3)' : '41 (3)'))
    const table = await readRiskTableImage(ocr, figureOf(words), LUNG_CALIBRATION)
    expect(ocr.reads.length).toBeGreaterThanOrEqual(4)
    expect(table.arms[1].cells.find((c) => c.time === 12)).toBeUndefined()
  })
})
