/**
 * The overlay, drawn in image coordinates on a plain 2-D context: the on-screen canvas, the
 * magnifier and the PNG export all draw the same picture from the same state. `px` is the size of
 * one screen pixel in image pixels, so strokes and markers keep their size at any zoom.
 */
import type { SurvivalAxes } from '../../../shared/calibration/axes'
import type { StudyCalibration, StudyCurve } from '../../../shared/model/study'
import type { CurveView } from '../../../shared/study/reconstructStudy'
import {
  AXIS_KEYS,
  axesChecker,
  type CalibrationDraft,
  type AxisKey,
} from '../geometry/calibration'
import type { Rect } from '../geometry/hit'
import { CALIBRATION_LABEL_SIZE, calibrationLabels, LABEL_FONT } from '../geometry/labelPlacement'
import type { PointFlags } from '../geometry/pointChecks'
import { strokeReconstructed } from './traceStatusOverlay'

const CHECKER = '#0e7490'
const CALIBRATION = '#c2410c'
const FLAG = '#f59e0b'

type Ctx = CanvasRenderingContext2D

/** Text on a white halo, legible over the figure's ink, in `font` (the calibration labels' by default). */
export function haloText(
  ctx: Ctx,
  text: string,
  x: number,
  y: number,
  px: number,
  color: string,
  font = `${CALIBRATION_LABEL_SIZE * px}px ${LABEL_FONT}`,
) {
  ctx.font = font
  ctx.lineWidth = 3 * px
  ctx.strokeStyle = 'rgba(255,255,255,0.9)'
  ctx.strokeText(text, x, y)
  ctx.fillStyle = color
  ctx.fillText(text, x, y)
}

/**
 * Engauge's axes checker: the calibrated box, and with `grid` the gridlines with their labels, at
 * every `xStep` on the time axis (the figure's tick spacing) or else at round values (while
 * calibrating; the box alone stays while digitizing).
 */
export function drawChecker(
  ctx: Ctx,
  cal: StudyCalibration,
  axes: SurvivalAxes,
  px: number,
  grid: boolean,
  xStep: number | null = null,
) {
  const checker = axesChecker(cal, axes, xStep)
  ctx.save()
  ctx.strokeStyle = CHECKER
  if (!grid) {
    ctx.globalAlpha = 0.45
    ctx.lineWidth = px
    ctx.beginPath()
    checker.box.forEach((c, i) => (i ? ctx.lineTo(c.px, c.py) : ctx.moveTo(c.px, c.py)))
    ctx.closePath()
    ctx.stroke()
    ctx.restore()
    return
  }
  ctx.globalAlpha = 0.55
  ctx.lineWidth = px
  ctx.setLineDash([4 * px, 3 * px])
  ctx.beginPath()
  for (const line of [...checker.xLines, ...checker.yLines]) {
    ctx.moveTo(line.from.px, line.from.py)
    ctx.lineTo(line.to.px, line.to.py)
  }
  ctx.stroke()
  ctx.setLineDash([])
  ctx.globalAlpha = 0.9
  ctx.lineWidth = 1.5 * px
  ctx.beginPath()
  checker.box.forEach((c, i) => (i ? ctx.lineTo(c.px, c.py) : ctx.moveTo(c.px, c.py)))
  ctx.closePath()
  ctx.stroke()
  ctx.globalAlpha = 1
  ctx.textBaseline = 'top'
  ctx.textAlign = 'center'
  for (const line of checker.xLines) {
    haloText(ctx, String(line.value), line.from.px, line.from.py + 4 * px, px, CHECKER)
  }
  ctx.textBaseline = 'middle'
  ctx.textAlign = 'left'
  for (const line of checker.yLines) {
    haloText(ctx, String(line.value), line.to.px + 5 * px, line.to.py, px, CHECKER)
  }
  ctx.restore()
}

/**
 * The four calibration points as crosses with their names; the selected one ringed. Points read
 * from the figure and not yet confirmed (`toCheck`) are ringed in the warning colour and labelled
 * "to check".
 */
export function drawCalibrationPoints(
  ctx: Ctx,
  draft: CalibrationDraft,
  active: AxisKey | null,
  px: number,
  toCheck = false,
  imageWidth = Infinity,
) {
  ctx.save()
  ctx.strokeStyle = CALIBRATION
  ctx.lineWidth = 1.5 * px
  ctx.textBaseline = 'bottom'
  ctx.textAlign = 'left'
  for (const key of AXIS_KEYS) {
    const p = draft.points[key]
    if (!p) continue
    const r = 7 * px
    ctx.beginPath()
    ctx.moveTo(p.x - r, p.y)
    ctx.lineTo(p.x + r, p.y)
    ctx.moveTo(p.x, p.y - r)
    ctx.lineTo(p.x, p.y + r)
    ctx.stroke()
    if (key === active) {
      ctx.beginPath()
      ctx.arc(p.x, p.y, 5 * px, 0, 2 * Math.PI)
      ctx.stroke()
    }
    if (toCheck) {
      ctx.save()
      ctx.strokeStyle = FLAG
      ctx.lineWidth = 2.5 * px
      ctx.beginPath()
      ctx.arc(p.x, p.y, 10 * px, 0, 2 * Math.PI)
      ctx.stroke()
      ctx.restore()
    }
  }
  // One label per place (X1 and Y1 at a shared origin get one naming both), kept inside the
  // figure: laid out as the "to check" labels over the canvas expect (labelPlacement.ts).
  ctx.font = `${CALIBRATION_LABEL_SIZE * px}px ${LABEL_FONT}`
  const measure = (text: string) => ctx.measureText(text).width / px
  for (const l of calibrationLabels(draft, toCheck, px, imageWidth, measure)) {
    ctx.textAlign = l.right ? 'right' : 'left'
    haloText(ctx, l.text, l.x, l.y, px, CALIBRATION)
  }
  ctx.restore()
}

/**
 * A reconstructed KM curve as a step line, in the contrasting reconstruction style (dark dashes on
 * a white casing; traceStatusOverlay.ts), not its curve's colour: drawn over the digitized line,
 * it must stay visible where the two agree and show plainly where they part.
 */
export function drawReconstruction(ctx: Ctx, outcome: CurveView, axes: SurvivalAxes, px: number) {
  if (outcome.status !== 'done') return
  const { time, surv } = outcome.km
  const path = [axes.toPixel(time[0], surv[0])]
  for (let i = 1; i < time.length; i++) {
    path.push(axes.toPixel(time[i], surv[i - 1]), axes.toPixel(time[i], surv[i]))
  }
  strokeReconstructed(ctx, path, px)
}

/**
 * A curve's digitized points: filled dots in its colour (smaller and fainter when it is not the
 * curve being edited), flagged points ringed in amber, selected points ringed in black.
 */
export function drawPoints(
  ctx: Ctx,
  curve: StudyCurve,
  flags: PointFlags[] | null,
  selection: ReadonlySet<number> | null,
  active: boolean,
  px: number,
) {
  const r = (active ? 3 : 2.5) * px
  ctx.save()
  ctx.fillStyle = curve.color
  ctx.strokeStyle = '#ffffff'
  ctx.lineWidth = 0.75 * px
  ctx.globalAlpha = active ? 1 : 0.75
  ctx.beginPath()
  // A marker within a third of a radius of the last one drawn would cover the same pixels: with
  // thousands of points per curve, rasterising every one made each edit take hundreds of ms.
  const gap = r / 3
  let lastX = Number.NaN
  let lastY = Number.NaN
  for (const p of curve.points) {
    if (Math.abs(p.px - lastX) < gap && Math.abs(p.py - lastY) < gap) continue
    lastX = p.px
    lastY = p.py
    ctx.moveTo(p.px + r, p.py)
    ctx.arc(p.px, p.py, r, 0, 2 * Math.PI)
  }
  ctx.fill()
  ctx.stroke()
  if (flags) {
    ctx.strokeStyle = FLAG
    ctx.lineWidth = 2 * px
    ctx.beginPath()
    flags.forEach((f, i) => {
      if (!f.outside && !f.rising) return
      const p = curve.points[i]
      ctx.moveTo(p.px + 6 * px, p.py)
      ctx.arc(p.px, p.py, 6 * px, 0, 2 * Math.PI)
    })
    ctx.stroke()
  }
  if (selection?.size) {
    ctx.globalAlpha = 1
    ctx.strokeStyle = '#111827'
    ctx.lineWidth = 1.5 * px
    ctx.beginPath()
    for (const i of selection) {
      const p = curve.points[i]
      if (!p) continue
      ctx.moveTo(p.px + 5 * px, p.py)
      ctx.arc(p.px, p.py, 5 * px, 0, 2 * Math.PI)
    }
    ctx.stroke()
  }
  ctx.restore()
}

export function drawBox(ctx: Ctx, rect: Rect, px: number) {
  ctx.save()
  ctx.fillStyle = 'rgba(31, 95, 168, 0.12)'
  ctx.strokeStyle = '#1f5fa8'
  ctx.lineWidth = px
  ctx.setLineDash([4 * px, 3 * px])
  ctx.fillRect(rect.x0, rect.y0, rect.x1 - rect.x0, rect.y1 - rect.y0)
  ctx.strokeRect(rect.x0, rect.y0, rect.x1 - rect.x0, rect.y1 - rect.y0)
  ctx.restore()
}
