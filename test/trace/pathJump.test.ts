import { describe, expect, it } from 'vitest'
import { axisMap, parseColor, traceCurves } from '../../src/shared/trace'
import { type ColumnRuns, RUN_UNDER } from '../../src/shared/trace/columnRuns'
import { monotonePath } from '../../src/shared/trace/monotonePath'
import { renderKmFigure } from '../generator/kmFigure'
import { styleOfSeed, styledFigureSpec } from '../generator/styledFigure'
import { wholeness } from './wholeness'

/** A hand-made run: rows top–bottom (solid, fully inked), its flags (0: the curve's own ink). */
interface Run {
  top: number
  bottom: number
  flags?: number
}

/** Hand-made column runs from each column's runs, top to bottom (column x is image column x). */
function runsOf(columns: Run[][]): ColumnRuns {
  const all = columns.flat()
  const start = new Int32Array(columns.length + 1)
  columns.forEach((c, x) => (start[x + 1] = start[x] + c.length))
  const f = (g: (r: Run) => number) => Float64Array.from(all, g)
  return {
    x0: 0,
    columns: columns.length,
    start,
    top: f((r) => r.top),
    bottom: f((r) => r.bottom),
    centre: f((r) => (r.top + r.bottom) / 2),
    mass: f((r) => r.bottom - r.top),
    peak: f(() => 1),
    r0: Int32Array.from(all, (r) => Math.floor(r.top)),
    r1: Int32Array.from(all, (r) => Math.ceil(r.bottom) - 1),
    flags: Uint8Array.from(all, (r) => r.flags ?? 0),
    under: Int16Array.from(all, (r) => ((r.flags ?? 0) & RUN_UNDER ? 0 : -1)),
    gridRows: [],
    gridColumns: [],
  }
}

describe('a fall across bridged columns', () => {
  // A 1 px line at row 50 in columns 0–19, nothing in columns 20–38, and a line of the curve's
  // colour 100 px lower in columns 39–78; `hidden`, when given, is a column of the gap holding
  // another curve's vertical segment over rows 45–155.
  const runs = (hidden?: number) =>
    runsOf(
      Array.from({ length: 79 }, (_, x) =>
        x < 20
          ? [{ top: 49.5, bottom: 50.5 }]
          : x >= 39
            ? [{ top: 149.5, bottom: 150.5 }]
            : x === hidden
              ? [{ top: 45, bottom: 155, flags: RUN_UNDER }]
              : [],
      ),
    )

  it('is not taken where nothing in the gap could hide it', () => {
    // A 100 px drop spread over 19 empty columns cost a 19th of a drop in plain view, and the
    // path went on along the lower line (development seed 3110, arm A: after a 19-column gap
    // under dense marks, 109 px down onto arm C's line, IAE 0.0025 → 0.050).
    const path = monotonePath(runs(), 1, 0, 50, 1.25)
    expect(path[path.length - 1].x).toBe(19)
  })

  it('is taken where the gap holds ink that may hide it', () => {
    // Another curve's vertical segment in the gap may hide this curve's drop beneath it.
    const path = monotonePath(runs(25), 1, 0, 50, 1.25)
    expect(path[path.length - 1].x).toBe(78)
    expect(path[path.length - 1].exit).toBe(150)
  })

  it('leaves a generated arm on its line under dense marks (seed 3110, arm A)', () => {
    // Development seed 3110 (NEJM): the red arm hidden under dense black "+" marks; its trace
    // jumped 109 px across a 19-column gap onto the orange arm's line (share of columns within
    // 2 px of its line 0.61); along the marks it is 0.94 or more.
    const seed = 3110
    const fig = renderKmFigure(styledFigureSpec(seed, styleOfSeed(seed)))
    const curves = traceCurves(
      fig.image,
      fig.calibration,
      fig.arms.map((a) => parseColor(a.color)),
    )
    const span = Math.abs(fig.calibration.x2.value - fig.calibration.x1.value)
    const w = wholeness(curves[0], fig.arms[0].ipd, axisMap(fig.calibration), span)
    expect(w.within).toBeGreaterThan(0.9)
  })
})
