import { describe, expect, it } from 'vitest'
import { isPlusBar, lineUnderMarks, stepCorners } from '../../src/shared/trace/stepCorners'
import { renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'
import { expectClose } from '../helpers/close'
import {
  type HandRun,
  emptyPlotMap,
  handRuns,
  handStep,
  rowAt,
  tracedWithWholeness,
} from './helpers'

/** Hand-made runs (handRuns) where a run under half a pixel tall is a faint sliver (peak 0.25). */
const slivers = (cols: readonly (readonly HandRun[])[]) =>
  handRuns(cols, (r) => (r[1] - r[0] < 0.5 ? 0.25 : 1))

describe('black "+" censor marks drawn over a coloured line (NEJM; issue 10)', () => {
  // A 2.5 px line at row 100 (columns 0–59), then at row 110. Over columns 40–59, just before the
  // drop, black marks' horizontal arms (rows 99–101) hide the line but for its anti-aliased
  // edges, slivers 0.2 px tall just above and below them; the path rides the lower sliver at
  // 101.5 (as on forced-NEJM 3021 arm C, where the trace lay 2 px under its line for 43 columns).
  const cols: HandRun[][] = []
  for (let x = 0; x < 100; x++) {
    if (x < 40) cols.push([[98.75, 101.25]])
    else if (x < 60)
      cols.push([
        [98.4, 98.6],
        [99, 101, 'mark'],
        [101.4, 101.6],
      ])
    else cols.push([[108.75, 111.25]])
  }
  const runs = slivers(cols)
  const path = cols.map((c, x) => handStep(runs, x, c.length - 1))

  it('reads the line at the arms of the marks, between its two edges', () => {
    const moved = lineUnderMarks(path, runs, 2.5)
    expect(moved[50].run).toBe(runs.start[50] + 1)
    expect(moved[30]).toBe(path[30])
    const { corners } = stepCorners(path, runs, emptyPlotMap, 2.5, 0, 100, 200, 2)
    // Without the marks read: 101.5 (the lower edge's level) over columns 40–59.
    expectClose(rowAt(corners, 50), 100, { abs: 0.1 }, 'row under the marks')
    expectClose(rowAt(corners, 80), 110, { abs: 0.01 }, 'row after the drop')
  })

  it("leaves a sliver alone where the line's other edge does not show", () => {
    // Only the lower edge beside the mark: the line may lie lower than the mark's centre.
    const one = slivers(cols.map((c) => (c.length === 3 ? c.slice(1) : c)))
    const p = Array.from({ length: 100 }, (_, x) => handStep(one, x, x >= 40 && x < 60 ? 1 : 0))
    expect(lineUnderMarks(p, one, 2.5)).toBe(p)
    // Nor where the run under the sliver is the line's own ink, not a mark's.
    const own = slivers(cols.map((c) => c.map((r) => [r[0], r[1]] as HandRun)))
    expect(lineUnderMarks(path, own, 2.5)).toBe(path)
    // Nor a part of the line taller than a sliver beside an arm: the line shows there, lower.
    const low = slivers(cols.map((c) => (c.length === 3 ? [c[0], c[1], [101.4, 102.6]] : c)))
    expect(lineUnderMarks(path, low, 2.5)).toBe(path)
  })

  it("reads a mark's vertical bar over a thin line at its centre", () => {
    // A 0.8 px line at row 100 hidden under a black "+": its vertical bar (rows 96–104, columns
    // 20–21) and its horizontal arm (rows 99.5–100.5, columns 16–25). The path rides a sliver of
    // the line's colour at the bar's foot (104.4–104.6, as on forced-NEJM 3020 arm C).
    const thin: HandRun[][] = []
    for (let x = 0; x < 40; x++) {
      if (x === 20 || x === 21)
        thin.push([
          [96, 104, 'mark'],
          [104.4, 104.6],
        ])
      else if (x >= 16 && x <= 25) thin.push([[99.5, 100.5, 'mark']])
      else thin.push([[99.6, 100.4]])
    }
    const r = slivers(thin)
    expect(isPlusBar(20, r.start[20], r, 0.8, true)).toBe(true)
    // Not as the line's own mark (its ink is black).
    expect(isPlusBar(20, r.start[20], r, 0.8)).toBe(false)
    const p = thin.map((c, x) => handStep(r, x, c.length - 1))
    const moved = lineUnderMarks(p, r, 0.8)
    expect(moved[20].run).toBe(r.start[20])
    expect(moved[21].run).toBe(r.start[21])
    expect(moved[19]).toBe(p[19])
    // A part of the line less tall than the line, showing at the bar's foot, is moved too; one as
    // tall as the line is the line, and is left alone.
    const part = (h: number) =>
      slivers(
        thin.map((c, x) =>
          x === 20
            ? [
                [96, 104, 'mark'],
                [104.2, 104.2 + h],
              ]
            : c,
        ),
      )
    const shown = part(0.6)
    expect(lineUnderMarks(p, shown, 0.8)[20].run).toBe(shown.start[20])
    const whole = part(1)
    expect(lineUnderMarks(p, whole, 0.8)[20].run).toBe(whole.start[20] + 1)
    // A tick rising from the line (rows 92–100) has no black arm through its centre (row 96).
    const tick = slivers(
      thin.map((c, x) =>
        x === 20 || x === 21
          ? [
              [92, 100, 'mark'],
              [100.4, 100.6],
            ]
          : x >= 16 && x <= 25
            ? [[99.6, 100.4]]
            : c,
      ),
    )
    expect(isPlusBar(20, tick.start[20], tick, 0.8, true)).toBe(false)
    // Nor is a black bar crossed by another curve's ink, not a black arm.
    const crossed = slivers(
      thin.map((c, x) =>
        x >= 16 && x <= 25 && x !== 20 && x !== 21 ? [[99.5, 100.5, 'other']] : c,
      ),
    )
    expect(isPlusBar(20, crossed.start[20], crossed, 0.8, true)).toBe(false)
  })
})

describe('generated NEJM figures with black "+" marks over the lines (issue 10)', () => {
  it('traces the orange arms whole where the marks hid their lines', () => {
    // Development seeds 3021 and 3020 forced to NEJM, arm C (orange, 2.5 and 0.75 px), under
    // dense black "+" marks: the path ran along the slivers of the line's colour at the marks'
    // edges, and the traces were 0.811 and 0.803 within 2 px of the line (flagged).
    // Regression lock: produced by kmpool's tracer on the generated figures, not an external
    // reference.
    const a = tracedWithWholeness(renderKmFigure(styledFigureSpec(3021, 'nejm')))[2]
    expect(a.whole.within).toBeGreaterThan(0.97)
    const b = tracedWithWholeness(renderKmFigure(styledFigureSpec(3020, 'nejm')))[2]
    expect(b.whole.within).toBeGreaterThan(0.95)
  })
})
