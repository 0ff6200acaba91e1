import { kmStep } from '../../src/shared/reconstruct'
import type { IpdRow } from '../../src/shared/reconstruct/types'
import { type TracedCurve, axisMap, parseColor, traceCurves } from '../../src/shared/trace'
import type { RenderedFigure } from '../generator/kmFigure'

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
