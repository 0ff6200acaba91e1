import { afterAll, describe, expect, it } from 'vitest'
import { type Ocr, openOcr } from '../../src/node/ocr'
import { readRiskTableImage } from '../../src/node/riskTableOcr'
import { renderKmFigure } from '../generator/kmFigure'
import { FIGURE_STYLES, styledFigureSpec } from '../generator/styledFigure'

/**
 * The risk-table reader with the real OCR engine (tesseract.js, offline) on generated figures of
 * every house style, as PNG and as JPEG: the numbers printed are the generator's truth. A wrong
 * number is the failure that matters (a cell not read is reported, and counted here).
 */
let ocr: Ocr | null = null
afterAll(async () => {
  await ocr?.close()
})

/** Development seeds (test/generator/seeds.ts), one per style. */
const SEED = 2

describe.each(FIGURE_STYLES)('reading the risk table of a %s figure', (style) => {
  it.each([
    ['PNG', null],
    ['JPEG', 0.75],
  ] as const)('as %s: every number read is right, and most are read', async (_, jpeg) => {
    ocr ??= openOcr()
    const spec = { ...styledFigureSpec(SEED, style, { riskTable: true }), jpeg }
    const fig = renderKmFigure(spec)
    const table = await readRiskTableImage(ocr, fig.image, fig.calibration)
    expect(table.arms).toHaveLength(fig.arms.length)
    let right = 0
    let cells = 0
    fig.arms.forEach((truth, a) => {
      const arm = table.arms[a]
      for (const [i, row] of truth.risk.entries()) {
        cells++
        const cell = arm.cells.find((c) => c.time === row.time)
        if (!cell) {
          // Not read: then it is reported, with its time.
          expect(
            arm.problems.some((p) => p.time === row.time),
            `${row.time} reported`,
          ).toBe(true)
          continue
        }
        expect(cell.nRisk, `arm ${a + 1} at ${row.time}`).toBe(row.nRisk)
        if (truth.riskCensored) expect(cell.inParentheses).toBe(truth.riskCensored[i])
        right++
      }
      expect(arm.label.replace(/\s/g, '')).toBe(truth.name.replace(/\s/g, ''))
    })
    expect(right / cells).toBeGreaterThanOrEqual(0.85)
  })
})
