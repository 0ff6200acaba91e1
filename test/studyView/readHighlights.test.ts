import { describe, expect, it } from 'vitest'
import {
  boxToScreen,
  cellHighlights,
  curveHighlights,
  hitBox,
} from '../../src/renderer/src/geometry/readHighlights'
import { riskByHand } from '../../src/renderer/src/io/figureReading'
import { emptyStudy, type Study } from '../../src/shared/model/study'
import { expectAllClose } from '../helpers/close'

/**
 * A study read from its figure: curve c1 traced (to check) with its risk table read at 0 and 6
 * (numbers 100, 80) and nothing read at 12; curve c2 traced and confirmed, its table by hand.
 */
function readStudy(): Study {
  return {
    ...emptyStudy(),
    curves: [
      {
        id: 'c1',
        name: 'Placebo',
        color: '#1f77b4',
        points: [
          { px: 100, py: 50, time: 0, surv: 1 },
          { px: 300, py: 120, time: 12, surv: 0.6 },
          { px: 200, py: 90, time: 6, surv: 0.8 },
        ],
        risk: [
          { time: 0, nRisk: 100 },
          { time: 6, nRisk: 80 },
        ],
      },
      {
        id: 'c2',
        name: 'Drug',
        color: '#d62728',
        points: [{ px: 100, py: 50, time: 0, surv: 1 }],
        risk: [{ time: 0, nRisk: 90 }],
      },
    ],
    provenance: {
      curves: {
        c1: { from: 'read', confirmed: false, notes: [] },
        c2: { from: 'read', confirmed: true, notes: [] },
      },
      risk: {
        c1: {
          from: 'read',
          confirmed: false,
          notes: [],
          cells: [
            { time: 0, x0: 95, y0: 400, x1: 115, y1: 412, n: 100 },
            { time: 6, x0: 195, y0: 400, x1: 210, y1: 412, n: 80 },
            { time: 12, x0: 290, y0: 400, x1: 310, y1: 412 },
          ],
        },
        c2: { from: 'user', confirmed: true, notes: [] },
      },
    },
  }
}

describe('the parts read from the figure, highlighted while to check', () => {
  it('outlines each cell read with its number, and the cell not read with none', () => {
    expect(cellHighlights(readStudy())).toEqual([
      { curveId: 'c1', time: 0, box: { x0: 95, y0: 400, x1: 115, y1: 412 }, n: 100 },
      { curveId: 'c1', time: 6, box: { x0: 195, y0: 400, x1: 210, y1: 412 }, n: 80 },
      { curveId: 'c1', time: 12, box: { x0: 290, y0: 400, x1: 310, y1: 412 }, n: null },
    ])
  })

  it('drops a cell once corrected or confirmed, the cell not read once typed, all once confirmed', () => {
    const study = readStudy()
    // The number at 6 corrected by hand: the reviewer's; 12 typed: no longer "not read".
    const typed = riskByHand(
      {
        ...study,
        curves: study.curves.map((c) =>
          c.id === 'c1'
            ? {
                ...c,
                risk: [
                  { time: 0, nRisk: 100 },
                  { time: 6, nRisk: 81 },
                  { time: 12, nRisk: 60 },
                ],
              }
            : c,
        ),
      },
      'c1',
      [6, 12],
    )
    expect(cellHighlights(typed).map((c) => c.time)).toEqual([0])
    const confirmed: Study = {
      ...study,
      provenance: {
        ...study.provenance,
        risk: { c1: { ...study.provenance!.risk!.c1, confirmed: true } },
      },
    }
    expect(cellHighlights(confirmed)).toEqual([])
    // A file saved before the boxes were kept: nothing outlined, nothing wrong.
    const { cells: _cells, ...old } = study.provenance!.risk!.c1
    expect(cellHighlights({ ...study, provenance: { risk: { c1: old } } })).toEqual([])
  })

  it('labels each traced curve to check at its right end, not a confirmed one', () => {
    expect(curveHighlights(readStudy())).toEqual([
      { curveId: 'c1', name: 'Placebo', color: '#1f77b4', anchor: { x: 300, y: 120 } },
    ])
    const none = readStudy()
    none.curves[0].points = []
    expect(curveHighlights(none)).toEqual([])
  })

  it('maps a box to the screen through the view', () => {
    const r = boxToScreen({ x0: 95, y0: 400, x1: 115, y1: 412 }, { scale: 0.5, x: 10, y: -20 })
    expectAllClose([r.x0, r.y0, r.x1, r.y1], [57.5, 180, 67.5, 186], {}, 'screen box')
  })

  it('picks the box under a press, with slack, the nearest centre where they overlap', () => {
    const boxes = [
      { x0: 0, y0: 0, x1: 10, y1: 10 },
      { x0: 8, y0: 0, x1: 20, y1: 10 },
    ]
    expect(hitBox(boxes, { x: 2, y: 5 }, 0)).toBe(0)
    expect(hitBox(boxes, { x: 9.8, y: 5 }, 0)).toBe(1)
    expect(hitBox(boxes, { x: 9, y: 5 }, 0)).toBe(0)
    expect(hitBox(boxes, { x: 22, y: 5 }, 0)).toBe(-1)
    expect(hitBox(boxes, { x: 22, y: 5 }, 2)).toBe(1)
    expect(hitBox(boxes, { x: 5, y: -3 }, 2)).toBe(-1)
    expect(hitBox([], { x: 5, y: 5 }, 2)).toBe(-1)
  })
})
