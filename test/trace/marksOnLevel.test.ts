import { describe, expect, it } from 'vitest'
import { lineBetweenLegs, stepCorners } from '../../src/shared/trace/stepCorners'
import { offMarkCentre } from '../../src/shared/trace/traceAudit'
import { renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'
import {
  type HandRun,
  emptyPlotMap,
  handRuns,
  handStep,
  rowAt,
  tracedWithWholeness,
} from './helpers'
import { isFlagged } from './wholeness'

/**
 * Issue 10, no silent wrong answer: marks in the line's own colour crowded on the line, read at
 * their centre (stepCorners.ts: lineBetweenLegs, transitionColumns) and, where the trace still
 * runs along their rims, warned of (traceAudit.ts: offMarkCentre, warning `off-mark-centre`), on
 * hand-made runs and on development seeds (never held-out ones).
 */
describe('marks crowded on the line', () => {
  const line: HandRun = [98.5, 101.5]

  it("reads a plateau on the line between an x mark's legs, not on its lower leg", () => {
    // A 3 px line at row 100; over columns 20–29 an "x" shows its legs above (93–95) and below
    // (105–107) the line, and the path runs along the lower leg, as on random 4014 arm A.
    const cols: HandRun[][] = Array.from({ length: 60 }, (_, x) =>
      x >= 20 && x < 30 ? [[93, 95], line, [105, 107]] : [line],
    )
    const runs = handRuns(cols)
    const path = cols.map((_, x) => handStep(runs, x, x >= 20 && x < 30 ? 2 : 0))
    const moved = lineBetweenLegs(path, runs, 3)
    expect(moved.slice(20, 30).every((s) => runs.centre[s.run] === 100)).toBe(true)
    const { corners } = stepCorners(path, runs, emptyPlotMap, 3, 0, 100, 200, 2.25)
    expect(rowAt(corners, 25)).toBe(100)
    expect(corners.every((c) => c.y === 100)).toBe(true)
  })

  it('leaves a line with a second line of its colour below it alone', () => {
    // Two runs only (no mirrored leg above): the lower one may be the line after a drop.
    const cols: HandRun[][] = Array.from({ length: 60 }, (_, x) =>
      x >= 20 && x < 30 ? [line, [105, 107]] : [line],
    )
    const runs = handRuns(cols)
    const path = cols.map((_, x) => handStep(runs, x, x >= 20 && x < 30 ? 1 : 0))
    expect(lineBetweenLegs(path, runs, 3)).toBe(path)
  })

  it('reads marks crowding a fall at the level they are centred on', () => {
    // The line at row 100 to column 39, marks 12 px tall centred on it over 40–49, the drop in
    // column 50, marks centred on row 120 over 51–60, the line at row 120 from 61. Clipped to the
    // band between the levels, the marks' centres lay 2.25 px inside it (random 4014 arm A).
    const cols: HandRun[][] = Array.from({ length: 100 }, (_, x) =>
      x < 40
        ? [line]
        : x < 50
          ? [[94, 106]]
          : x === 50
            ? [[98.5, 121.5]]
            : x <= 60
              ? [[114, 126]]
              : [[118.5, 121.5]],
    )
    const runs = handRuns(cols)
    const path = cols.map((_, x) => handStep(runs, x, 0))
    const { corners } = stepCorners(path, runs, emptyPlotMap, 3, 0, 100, 200, 2.25)
    expect(rowAt(corners, 45)).toBe(100)
    expect(rowAt(corners, 55)).toBe(120)
  })

  it('measures a trace along the rims of crowded marks', () => {
    // Marks 12 px tall centred on row 100 over columns 10–49, the line plain elsewhere.
    const cols: HandRun[][] = Array.from({ length: 60 }, (_, x) =>
      x >= 10 && x < 50 ? [[94, 106]] : [line],
    )
    const runs = handRuns(cols)
    const at = (y: number) => [
      { x: 0, y: 100 },
      { x: 10, y: 100 },
      { x: 10, y },
      { x: 50, y },
      { x: 50, y: 100 },
      { x: 59, y: 100 },
    ]
    const rim = offMarkCentre(at(105), runs, 3)
    expect(rim.columns).toBeGreaterThanOrEqual(38)
    expect(rim.first).toBeGreaterThanOrEqual(10)
    expect(rim.last).toBeLessThan(50)
    expect(offMarkCentre(at(100), runs, 3).columns).toBe(0)
  })

  it('traces random 4014 arm A whole under its dense x marks', () => {
    // A 4 px black line under black "x" marks 13 px tall, many touching: the trace put six
    // plateaus on the marks' lower legs and read the marks crowding falls off both levels; 93%
    // of its columns lay within 2 px of the line, and nothing warned.
    const { whole } = tracedWithWholeness(renderKmFigure(styledFigureSpec(4014, 'random')))[0]
    expect(whole.whole).toBe(true)
  })

  it('warns of random 3078 arm B, along the rims of thick circles', () => {
    // A thick grey line under overlapping thick open circles of its own colour: the trace runs
    // along their lower rims in places (5–10 px under the line).
    const { curve, whole } = tracedWithWholeness(
      renderKmFigure(styledFigureSpec(3078, 'random')),
    )[1]
    if (whole.whole) return
    expect(isFlagged(curve)).toBe(true)
    expect(curve.warnings.some((w) => w.code === 'off-mark-centre')).toBe(true)
  })
})
