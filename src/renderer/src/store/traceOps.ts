/**
 * Study edits of automatic tracing, pure like studyOps.ts: a traced curve lands as ordinary points
 * (its step corners) with its censor marks' times, and the tracing mask grows stroke by stroke.
 */
import type { SurvivalAxes } from '../../../shared/calibration/axes'
import type { CurveTrace } from '../../../shared/model/curveTrace'
import type { MaskStroke, Study, StudyCurve } from '../../../shared/model/study'
import { addCurve } from './studyOps'

export interface Trace {
  /** The step function's corners in image pixels, in time order. */
  corners: { x: number; y: number }[]
  censorTimes: number[]
  /** What the tracer said of the curve: whole, or its inferred and gap stretches. */
  status?: CurveTrace
}

/**
 * The curve's points replaced by the traced corners, located by the study's own calibration (so a
 * traced point is exactly what a click at that pixel would have made), and its censor times set.
 */
export function applyTrace(study: Study, curveId: string, trace: Trace, axes: SurvivalAxes): Study {
  return {
    ...study,
    curves: study.curves.map((c): StudyCurve => {
      if (c.id !== curveId) return c
      const points = trace.corners
        .map(({ x, y }) => ({ px: x, py: y, ...axes.toData(x, y) }))
        .sort((a, b) => a.time - b.time)
      const next: StudyCurve = { ...c, points }
      // No marks found is no marks claimed: the reconstruction then infers the censoring.
      if (trace.censorTimes.length > 0) next.censorTimes = [...trace.censorTimes]
      else delete next.censorTimes
      // The status describes this trace; a trace without one (or a hand-made curve) claims none.
      // Later hand edits of the points keep it: it records what the tracer saw in the figure,
      // which a click does not change, so a stretch fixed by hand still reads as flagged until
      // the curve is traced again.
      if (trace.status) next.trace = trace.status
      else delete next.trace
      return next
    }),
  }
}

/** A suggested curve accepted: a new curve of that colour, with its trace. */
export function addTracedCurve(
  study: Study,
  color: string,
  trace: Trace,
  axes: SurvivalAxes,
): { study: Study; id: string } {
  const added = addCurve(study)
  const named = {
    ...added.study,
    curves: added.study.curves.map((c) => (c.id === added.id ? { ...c, color } : c)),
  }
  return { study: applyTrace(named, added.id, trace, axes), id: added.id }
}

export function addMaskStroke(study: Study, stroke: MaskStroke): Study {
  return { ...study, traceMask: [...(study.traceMask ?? []), stroke] }
}

/** The last stroke extended to (x, y): a brush drag is one stroke. */
export function extendMaskStroke(study: Study, x: number, y: number): Study {
  const mask = study.traceMask ?? []
  const last = mask[mask.length - 1]
  if (!last) return study
  const stroke = { ...last, points: [...last.points, [x, y] as [number, number]] }
  return { ...study, traceMask: [...mask.slice(0, -1), stroke] }
}

export function clearMask(study: Study): Study {
  if (!study.traceMask) return study
  const { traceMask: _mask, ...rest } = study
  return rest
}
