import { describe, expect, it } from 'vitest'
import { lineUnderArms, stepCorners } from '../../src/shared/trace/stepCorners'
import { renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'
import { expectClose } from '../helpers/close'
import { emptyPlotMap, handRuns, handStep, rowAt, tracedWithWholeness } from './helpers'

describe('a censor mark\'s arm reaching past a drop (issue 10, survminer "+" marks)', () => {
  // A 3 px line at row 100 (columns 0–39) drops at column 40 to row 110 (41–99). A "+" mark drawn
  // at column 36 on row 100 has its bar at 36 (93–107) and its right arm on the line's rows out to
  // column 43: over 41–43 the arm (98.5–101.5) lies above the line that has already fallen
  // (108.5–111.5). The path keeps to the higher ink, along the arm, as monotonePath did on
  // forced-survminer 3037 arm 2 and 3001 arm 1.
  const cols: [number, number][][] = []
  for (let x = 0; x < 100; x++) {
    if (x === 36) cols.push([[93, 107]])
    else if (x < 40) cols.push([[98.5, 101.5]])
    else if (x === 40) cols.push([[98.5, 111.5]])
    else if (x <= 43)
      cols.push([
        [98.5, 101.5],
        [108.5, 111.5],
      ])
    else cols.push([[108.5, 111.5]])
  }
  const runs = handRuns(cols)
  const path = cols.map((_, x) => handStep(runs, x, 0, x < 40 || (x > 40 && x <= 43) ? 100 : 110))

  it('puts the drop where the line fell, not at the end of the arm', () => {
    const moved = lineUnderArms(path, runs, 3, 3)
    expect(moved.slice(41, 44).map((s) => s.run)).toEqual(
      [1, 2, 3].map((k) => runs.start[40 + k] + 1),
    )
    const { corners } = stepCorners(path, runs, emptyPlotMap, 3, 0, 100, 200, 2.25)
    // Without the arm read as the mark's: row 100 up to column 43, the drop at 44.
    expect(rowAt(corners, 41.5)).toBe(110)
    expect(rowAt(corners, 39)).toBe(100)
    const x = corners.find((c) => c.y === 110)!.x
    expectClose(x, 40.5, { abs: 0.6 }, 'drop time')
  })

  it("leaves a mark's left arm under the line before a drop alone", () => {
    // The mirror image: a mark at column 46 on row 110 reaches back under the line to column 38.
    // Columns 38–39 show the line (row 100) and the arm below it, and the line falls at column 40,
    // right after them. No column before them joins the two (the path there is the line), so the
    // line is where the path runs and the drop stays at column 40 — also where the drop's own
    // column is not seen (here column 40 is hidden, as under another arm's line).
    const mirror: [number, number][][] = []
    for (let x = 0; x < 100; x++) {
      if (x < 38) mirror.push([[98.5, 101.5]])
      else if (x < 40)
        mirror.push([
          [98.5, 101.5],
          [108.5, 111.5],
        ])
      else if (x === 46) mirror.push([[103, 117]])
      else mirror.push([[108.5, 111.5]])
    }
    const r = handRuns(mirror)
    const p = mirror.map((_, x) => handStep(r, x, 0, x < 40 ? 100 : 110))
    expect(lineUnderArms(p, r, 3, 3)).toBe(p)
    const { corners } = stepCorners(p, r, emptyPlotMap, 3, 0, 100, 200, 2.25)
    expect(rowAt(corners, 39)).toBe(100)
    expect(rowAt(corners, 40.5)).toBe(110)
  })
  it('does not take ink far below the arm for the line', () => {
    // The same arm, but in column 43 the first own ink below it is a run far down (rows 178–181,
    // a legend key's line): the line below an arm goes on from column to column, so nothing is
    // moved to that run (on Lancet dev seed 3094 arm C such a run 300 px down pulled a whole
    // stretch of the trace to it).
    const far = cols.map((c, x) => (x === 43 ? ([c[0], [178, 181]] as [number, number][]) : c))
    const r = handRuns(far)
    const p = far.map((_, x) => handStep(r, x, 0, x < 40 || (x > 40 && x <= 43) ? 100 : 110))
    expect(lineUnderArms(p, r, 3, 3).every((s) => r.centre[s.run] < 150)).toBe(true)
  })

  it("does not take a band's faint edge below the arm for the line", () => {
    // The same runs with the ink below the arm faint (its darkest pixel half the arm's): the edge
    // of a confidence band, as on forced-survminer 4058 arm 3, is not the line.
    const r = handRuns(cols)
    for (let x = 41; x <= 43; x++) r.peak[r.start[x] + 1] = 0.5
    const p = cols.map((_, x) => handStep(r, x, 0, x < 40 || (x > 40 && x <= 43) ? 100 : 110))
    expect(lineUnderArms(p, r, 3, 3)).toBe(p)
  })

  it("leaves the one column of a drop's anti-aliased corner alone", () => {
    // A plain drop (no mark) at column 40: beside its vertical segment, column 41 keeps a thin
    // part of the upper line's corner (99–100.5) apart from the line below, as on Lancet-style
    // dev figures. The drop stays where the corner reading puts it (a 1-column "arm" moved it a
    // column early and raised the IAE of clean arms).
    const corner: [number, number][][] = []
    for (let x = 0; x < 100; x++) {
      if (x < 40) corner.push([[98.5, 101.5]])
      else if (x === 40) corner.push([[98.5, 111.5]])
      else if (x === 41)
        corner.push([
          [99, 100.5],
          [108.5, 111.5],
        ])
      else corner.push([[108.5, 111.5]])
    }
    const r = handRuns(corner)
    const p = corner.map((_, x) => handStep(r, x, 0, x <= 41 ? 100 : 110))
    expect(lineUnderArms(p, r, 3, 3)).toBe(p)
  })
})

describe('generated survminer figures with "+" marks just before drops (issue 10)', () => {
  it("traces the arm whole where a mark's arm hid the drops", () => {
    // Development seed 3037 forced to survminer, arm 2 (3 px): "+" marks just before drops
    // carried the path along their right arms, 4–8 px above the line for 3–6 columns at a time;
    // the trace was 0.950 within 2 px of the line with status `whole` (a silent arm).
    // Regression lock: produced by kmpool's tracer on the generated figure, not an external
    // reference.
    const a = tracedWithWholeness(renderKmFigure(styledFigureSpec(3037, 'survminer')))[1]
    expect(a.whole.within).toBeGreaterThan(0.96)
  })
})
