import { describe, expect, it } from 'vitest'
import { isMarkRim, stepCorners } from '../../src/shared/trace/stepCorners'
import { emptyPlotMap, handRuns, handStep, rowAt } from './helpers'

describe('the foot of a large circle mark is not the line (issue 10, random style)', () => {
  // A 4 px line at row 80 (columns 0–9) drops at column 10 to row 100 (rows 98–102), where large
  // circles (a 3.5 px ring, 18 px across) sit centred on it, one every 8 columns over 11–34. At a
  // ring's sides the whole ring is one run (92–109.5); beside them its upper half runs together
  // with the line (92–104.5) and its lower arc shows apart (106–109.5); in its middle the top arc,
  // the line and the lower arc are three runs. The drop took the path down to the rings' feet and
  // a path never rises: it runs along the lower arcs except where the line shows between them, as
  // on random dev seeds 7470 B and 6216 A (plateaus 2–3 px under the line, silently).
  type Col = [number, number][]
  const line: [number, number] = [98, 102]
  const cols: Col[] = []
  for (let x = 0; x < 70; x++) {
    const m = (x - 11) % 8
    if (x < 10) cols.push([[78, 82]])
    else if (x === 10) cols.push([[78, 109.5]])
    else if (x > 34) cols.push([line])
    else if (m === 0 || m === 7) cols.push([[92, 109.5]])
    else if (m === 3 || m === 4) cols.push([[92, 95.5], line, [106, 109.5]])
    else
      cols.push([
        [92, 104.5],
        [106, 109.5],
      ])
  }
  const runs = handRuns(cols)
  const path = cols.map((c, x) => {
    const m = (x - 11) % 8
    if (x < 10 || x > 34) return handStep(runs, x, 0)
    if (x === 10) return handStep(runs, x, 0, 107.75)
    return m === 3 || m === 4 ? handStep(runs, x, 1) : handStep(runs, x, c.length - 1, 107.75)
  })

  it("puts the plateau on the line, not between it and the rings' feet", () => {
    // Before: the arcs' level, averaged with the line's, put the plateau at row 101.75.
    const { corners } = stepCorners(path, runs, emptyPlotMap, 4, 0, 80, 200, 2.75)
    expect(rowAt(corners, 9)).toBe(80)
    for (const x of [12, 20, 30, 50])
      expect(Math.abs(rowAt(corners, x + 0.5) - 100)).toBeLessThan(0.5)
  })

  it('reads the lower arc as a rim, the line inside a ring and the plain line not', () => {
    expect(isMarkRim(12, runs.start[12] + 1, runs, 4)).toBe(true)
    expect(isMarkRim(14, runs.start[14] + 1, runs, 4)).toBe(false)
    expect(isMarkRim(40, runs.start[40], runs, 4)).toBe(false)
  })

  it("leaves a line beside a mark's arm no taller than the line alone", () => {
    // The line below a "+" arm of its own height 2 px above it (a drop's corner, survminer's
    // arms): that arm is no ring, and the line stays flat (survminer dev seed 6325 Strata 3).
    const r = handRuns([[[90, 94], line]])
    expect(isMarkRim(0, 1, r, 4)).toBe(false)
  })
})
