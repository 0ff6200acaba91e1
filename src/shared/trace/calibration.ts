import { CalibrationError, type SurvivalAxes, Y_SHOWS, survivalAxes } from '../calibration/axes'
import { TraceError } from './traceError'
import type { Calibration, CalibrationPoint, PixelRect } from './types'

/** The affine map between image pixels and data (time, survival as a proportion). */
export interface AxisMap {
  toData(px: number, py: number): { time: number; surv: number }
  toPixel(time: number, surv: number): { px: number; py: number }
  /**
   * Pixels per unit of time along the x axis (per tenfold on a log time axis), and per unit of
   * survival (proportion) along y.
   */
  pxPerTime: number
  pxPerSurv: number
  /** The time curves start at: 0, or the left end of a log time axis (which has no time 0). */
  startTime: number
}

/**
 * The shared four-point calibration (src/shared/calibration/axes.ts: WebPlotDigitizer's XY axes,
 * exact for rotated or sheared scans, survival labelled in percent returned as a proportion, a
 * y axis of cumulative incidence read as S = 1 − y, a log time axis through log10) with the
 * scale of each axis in pixels, which tracing needs for its tolerances.
 *
 * A log time axis has no time 0, where tracing starts every curve: there `toPixel` places the
 * times at or below 0 at the axis's smaller calibrated time (`startTime`), which must be its left
 * end, where the curves start (the figure cannot show what happened before it; reconstruction
 * takes survival as 1 until then). Throws a TraceError with the calibration's own message when
 * the points cannot define axes, and for a log survival axis, which tracing does not read.
 */
export function axisMap(cal: Calibration): AxisMap {
  if (cal.yAxis === 'log') {
    throw new TraceError(
      'calibration: tracing reads a linear survival axis only, not a log one; digitize this figure by hand',
    )
  }
  let axes: SurvivalAxes
  try {
    axes = survivalAxes({
      x1: cal.x1,
      x2: cal.x2,
      y1: cal.y1,
      y2: cal.y2,
      yScale: cal.yScale,
      xScale: cal.xScale,
      yShows: cal.yShows,
    })
  } catch (e) {
    if (e instanceof CalibrationError) throw new TraceError(`calibration: ${e.message}`)
    throw e
  }
  const log = cal.xScale === 'log'
  const startTime = log ? Math.min(cal.x1.value, cal.x2.value) : 0
  const toPixel = log
    ? (time: number, surv: number) => axes.toPixel(time > 0 ? time : startTime, surv)
    : axes.toPixel
  const o = toPixel(startTime, 0)
  const t = toPixel(log ? startTime * 10 : 1, 0)
  const s = toPixel(startTime, 1)
  return {
    toData: axes.toData,
    toPixel,
    pxPerTime: Math.hypot(t.px - o.px, t.py - o.py),
    pxPerSurv: Math.hypot(s.px - o.px, s.py - o.py),
    startTime,
  }
}

/** Survival on the x axis line above which the y axis is taken to start above 0 (20–100%). */
const AXIS_ABOVE_ZERO = 0.02

/**
 * The survival at which the x axis is drawn, when that is clearly above 0 on the low side of the
 * plot (a y axis from 20%): the curves cannot be drawn below it. Otherwise 0 (the x axis at
 * survival 0, a little below it as ggplot2 draws it, or at survival 1 on a rising figure).
 */
function axisFloor(cal: Calibration, map: AxisMap): number {
  const s = Math.min(map.toData(cal.x1.px, cal.x1.py).surv, map.toData(cal.x2.px, cal.x2.py).surv)
  return s > AXIS_ABOVE_ZERO && s < 0.5 ? s : 0
}

/**
 * The pixels searched for curves: from time 0 (or an earlier calibrated time, or the left end
 * of a log axis) to the larger calibrated time, survival 0 to 1 — or from the x axis up, where
 * the y axis starts above 0, so that the labels and table below it are not searched and the
 * frame's sides still span the area — widened by a small margin so that a curve drawn on the
 * frame is inside, and clipped to the image. Throws when it holds no pixel.
 */
export function plotArea(cal: Calibration, map: AxisMap, width: number, height: number): PixelRect {
  const t0 = Math.min(map.startTime, cal.x1.value, cal.x2.value)
  const t1 = Math.max(cal.x1.value, cal.x2.value)
  const s0 = axisFloor(cal, map)
  const corners = [map.toPixel(t0, s0), map.toPixel(t0, 1), map.toPixel(t1, s0), map.toPixel(t1, 1)]
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
 * study project, or that object alone — four points {px, py, value} named x1, x2, y1, y2, a
 * `yScale` of "proportion" or "percent" (default proportion), and optionally `xScale` ("linear"
 * or "log"), `yAxis` (the same, of the survival axis) and `yShows` ("survival", the default, or
 * "cumulative-incidence" for rising curves). Throws a TraceError naming the first field that is
 * missing, not a finite number, or not one of its values.
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
  const choice = <T extends string>(key: string, values: readonly T[]): T | undefined => {
    const v = obj[key]
    if (v === undefined) return undefined
    if (!values.includes(v as T)) {
      throw new TraceError(
        `calibration.${key} must be ${values.map((x) => `"${x}"`).join(' or ')}, got ${JSON.stringify(v)}`,
      )
    }
    return v as T
  }
  const xScale = choice('xScale', ['linear', 'log'] as const)
  const yAxis = choice('yAxis', ['linear', 'log'] as const)
  const yShows = choice('yShows', Y_SHOWS)
  if (xScale !== undefined) cal.xScale = xScale
  if (yAxis !== undefined) cal.yAxis = yAxis
  if (yShows !== undefined) cal.yShows = yShows
  return cal
}
