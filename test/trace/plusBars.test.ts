import { describe, expect, it } from 'vitest'
import { isPlusBar, stepCorners } from '../../src/shared/trace/stepCorners'
import { renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'
import { expectClose } from '../helpers/close'
import { emptyPlotMap, handRuns, handStep, rowAt, tracedWithWholeness } from './helpers'

describe('"+" censor marks in the line\'s own colour on a thick line (issue 10)', () => {
  // A 4 px line at row 100 (columns 0–19), at row 104 (20–59) and at row 112 (60–99). Over
  // 20–59 a "+" mark sits on the line every few columns (survminer's dense marks): bars 4 px wide
  // and 14 px tall centred on the line (97–111), their horizontal arms on the line's rows. Where
  // the line shows alone there, the path (as monotonePath took it on forced-survminer 3053) rode
  // a sliver at the foot of the marks (108.5–111), not the line: the plateau must still be read at
  // the marks' centre, 104, not at the foot, 109.75.
  const cols: [number, number][][] = []
  for (let x = 0; x < 100; x++) {
    if (x < 20) cols.push([[98, 102]])
    else if (x >= 60) cols.push([[110, 114]])
    else if (x === 30 || x === 45)
      cols.push([
        [102, 106],
        [108.5, 111],
      ])
    else if ((x - 20) % 10 < 8) cols.push([[97, 111]])
    else cols.push([[102, 106]])
  }
  const runs = handRuns(cols)
  const path = cols.map((c, x) =>
    handStep(runs, x, c.length - 1, x < 20 ? 100 : x >= 60 ? 112 : c.length === 2 ? 109.75 : 104),
  )

  it('reads the bars of the marks as the line at their centre', () => {
    expect(isPlusBar(25, runs.start[25], runs, 4)).toBe(true)
    // The line width traceCurve passes is the median height of the path's runs, which marks on
    // most columns pull up (7 px on such figures for a 4 px line); the commonest stays 4 px.
    const { corners } = stepCorners(path, runs, emptyPlotMap, 7, 0, 100, 200, 2.75)
    // Without the bars read as the line: 109.75 (the slivers' level) from column 20 on.
    expectClose(rowAt(corners, 40), 104, { abs: 0.5 }, 'row under the marks')
    expectClose(rowAt(corners, 58), 104, { abs: 0.5 }, 'row before the drop')
    expectClose(rowAt(corners, 80), 112, { abs: 0.01 }, 'row after the drop')
  })

  it('reads the bars reaching above the level last reached where marks are too few to pull the median up', () => {
    // The same runs with the median at the line's width: the bars are not read as the line for
    // their density (on sparse marks that reading cost whole arms and the cases' accuracy), but
    // where the path has come down to the slivers at their foot (109.75) the bars reach above that
    // level, which a line that never rises cannot: they are marks, read at their centre (RISE).
    // Before RISE the plateau lay more than 1 px under the line here.
    const { corners } = stepCorners(path, runs, emptyPlotMap, 4, 0, 100, 200, 2.75)
    expect(Math.abs(rowAt(corners, 40) - 104)).toBeLessThan(0.5)
  })

  it('does not read a drop taller than the line as a mark', () => {
    // A drop from row 100 to 120 in columns 40–43: at the middle of its vertical segment, row 110,
    // ink is only the segment's 4 columns wide, where a "+" mark's arm reaches as far out as its
    // bar reaches up and down.
    const drop: [number, number][][] = []
    for (let x = 0; x < 100; x++) {
      drop.push(x < 40 ? [[98, 102]] : x < 44 ? [[98, 122]] : [[118, 122]])
    }
    const r = handRuns(drop)
    expect(isPlusBar(41, r.start[41], r, 4)).toBe(false)
    const p = drop.map((_, x) => handStep(r, x, 0, x < 40 ? 100 : x < 44 ? 110 : 120))
    const { corners } = stepCorners(p, r, emptyPlotMap, 4, 0, 100, 200, 2.75)
    expect(rowAt(corners, 39)).toBe(100)
    expect(rowAt(corners, 45)).toBe(120)
    // The drop is one vertical segment at the middle of the 4 columns (integral of the centres).
    const x = corners.find((c) => c.y === 120)!.x
    expectClose(x, 42, { abs: 0.5 }, 'drop time')
  })
})

describe('upward ticks crowded on a line are not "+" marks (issue 10)', () => {
  // A 4 px line at row 100 (columns 0–99), falling to row 112 at column 80. Over 30–59 short
  // ticks rise from it a pixel apart (JCO's dense censorings): every column there holds a run
  // from 90 to 102, so each has ink at its neighbours' middle row (96), as a "+"'s arm would.
  // Their centre is half a tick above the line: the plateau's level is still the line's, 100.
  const cols: [number, number][][] = []
  for (let x = 0; x < 100; x++) {
    if (x >= 80) cols.push([[110, 114]])
    else if (x >= 30 && x < 60) cols.push([[90, 102]])
    else cols.push([[98, 102]])
  }
  const runs = handRuns(cols)
  const path = cols.map((_, x) => handStep(runs, x, 0))

  it("reads the plateau at the line, not at the ticks' middle", () => {
    expect(isPlusBar(45, runs.start[45], runs, 7)).toBe(false)
    // The median run height the marks pull up (dense marks: read as bars without this rule).
    const { corners } = stepCorners(path, runs, emptyPlotMap, 7, 0, 100, 200, 2.75)
    expectClose(rowAt(corners, 45), 100, { abs: 0.5 }, 'row under the ticks')
    expectClose(rowAt(corners, 90), 112, { abs: 0.01 }, 'row after the drop')
  })

  it('still reads a bar as a "+" where the line beside it is at its centre', () => {
    // The same columns with the runs 94–106 (centred on the line at 100): "+" bars.
    const plus = handRuns(cols.map((c, x) => (x >= 30 && x < 60 ? [[94, 106]] : c)))
    expect(isPlusBar(45, plus.start[45], plus, 7)).toBe(true)
  })
})

describe('generated JCO figures with crowded upward ticks (issue 10)', () => {
  it('traces the line under the ticks, not half a tick above it', () => {
    // Development seed 3080 forced to JCO, arm A (blue): clusters of ticks a pixel or two apart
    // on its plateaus were read as "+" bars, their centre 2 px above the line, so the trace was
    // 0.926 within 2 px of the line with status `whole` and no warning (a silent arm); now 0.96.
    // Regression lock: produced by kmpool's tracer on the generated figure.
    const a = tracedWithWholeness(renderKmFigure(styledFigureSpec(3080, 'jco')))[0]
    expect(a.whole.within).toBeGreaterThan(0.95)
    expect(a.whole.whole).toBe(true)
  })
})

describe('generated survminer figures with dense "+" marks on thick lines (issue 10)', () => {
  it("traces their arms whole where the marks hid the line's level", () => {
    // Development seed 3053 forced to survminer, arm 2 (green, 3.75 px): from month 14.9 to 15.8
    // a "+" mark sits on nearly every column; the path ran along the marks' feet, 4 px below the
    // line, and the trace was 0.924 within 2 px of the line with status `whole` (a silent arm).
    // Seed 3058 arm 2 (green, 2.75 px): the same in its steep first months, 0.912 (flagged).
    // Regression lock: produced by kmpool's tracer on the generated figures, not an external
    // reference.
    const a = tracedWithWholeness(renderKmFigure(styledFigureSpec(3053, 'survminer')))[1]
    expect(a.whole.within).toBeGreaterThan(0.97)
    const b = tracedWithWholeness(renderKmFigure(styledFigureSpec(3058, 'survminer')))[1]
    expect(b.whole.within).toBeGreaterThan(0.99)
  })
})
