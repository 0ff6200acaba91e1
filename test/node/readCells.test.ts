import { describe, expect, it } from 'vitest'
import { readCellsOf } from '../../src/node/figureReading'
import type { RiskArm } from '../../src/shared/riskTable/types'

/** A row read at 0 and 12, nothing printed at 6, a stray number and a row problem. */
const arm: RiskArm = {
  label: 'Placebo',
  box: { x0: 0, y0: 500, x1: 390, y1: 520 },
  cells: [
    { time: 12, nRisk: 70, box: { x0: 300, y0: 502, x1: 320, y1: 514 }, confidence: 90 },
    { time: 0, nRisk: 120, box: { x0: 95, y0: 502, x1: 115, y1: 514 }, confidence: 95 },
  ],
  problems: [
    { code: 'blank', time: 6, box: { x0: 180, y0: 500, x1: 220, y1: 520 }, message: 'blank' },
    // A flag beside a number kept: the cell is drawn as read, once.
    { code: 'rises', time: 12, box: { x0: 300, y0: 502, x1: 320, y1: 514 }, message: 'rises' },
    { code: 'stray', box: { x0: 240, y0: 502, x1: 250, y1: 514 }, message: 'stray', text: '5' },
    { code: 'low-confidence', time: 18, box: { x0: 380, y0: 502, x1: 420, y1: 530 }, message: '' },
  ],
}

describe('where the cells of a risk-table row were read', () => {
  it('keeps each cell read with its number and each cell not read without, in time order, inside the figure', () => {
    expect(readCellsOf(arm, 400, 525)).toEqual([
      { time: 0, x0: 95, y0: 502, x1: 115, y1: 514, n: 120 },
      { time: 6, x0: 180, y0: 500, x1: 220, y1: 520 },
      { time: 12, x0: 300, y0: 502, x1: 320, y1: 514, n: 70 },
      // Clipped to the 400 × 525 figure.
      { time: 18, x0: 380, y0: 502, x1: 400, y1: 525 },
    ])
  })
})
