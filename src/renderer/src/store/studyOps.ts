/**
 * Edits of a study as pure functions of the study: each returns a new study (unchanged parts
 * shared), so the undo history can keep snapshots cheaply and the canvas redraws from state.
 */
import type { SurvivalAxes } from '../../../shared/calibration/axes'
import { curveToCheck } from '../../../shared/model/provenance'
import type { Study, StudyCalibration, StudyCurve } from '../../../shared/model/study'

type CurvePoint = StudyCurve['points'][number]

const CURVE_COLORS = ['#d62728', '#1f77b4', '#2ca02c', '#9467bd', '#e67e00', '#8c564b']

function mapCurve(study: Study, id: string, fn: (c: StudyCurve) => StudyCurve): Study {
  return { ...study, curves: study.curves.map((c) => (c.id === id ? fn(c) : c)) }
}

/**
 * A curve's points edited by hand (a point added, moved, typed, deleted or imported): a trace read
 * from the figure and still to check is then the reviewer's own, as a risk number typed is, in
 * the same undo step as the edit (the edit is the check).
 */
function pointsByHand(study: Study, id: string): Study {
  if (!curveToCheck(study.provenance, id)) return study
  const curves = {
    ...study.provenance!.curves,
    [id]: { from: 'user' as const, confirmed: true, notes: [] },
  }
  return { ...study, provenance: { ...study.provenance, curves } }
}

/**
 * `mapCurve` for an edit of the curve's points by hand. The tracer's notes on its trace are
 * dropped (its status stays: see applyTrace): the edited curve is the reviewer's, and a note on
 * points that are gone would mislead.
 */
function editPoints(study: Study, id: string, fn: (c: StudyCurve) => StudyCurve): Study {
  return pointsByHand(
    mapCurve(study, id, (c) => {
      const next = fn(c)
      return next.trace && next.trace.notes?.length !== 0
        ? { ...next, trace: { ...next.trace, notes: [] } }
        : next
    }),
    id,
  )
}

function locate(axes: SurvivalAxes, px: number, py: number): CurvePoint {
  const { time, surv } = axes.toData(px, py)
  return { px, py, time, surv }
}

/**
 * Points sorted by time (stable), with where each listed index went: a curve's points stay in
 * curve order, so "next point" follows the curve and warnings name points in that order.
 */
function sortPoints(
  points: CurvePoint[],
  track: number[],
): { points: CurvePoint[]; moved: number[] } {
  const order = points.map((_, i) => i).sort((a, b) => points[a].time - points[b].time || a - b)
  const newIndex = new Array<number>(points.length)
  order.forEach((old, i) => (newIndex[old] = i))
  return { points: order.map((i) => points[i]), moved: track.map((i) => newIndex[i]) }
}

export function addCurve(study: Study, name?: string): { study: Study; id: string } {
  const used = new Set(study.curves.map((c) => c.id))
  let n = study.curves.length + 1
  while (used.has(`curve${n}`)) n++
  const id = `curve${n}`
  const curve: StudyCurve = {
    id,
    name: name ?? `Arm ${study.curves.length + 1}`,
    color: CURVE_COLORS[study.curves.length % CURVE_COLORS.length],
    points: [],
    risk: [],
  }
  return { study: { ...study, curves: [...study.curves, curve] }, id }
}

export function removeCurve(study: Study, id: string): Study {
  const next = { ...study, curves: study.curves.filter((c) => c.id !== id) }
  // A removed reference arm is no longer a choice the study has made.
  if (next.referenceCurve === id) delete next.referenceCurve
  return next
}

export function updateCurve(
  study: Study,
  id: string,
  patch: Partial<Pick<StudyCurve, 'name' | 'color' | 'totalN' | 'totalEvents'>>,
): Study {
  return mapCurve(study, id, (c) => {
    const next = { ...c, ...patch }
    // An optional number cleared by the reviewer is absent, not undefined, in the saved file.
    if (next.totalN === undefined) delete next.totalN
    if (next.totalEvents === undefined) delete next.totalEvents
    return next
  })
}

/** The study with a new calibration, every point's data units recomputed from its pixels. */
export function setCalibration(
  study: Study,
  calibration: StudyCalibration,
  axes: SurvivalAxes,
): Study {
  return {
    ...study,
    calibration,
    curves: study.curves.map((c) => {
      const points = c.points.map((p) => locate(axes, p.px, p.py))
      return { ...c, points: sortPoints(points, []).points }
    }),
  }
}

export function addPoint(
  study: Study,
  curveId: string,
  px: number,
  py: number,
  axes: SurvivalAxes,
): { study: Study; index: number } {
  let index = -1
  const next = editPoints(study, curveId, (c) => {
    const sorted = sortPoints([...c.points, locate(axes, px, py)], [c.points.length])
    index = sorted.moved[0]
    return { ...c, points: sorted.points }
  })
  return { study: next, index }
}

/**
 * The points at `indices` of `base` moved by (dx, dy) image pixels. A drag computes every step
 * from the study at its start, so rounding never accumulates; returns the points' new indices.
 */
export function movePoints(
  base: Study,
  curveId: string,
  indices: number[],
  dx: number,
  dy: number,
  axes: SurvivalAxes,
): { study: Study; indices: number[] } {
  let moved = indices
  const chosen = new Set(indices)
  const next = editPoints(base, curveId, (c) => {
    const points = c.points.map((p, i) => (chosen.has(i) ? locate(axes, p.px + dx, p.py + dy) : p))
    const sorted = sortPoints(points, indices)
    moved = sorted.moved
    return { ...c, points: sorted.points }
  })
  return { study: next, indices: moved }
}

export function deletePoints(study: Study, curveId: string, indices: number[]): Study {
  const gone = new Set(indices)
  return editPoints(study, curveId, (c) => ({
    ...c,
    points: c.points.filter((_, i) => !gone.has(i)),
  }))
}

/** A point typed in data units (the points table); its pixels follow from the calibration. */
export function setPointData(
  study: Study,
  curveId: string,
  index: number,
  time: number,
  surv: number,
  axes: SurvivalAxes,
): { study: Study; index: number } {
  let moved = index
  const next = editPoints(study, curveId, (c) => {
    const { px, py } = axes.toPixel(time, surv)
    const points = c.points.map((p, i) => (i === index ? { px, py, time, surv } : p))
    const sorted = sortPoints(points, [index])
    moved = sorted.moved[0]
    return { ...c, points: sorted.points }
  })
  return { study: next, index: moved }
}

/** A curve's points replaced by imported ones in data units (survival as a proportion). */
export function replacePoints(
  study: Study,
  curveId: string,
  data: { time: number; surv: number }[],
  axes: SurvivalAxes,
): Study {
  return editPoints(study, curveId, (c) => {
    const points = data.map(({ time, surv }) => ({ ...axes.toPixel(time, surv), time, surv }))
    return { ...c, points: sortPoints(points, []).points }
  })
}

export function setRisk(study: Study, curveId: string, risk: StudyCurve['risk']): Study {
  const rows = [...risk].sort((a, b) => a.time - b.time)
  return mapCurve(study, curveId, (c) => ({ ...c, risk: rows }))
}

export function updateRecord(study: Study, patch: Partial<Study['record']>): Study {
  const record = { ...study.record, ...patch }
  for (const key of ['reportedN', 'reportedMedian', 'reportedHr'] as const) {
    if (record[key] === undefined) delete record[key]
  }
  return { ...study, record }
}
