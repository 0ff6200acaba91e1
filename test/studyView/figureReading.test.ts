import { describe, expect, it } from 'vitest'
import {
  partsInWords,
  riskByHand,
  riskCellToCheck,
  riskToCheck,
} from '../../src/renderer/src/io/figureReading'
import { emptyStudy, type Study } from '../../src/shared/model/study'

/** A study whose curve c1's risk table (0, 6, 12) was read from the figure, not yet checked. */
function readStudy(times?: number[]): Study {
  return {
    ...emptyStudy(),
    curves: [
      {
        id: 'c1',
        name: 'Placebo',
        color: '#000000',
        points: [],
        risk: [
          { time: 0, nRisk: 100 },
          { time: 6, nRisk: 80 },
          { time: 12, nRisk: 50 },
        ],
      },
    ],
    provenance: {
      risk: {
        c1: {
          from: 'read',
          confirmed: false,
          notes: ['matched to the curve by its name'],
          ...(times ? { times } : {}),
        },
      },
    },
  }
}

describe('cells of a risk table read from the figure', () => {
  it('are each to check until the reviewer types them; then the others still are', () => {
    const study = readStudy()
    expect([0, 6, 12].map((t) => riskCellToCheck(study, 'c1', t))).toEqual([true, true, true])
    const typed = riskByHand(study, 'c1', [6])
    expect([0, 6, 12].map((t) => riskCellToCheck(typed, 'c1', t))).toEqual([true, false, true])
    expect(typed.provenance?.risk?.c1).toMatchObject({ from: 'read', confirmed: false })
    // The notes (how the rows were matched, what was flagged) stay with the reading.
    expect(typed.provenance?.risk?.c1.notes).toEqual(['matched to the curve by its name'])
  })

  it('confirm the reading once every cell read was typed by hand', () => {
    const all = riskByHand(riskByHand(readStudy([0, 6, 12]), 'c1', [0, 12]), 'c1', [6])
    expect(riskToCheck(all, 'c1')).toBe(false)
    expect(all.provenance?.risk?.c1).toMatchObject({ from: 'read', confirmed: true })
  })

  it("are the reviewer's own when the whole table is replaced (a paste, Clear)", () => {
    const pasted = riskByHand(readStudy(), 'c1', [], true)
    expect(pasted.provenance?.risk?.c1).toEqual({ from: 'user', confirmed: true, notes: [] })
    expect(riskCellToCheck(pasted, 'c1', 0)).toBe(false)
  })

  it('leave a table typed by hand as it was', () => {
    const typed = { ...readStudy(), provenance: undefined }
    expect(riskByHand(typed, 'c1', [6])).toBe(typed)
    expect(riskCellToCheck(typed, 'c1', 6)).toBe(false)
  })

  it('are named in words with what the reader noted', () => {
    expect(partsInWords(readStudy())).toEqual([
      {
        part: 'risk.c1',
        words: 'Placebo: the numbers at risk',
        notes: ['matched to the curve by its name'],
      },
    ])
  })
})
