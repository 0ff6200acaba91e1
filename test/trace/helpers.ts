import { kmStep } from '../../src/shared/reconstruct'
import type { IpdRow } from '../../src/shared/reconstruct/types'
import { type TracedCurve, axisMap, parseColor, traceCurves } from '../../src/shared/trace'
import type { CensorMark, Rgb } from '../../src/shared/trace/types'
import { type ColumnRuns, RUN_MARK, RUN_UNDER } from '../../src/shared/trace/columnRuns'
import type { CoverageMap } from '../../src/shared/trace/coverage'
import type { PathStep } from '../../src/shared/trace/monotonePath'
import { type RenderedFigure, renderKmFigure } from '../generator/kmFigure'
import { type FigureStyle, styleOfSeed, styledFigureSpec } from '../generator/styledFigure'
import { wholeness } from './wholeness'

/** S(t) of a traced curve read as a step function through its corners (right-continuous). */
export function tracedAt(curve: TracedCurve, t: number): number {
  let s = 1
  for (const p of curve.points) if (p.time <= t) s = p.surv
  return s
}

/**
 * Mean absolute difference between a traced curve and the true KM of `ipd` over [0, T], T the
 * last time with at least 5 patients at risk, on a fine grid (the tracing's own IAE, before any
 * reconstruction).
 */
export function traceIae(curve: TracedCurve, ipd: readonly IpdRow[]): number {
  const km = kmStep(ipd)
  const times = ipd.map((r) => r.time).sort((a, b) => a - b)
  const T = times[times.length - 5]
  const at = (t: number) => {
    let s = 1
    for (let i = 0; i < km.time.length && km.time[i] <= t; i++) s = km.surv[i]
    return s
  }
  let sum = 0
  const n = 2000
  for (let k = 0; k < n; k++) {
    const t = ((k + 0.5) * T) / n
    sum += Math.abs(tracedAt(curve, t) - at(t))
  }
  return sum / n
}

/**
 * The bench's "found": a curve stands for an arm if its traceIae to the arm's true KM is at most
 * this: loose enough that a curve traced with gross errors (a stretch bridged, a tail lost) is the
 * arm found and badly traced, tight enough that a gridline or another arm's trace is not.
 */
export const FOLLOWS = 0.1

/**
 * Each offered curve given to the arm it follows, as a person reads the overlay (the bench's
 * matching, test/bench/tracing.ts): closest pairs by traceIae first, each curve to one arm, none
 * beyond FOLLOWS. Returns the curve's index for each arm's index; an arm absent is not found.
 */
export function armsFollowed(
  curves: readonly TracedCurve[],
  arms: readonly { ipd: readonly IpdRow[] }[],
): Map<number, number> {
  const pairs = curves.flatMap((c, j) => arms.map((a, i) => ({ i, j, gap: traceIae(c, a.ipd) })))
  const armOf = new Map<number, number>()
  const used = new Set<number>()
  for (const p of pairs.sort((x, y) => x.gap - y.gap)) {
    if (p.gap > FOLLOWS || armOf.has(p.i) || used.has(p.j)) continue
    armOf.set(p.i, p.j)
    used.add(p.j)
  }
  return armOf
}

/**
 * Censor marks read on figures with known marks, each arm traced with its true colour: the marks
 * drawn, and recall and precision with a traced mark matching a drawn one within 2 px in time (as
 * test/bench/tracing.ts scores them).
 */
export function markScores(figures: readonly RenderedFigure[]) {
  let drawn = 0
  let found = 0
  let traced = 0
  let right = 0
  for (const fig of figures) {
    const curves = traceCurves(
      fig.image,
      fig.calibration,
      fig.arms.map((a) => parseColor(a.color)),
    )
    const tol = 2 / axisMap(fig.calibration).pxPerTime
    curves.forEach((c, i) => {
      const truth = fig.arms[i].censorTimes
      const read = c.censorMarks.map((m) => m.time)
      drawn += truth.length
      traced += read.length
      found += truth.filter((t) => read.some((m) => Math.abs(m - t) <= tol)).length
      right += read.filter((m) => truth.some((t) => Math.abs(m - t) <= tol)).length
    })
  }
  return { drawn, recall: found / drawn, precision: right / traced }
}

/**
 * Every arm of a generated figure traced with its true colour (all at once, as `kmpool trace`
 * does), with how whole each trace is against the figure's truth (wholeness.ts), the figure's arm
 * and the length of its time axis (`span`, in its time unit).
 */
export function tracedWithWholeness(fig: RenderedFigure) {
  const curves = traceCurves(
    fig.image,
    fig.calibration,
    fig.arms.map((a) => parseColor(a.color)),
  )
  const map = axisMap(fig.calibration)
  const span = Math.abs(fig.calibration.x2.value - fig.calibration.x1.value)
  return curves.map((curve, i) => ({
    curve,
    whole: wholeness(curve, fig.arms[i].ipd, map, span),
    arm: fig.arms[i],
    span,
  }))
}

/** tracedWithWholeness on the generated figure of `seed` in `style` (by default the seed's own). */
export function tracedStyled(seed: number, style: FigureStyle = styleOfSeed(seed)) {
  return tracedWithWholeness(renderKmFigure(styledFigureSpec(seed, style)))
}

/** The traced arm (tracedWithWholeness) drawn in `color` (#rrggbb, any case) or named `name`. */
export function armOf<T extends { arm: { name: string; color: string } }>(
  arms: readonly T[],
  which: { color: string } | { name: string },
): T {
  const found = arms.find((a) =>
    'name' in which
      ? a.arm.name === which.name
      : a.arm.color.toLowerCase() === which.color.toLowerCase(),
  )
  if (!found) throw new Error(`no arm ${JSON.stringify(which)} in the figure`)
  return found
}

/**
 * The plot hand-made runs (runPerColumn) lie in: 500 px wide for 50 months (10 px per month),
 * survival 0 at row 200 and 1 at row 0.
 */
export const runsMap = axisMap({
  x1: { px: 0, py: 200, value: 0 },
  x2: { px: 500, py: 200, value: 50 },
  y1: { px: 0, py: 200, value: 0 },
  y2: { px: 0, py: 0, value: 1 },
  yScale: 'proportion',
})

/**
 * Hand-made column runs for the status's unit tests: one run per column (run x in column x),
 * `flags(x)` its flags (0: the curve's own ink); a run flagged RUN_UNDER lies under curve 0.
 */
export function runPerColumn(columns: number, flags: (x: number) => number): ColumnRuns {
  const z = () => new Float64Array(columns)
  return {
    x0: 0,
    columns,
    start: Int32Array.from({ length: columns + 1 }, (_, i) => i),
    top: z(),
    bottom: z(),
    centre: z(),
    mass: z(),
    peak: z(),
    r0: new Int32Array(columns),
    r1: new Int32Array(columns),
    flags: Uint8Array.from({ length: columns }, (_, x) => flags(x)),
    under: Int16Array.from({ length: columns }, (_, x) => (flags(x) & RUN_UNDER ? 0 : -1)),
    gridRows: [],
    gridColumns: [],
  }
}

/** A path over runPerColumn's runs at row 50, dropping `drop` px at column `at`. */
export function pathWithDrop(columns: number, at: number, drop: number): PathStep[] {
  return Array.from({ length: columns }, (_, x) => ({
    x,
    run: x,
    entry: x > at ? 50 + drop : 50,
    exit: x >= at ? 50 + drop : 50,
  }))
}

/**
 * A hand-made traced curve with what settleSharedMarks reads: its colour, marks and (pixel and
 * data) points; line width 1.5 px, no warnings, traced whole.
 */
export function markedCurve(
  color: Rgb,
  marks: CensorMark[],
  points: TracedCurve['points'] = [],
): TracedCurve {
  return {
    color,
    points,
    censorMarks: marks,
    lineWidth: 1.5,
    columnsSeen: 0,
    columnsBridged: 0,
    status: { status: 'whole', stretches: [] },
    warnings: [],
  }
}

/**
 * A run in a hand-made column: its [top, bottom], and whether it is black mark ink (RUN_MARK) or
 * another curve's ink, which this one may follow where hidden (RUN_UNDER); else the curve's own.
 */
export type HandRun = readonly [number, number, ('mark' | 'other')?]

/**
 * Hand-made column runs for stepCorners' unit tests: `cols[x]` the runs of column x, top to
 * bottom; `peak(run)` each run's largest coverage (1 unless given).
 */
export function handRuns(
  cols: readonly (readonly HandRun[])[],
  peak: (r: HandRun) => number = () => 1,
): ColumnRuns {
  const flat = cols.flat()
  const f = (g: (r: HandRun) => number) => Float64Array.from(flat, g)
  const start = new Int32Array(cols.length + 1)
  cols.forEach((c, x) => (start[x + 1] = start[x] + c.length))
  return {
    x0: 0,
    columns: cols.length,
    start,
    top: f((r) => r[0]),
    bottom: f((r) => r[1]),
    centre: f((r) => (r[0] + r[1]) / 2),
    mass: f((r) => r[1] - r[0]),
    peak: f(peak),
    r0: Int32Array.from(flat, (r) => Math.floor(r[0])),
    r1: Int32Array.from(flat, (r) => Math.ceil(r[1])),
    flags: Uint8Array.from(flat, (r) =>
      r[2] === 'mark' ? RUN_MARK : r[2] === 'other' ? RUN_UNDER : 0,
    ),
    under: new Int16Array(flat.length).fill(-1),
    gridRows: [],
    gridColumns: [],
  }
}

/** A coverage map of an empty plot 100 × 200 px (stepCorners reads it only to time tall drops). */
export const emptyPlotMap: CoverageMap = {
  area: { x0: 0, y0: 0, x1: 100, y1: 200 },
  width: 100,
  height: 200,
  cover: new Float32Array(100 * 200),
  other: new Uint8Array(100 * 200),
  inkAt: new Int32Array(0),
  columns: {
    start: new Int32Array(101),
    rows: new Int32Array(0),
    rowStart: new Int32Array(201),
    colourIds: new Int32Array(0),
  },
}

/** A path step in column x on the hand-made run k of that column, at row y (its centre unless given). */
export function handStep(runs: ColumnRuns, x: number, k: number, y?: number): PathStep {
  const run = runs.start[x] + k
  const row = y ?? runs.centre[run]
  return { x, run, entry: row, exit: row }
}

/** The corners' row at column x (the last corner at or before it). */
export const rowAt = (corners: readonly { x: number; y: number }[], x: number) =>
  corners.filter((c) => c.x <= x).at(-1)!.y
