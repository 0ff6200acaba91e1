/** The whole overlay as the state describes it, for the canvas, the magnifier and the export. */
import { figureTickSpacing } from '../../../shared/calibration/riskTimes'
import { figureTimeTickStep } from '../geometry/figureTicks'
import { useFigureImage } from '../io/figure'
import type { SurvivalAxes } from '../../../shared/calibration/axes'
import type { StudyCalibration, StudyCurve } from '../../../shared/model/study'
import { checkPoints, clickSlack, type PointFlags } from '../geometry/pointChecks'
import { axesOf, calibrationToCheck, type StudyState } from '../store/store'
import { drawBox, drawCalibrationPoints, drawChecker, drawPoints, drawReconstruction } from './draw'
import { cellHighlights } from '../geometry/readHighlights'
import { curveToCheck } from '../../../shared/model/provenance'
import { drawCellHighlights, drawCurveCasing } from './toCheckOverlay'
import { drawCensorMarks, drawMask } from './traceOverlay'
import { drawTraceStretches } from './traceStatusOverlay'

const flagsCache = new WeakMap<
  StudyCurve['points'],
  { cal: StudyCalibration; flags: PointFlags[] }
>()

function axisSpan(cal: StudyCalibration, a: 'x1' | 'y1', b: 'x2' | 'y2') {
  return Math.hypot(cal[b].px - cal[a].px, cal[b].py - cal[a].py)
}

/** A curve's outside/rising flags, computed once per points array and calibration. */
export function flagsOf(curve: StudyCurve, cal: StudyCalibration | null): PointFlags[] | null {
  if (!cal) return null
  const cached = flagsCache.get(curve.points)
  if (cached && cached.cal === cal) return cached.flags
  const percent = cal.yScale === 'percent' ? 100 : 1
  const slack = clickSlack(
    Math.abs(cal.x2.value - cal.x1.value) / axisSpan(cal, 'x1', 'x2'),
    Math.abs(cal.y2.value - cal.y1.value) / percent / axisSpan(cal, 'y1', 'y2'),
  )
  const flags = checkPoints(curve.points, slack)
  flagsCache.set(curve.points, { cal, flags })
  return flags
}

export interface SceneOptions {
  /**
   * The axes checker, calibration points, selection and box, and the parts read from the figure
   * highlighted "to check": editing aids, not for export.
   */
  editing: boolean
}

/**
 * Whether the editing canvas shows the calibration points with their labels: in the axes tool,
 * before the axes are calibrated, and while a calibration read from the figure is to check.
 */
export function calibrationPointsShown(state: StudyState): boolean {
  return state.tool === 'axes' || !state.study.calibration || calibrationToCheck(state.study)
}

export function drawScene(
  ctx: CanvasRenderingContext2D,
  state: StudyState,
  px: number,
  { editing }: SceneOptions,
): void {
  const { study, draft, reconstruction } = state
  const axes: SurvivalAxes | null = axesOf(study.calibration)
  // The tracing mask is an editing aid: shown while editing, left out of the exported figure.
  if (editing && study.figure && study.traceMask?.length) {
    drawMask(ctx, study.traceMask, study.figure.width, study.figure.height)
  }
  if (editing && study.calibration && axes) {
    // The gridlines at the figure's own time ticks (read from the image, else guessed from the
    // calibration values), so that "check the gridlines sit on the ticks" can be true.
    const cal = study.calibration
    const xStep =
      figureTimeTickStep(useFigureImage.getState().image, cal) ??
      (cal.xScale === 'linear' ? figureTickSpacing(cal.x1.value, cal.x2.value, cal.timeUnit) : null)
    drawChecker(ctx, cal, axes, px, state.tool === 'axes', xStep)
  }
  const result = reconstruction.result
  if (axes && result) {
    for (const outcome of result.curves) {
      if (study.curves.some((c) => c.id === outcome.id)) drawReconstruction(ctx, outcome, axes, px)
    }
  }
  // The active curve last, on top of the others.
  const curves = [...study.curves].sort(
    (a, b) => Number(a.id === state.activeCurveId) - Number(b.id === state.activeCurveId),
  )
  const picked = state.checkFocus
  for (const curve of curves) {
    const active = curve.id === state.activeCurveId
    const selection = editing && active ? new Set(state.selection) : null
    const flags = editing ? flagsOf(curve, study.calibration) : null
    if (editing && curveToCheck(study.provenance, curve.id)) {
      drawCurveCasing(ctx, curve, picked?.part === `curves.${curve.id}`, px)
    }
    // Flagged stretches under the points, which stay the digitized data on top.
    drawTraceStretches(ctx, curve, px)
    drawPoints(ctx, curve, flags, selection, active || !editing, px)
    if (axes) drawCensorMarks(ctx, curve, axes, px)
  }
  if (editing) {
    const cells = cellHighlights(study)
    if (cells.length) {
      const [kind, id] = picked?.part.split('.') ?? []
      const on = kind === 'risk' && id !== undefined ? { curveId: id, time: picked?.time } : null
      drawCellHighlights(ctx, cells, on, px)
    }
  }
  if (editing && calibrationPointsShown(state)) {
    const toCheck = calibrationToCheck(study)
    drawCalibrationPoints(ctx, draft, state.activeAxis, px, toCheck, study.figure?.width)
  }
  if (editing && state.box) drawBox(ctx, state.box, px)
}
