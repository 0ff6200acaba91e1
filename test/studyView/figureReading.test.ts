import { describe, expect, it } from 'vitest'
import {
  partsInWords,
  riskByHand,
  riskCellToCheck,
  riskToCheck,
} from '../../src/renderer/src/io/figureReading'
import { survivalAxes } from '../../src/shared/calibration/axes'
import { curveToCheck, partsToCheck } from '../../src/shared/model/provenance'
import { emptyStudy, type Study } from '../../src/shared/model/study'
import {
  addPoint,
  deletePoints,
  movePoints,
  replacePoints,
  setPointData,
} from '../../src/renderer/src/store/studyOps'

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

/** 0–10 months over 0–100 px, survival 0–1 over 100–0 px. */
const axes = survivalAxes({
  x1: { px: 0, py: 100, value: 0 },
  x2: { px: 100, py: 100, value: 10 },
  y1: { px: 0, py: 100, value: 0 },
  y2: { px: 0, py: 0, value: 1 },
})

/** Curves c1 and c2 traced by "Read figure", both still to check, c1 with two corners. */
function tracedStudy(): Study {
  const curve = (id: string) => ({
    id,
    name: id,
    color: '#000000',
    points: [
      { px: 0, py: 0, time: 0, surv: 1 },
      { px: 50, py: 50, time: 5, surv: 0.5 },
    ],
    risk: [],
  })
  const read = { from: 'read' as const, confirmed: false, notes: ['follows another arm'] }
  return {
    ...emptyStudy(),
    curves: [curve('c1'), curve('c2')],
    provenance: { curves: { c1: read, c2: read }, risk: { c1: read } },
  }
}

describe('a traced curve to check, edited by hand', () => {
  const edits: [string, (s: Study) => Study][] = [
    ['a point added', (s) => addPoint(s, 'c1', 80, 70, axes).study],
    ['a point dragged', (s) => movePoints(s, 'c1', [1], 3, -2, axes).study],
    ['a point deleted', (s) => deletePoints(s, 'c1', [1])],
    ['a point typed', (s) => setPointData(s, 'c1', 1, 6, 0.4, axes).study],
    ['its points imported', (s) => replacePoints(s, 'c1', [{ time: 0, surv: 1 }], axes)],
  ]
  for (const [what, change] of edits) {
    it(`is the reviewer's own after ${what}, in the same edit; the rest still to check`, () => {
      const edited = change(tracedStudy())
      expect(curveToCheck(edited.provenance, 'c1')).toBe(false)
      expect(edited.provenance?.curves?.c1).toEqual({ from: 'user', confirmed: true, notes: [] })
      // Only that curve's trace: the other curve and its own risk table are still to check.
      expect(partsToCheck(edited.provenance)).toEqual(['curves.c2', 'risk.c1'])
    })
  }

  it('leaves a curve made by hand, or already confirmed, as it was', () => {
    const byHand = { ...tracedStudy(), provenance: undefined }
    expect(deletePoints(byHand, 'c1', [1]).provenance).toBeUndefined()
    const confirmed = tracedStudy()
    confirmed.provenance!.curves!.c1 = { from: 'read', confirmed: true, notes: ['kept'] }
    const moved = movePoints(confirmed, 'c1', [1], 1, 1, axes).study
    expect(moved.provenance?.curves?.c1).toEqual({ from: 'read', confirmed: true, notes: ['kept'] })
  })
})
