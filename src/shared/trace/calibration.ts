import { CalibrationError, type SurvivalAxes, survivalAxes } from '../calibration/axes'
import { TraceError } from './traceError'
import type { Calibration, CalibrationPoint, PixelRect } from './types'

/** The affine map between image pixels and data (time, survival as a proportion). */
export interface AxisMap {
  toData(px: number, py: number): { time: number; surv: number }
  toPixel(time: number, surv: number): { px: number; py: number }
  /** Pixels per unit of time along the x axis, and per unit of survival (proportion) along y. */
  pxPerTime: number
  pxPerSurv: number
}

/**
 * The shared four-point calibration (src/shared/calibration/axes.ts: WebPlotDigitizer's XY axes,
 * exact for rotated or sheared scans, survival labelled in percent returned as a proportion) with
 * the scale of each axis in pixels, which tracing needs for its tolerances. Throws a TraceError
 * with the calibration's own message when the points cannot define axes.
 */
export function axisMap(cal: Calibration): AxisMap {
  let axes: SurvivalAxes
  try {
    axes = survivalAxes({ x1: cal.x1, x2: cal.x2, y1: cal.y1, y2: cal.y2, yScale: cal.yScale })
  } catch (e) {
    if (e instanceof CalibrationError) throw new TraceError(`calibration: ${e.message}`)
    throw e
  }
  const o = axes.toPixel(0, 0)
  const t = axes.toPixel(1, 0)
  const s = axes.toPixel(0, 1)
  return {
    toData: axes.toData,
    toPixel: axes.toPixel,
    pxPerTime: Math.hypot(t.px - o.px, t.py - o.py),
    pxPerSurv: Math.hypot(s.px - o.px, s.py - o.py),
  }
}

/**
 * The pixels searched for curves: from time 0 (or an earlier calibrated time) to the larger
 * calibrated time, survival 0 to 1, widened by a small margin so that a curve drawn on the
 * frame is inside, and clipped to the image. Throws when it holds no pixel.
 */
export function plotArea(cal: Calibration, map: AxisMap, width: number, height: number): PixelRect {
  const t0 = Math.min(0, cal.x1.value, cal.x2.value)
  const t1 = Math.max(cal.x1.value, cal.x2.value)
  const corners = [map.toPixel(t0, 0), map.toPixel(t0, 1), map.toPixel(t1, 0), map.toPixel(t1, 1)]
  const xs = corners.map((c) => c.px)
  const ys = corners.map((c) => c.py)
  const mx = 0.01 * (Math.max(...xs) - Math.min(...xs)) + 2
  const my = 0.02 * (Math.max(...ys) - Math.min(...ys)) + 2
  const rect = {
    x0: Math.max(0, Math.floor(Math.min(...xs) - mx)),
    x1: Math.min(width, Math.ceil(Math.max(...xs) + mx)),
    y0: Math.max(0, Math.floor(Math.min(...ys) - my)),
    y1: Math.min(height, Math.ceil(Math.max(...ys) + my)),
  }
  if (rect.x1 - rect.x0 < 2 || rect.y1 - rect.y0 < 2) {
    throw new TraceError(
      `the calibrated plot area (${rect.x0}–${rect.x1} × ${rect.y0}–${rect.y1} px) lies outside the ${width}×${height} image`,
    )
  }
  return rect
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Reads a calibration from parsed JSON: the `calibration` object of a case's truth.json or of a
 * study project, or that object alone — four points {px, py, value} named x1, x2, y1, y2 and a
 * `yScale` of "proportion" or "percent" (default proportion). Throws a TraceError naming the first
 * field that is missing or not a finite number.
 */
export function parseCalibration(json: unknown): Calibration {
  const obj = isRecord(json) && isRecord(json.calibration) ? json.calibration : json
  if (!isRecord(obj)) throw new TraceError('the calibration must be a JSON object')
  const point = (name: string): CalibrationPoint => {
    const p = obj[name]
    if (!isRecord(p)) throw new TraceError(`calibration.${name} is missing (give {px, py, value})`)
    for (const key of ['px', 'py', 'value']) {
      if (typeof p[key] !== 'number' || !Number.isFinite(p[key])) {
        throw new TraceError(`calibration.${name}.${key} must be a finite number`)
      }
    }
    return { px: p.px as number, py: p.py as number, value: p.value as number }
  }
  const yScale = obj.yScale ?? 'proportion'
  if (yScale !== 'proportion' && yScale !== 'percent') {
    throw new TraceError(
      `calibration.yScale must be "proportion" or "percent", got ${JSON.stringify(yScale)}`,
    )
  }
  const cal: Calibration = {
    x1: point('x1'),
    x2: point('x2'),
    y1: point('y1'),
    y2: point('y2'),
    yScale,
  }
  if (typeof obj.timeUnit === 'string') cal.timeUnit = obj.timeUnit
  return cal
}
