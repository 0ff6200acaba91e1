import { describe, expect, it } from 'vitest'
import { stepCorners } from '../../src/shared/trace/stepCorners'
import { emptyPlotMap, handRuns, handStep, rowAt, tracedStyled } from './helpers'

describe('ticks centred on the line, reaching above the level last reached, are read at their centre (issue 10)', () => {
  // A 2 px line at row 100 (columns 0–9); in column 10 only a pale sliver of a dash's lower edge
  // shows (rows 104–105.5, centred 4.75 px under the line); over columns 11–30 dense vertical
  // ticks 14 px tall centred on the line (rows 93–107) hide it; at column 31 it has dropped to
  // row 120. The sliver made a plateau of one column under the line, and a path never rises: the
  // ticks, no flat line, were read as the fall from it, clipped to the band below it, 5 px under
  // the line (JAMA's grey dashed arm of development seed 7001 B, columns 876–901, silently).
  const cols: [number, number][][] = []
  for (let x = 0; x < 60; x++) {
    if (x < 10) cols.push([[99, 101]])
    else if (x === 10) cols.push([[104, 105.5]])
    else if (x <= 30) cols.push([[93, 107]])
    else cols.push([[119, 121]])
  }
  const runs = handRuns(cols)
  const path = cols.map((_, x) => handStep(runs, x, 0))

  it('keeps the plateau on the line under the ticks', () => {
    // Before: rows 105–105.4 over columns 11–30.
    const { corners } = stepCorners(path, runs, emptyPlotMap, 2, 0, 100, 200, 1.75)
    for (const x of [5, 12, 20, 28]) expect(Math.abs(rowAt(corners, x + 0.5) - 100)).toBeLessThan(1)
    expect(rowAt(corners, 40)).toBe(120)
  })

  it('traces the survival-1 stretch under ticks on the line (lancet development seed 3046 A)', () => {
    // Before: 2.5 px under the line over columns 102–176 (0.926 of the arm's columns within 2 px).
    const a = tracedStyled(3046)[0]
    expect(a.arm.name).toBe('Arm A')
    expect(a.whole.within).toBeGreaterThanOrEqual(0.95)
    expect(a.whole.whole).toBe(true)
  })
})
