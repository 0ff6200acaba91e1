import { describe, expect, it } from 'vitest'
import type { OcrWord } from '../../src/shared/ocr/ocrWord'
import { digitsFromWidth, fitDigitPitch } from '../../src/shared/riskTable/digitCount'
import { settleRiskTable, slotKey } from '../../src/shared/riskTable/readRiskTable'
import { layoutRiskTable } from '../../src/shared/riskTable/tableLayout'
import { expectClose } from '../helpers/close'
import { LUNG_CALIBRATION, LUNG_TICKS, lungX, phrase, word } from './words'

describe('fitDigitPitch and digitsFromWidth', () => {
  // Digits 10 px apart, each 5–8 px of ink ("1" narrow, "0" wide): width = (n − 1)·10 + ink.
  const samples = [
    { digits: 3, width: 27 },
    { digits: 3, width: 28 },
    { digits: 2, width: 16 },
    { digits: 2, width: 18 },
    { digits: 2, width: 17 },
    { digits: 1, width: 7 },
    { digits: 1, width: 8 },
  ]

  it('fits the pitch and a digit’s ink from numbers of two counts or more', () => {
    const fit = fitDigitPitch(samples)!
    expectClose(fit.pitch, 10, { rel: 0.05 }, 'pitch')
    expectClose(fit.base, 7.5, { rel: 0.1 }, 'base')
  })

  it('counts the digits of a width that falls on a count, and none between two counts', () => {
    const fit = fitDigitPitch(samples)!
    expect(digitsFromWidth(fit, 26)).toBe(3)
    expect(digitsFromWidth(fit, 6)).toBe(1)
    expect(digitsFromWidth(fit, 12.5)).toBeNull()
  })

  it('fits nothing from numbers of one count, or from widths that no pitch explains', () => {
    expect(fitDigitPitch(samples.filter((s) => s.digits === 2))).toBeNull()
    expect(
      fitDigitPitch([
        { digits: 1, width: 8 },
        { digits: 2, width: 30 },
        { digits: 3, width: 20 },
        { digits: 1, width: 25 },
        { digits: 2, width: 9 },
      ]),
    ).toBeNull()
  })
})

describe('readings of one cell that disagree on how many digits it has', () => {
  // One arm under the lung axis; each number's ink measured as its word's box (0.6·14 px a digit).
  const numbers = ['138', '86', '35', '17', '7', '2', '0']
  const words: OcrWord[] = [
    ...LUNG_TICKS.map((t) => word(String(t), lungX(t), 805)),
    ...phrase('Male', 60, 918),
    ...numbers.map((n, k) => word(k === 2 ? '315' : n, lungX(LUNG_TICKS[k]), 918)),
  ]
  const layout = layoutRiskTable(words, LUNG_CALIBRATION)
  const spans = new Map(
    numbers.map((n, k) => {
      const b = word(n, lungX(LUNG_TICKS[k]), 918).box
      return [slotKey(0, k), { x0: b.x0, x1: b.x1 }] as const
    }),
  )
  const read = (text: string) => [word(text, lungX(12), 918)]

  it('settle on the number whose digits fill the ink, when the others agree and are most', () => {
    // "35" read "315" by the first reading and "35" by both readings of the cell alone.
    const rereads = new Map([[slotKey(0, 2), [read('35'), read('35')]]])
    const r = settleRiskTable(layout, rereads, {}, new Map(), spans)
    expect(r.arms[0].cells.find((c) => c.time === 12)?.nRisk).toBe(35)
    expect(r.arms[0].problems.filter((p) => p.time === 12)).toEqual([])
  })

  it('are reported when the readings of the right count are not most of them', () => {
    const rereads = new Map([[slotKey(0, 2), [read('35'), read('3'), []]]])
    const r = settleRiskTable(layout, rereads, {}, new Map(), spans)
    expect(r.arms[0].cells.find((c) => c.time === 12)).toBeUndefined()
    expect(r.arms[0].problems.map((p) => [p.code, p.time])).toContainEqual(['disagree', 12])
  })

  it('are reported when the readings of the right count disagree on a digit', () => {
    const rereads = new Map([[slotKey(0, 2), [read('35'), read('36'), read('35')]]])
    const r = settleRiskTable(layout, rereads, {}, new Map(), spans)
    expect(r.arms[0].cells.find((c) => c.time === 12)).toBeUndefined()
  })

  it('are reported without measured ink (nothing tells the count)', () => {
    // Read unsurely (80), so that the row's bounds (86 before, 17 after) do not settle it either.
    const unsure = [word('35', lungX(12), 918, 80)]
    const rereads = new Map([[slotKey(0, 2), [unsure, unsure]]])
    const r = settleRiskTable(layout, rereads)
    expect(r.arms[0].cells.find((c) => c.time === 12)).toBeUndefined()
  })
})
