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

const finite = (...xs: number[]) => xs.every(Number.isFinite)

/**
 * The affine map of a four-point calibration, as WebPlotDigitizer's XY axes define it: x1 and x2
 * lie on the time axis, y1 and y2 on the survival axis, and a data point is
 * p = O + t·a + s·b with a (pixels per unit time) from x1→x2 and b (pixels per unit survival) from
 * y1→y2. The origin O solves the four equations exactly, so rotated or sheared scans map
 * correctly. Survival labelled in percent is returned as a proportion. Throws a TraceError when
 * the points cannot define axes (equal values, a missing or non-finite coordinate, or parallel
 * axes).
 */
export function axisMap(cal: Calibration): AxisMap {
  const { x1, x2, y1, y2 } = cal
  for (const [name, p] of Object.entries({ x1, x2, y1, y2 })) {
    if (!p || !finite(p.px, p.py, p.value)) {
      throw new TraceError(`calibration point ${name} needs finite px, py and value`)
    }
  }
  if (x1.value === x2.value) throw new TraceError('calibration x1 and x2 have the same value')
  if (y1.value === y2.value) throw new TraceError('calibration y1 and y2 have the same value')
  const scale = cal.yScale === 'percent' ? 100 : 1
  const ax = (x2.px - x1.px) / (x2.value - x1.value)
  const ay = (x2.py - x1.py) / (x2.value - x1.value)
  const bx = ((y2.px - y1.px) / (y2.value - y1.value)) * scale
  const by = ((y2.py - y1.py) / (y2.value - y1.value)) * scale
  const det = ax * by - ay * bx
  const size = Math.hypot(ax, ay) * Math.hypot(bx, by)
  if (!(Math.abs(det) > 1e-9 * size) || size === 0) {
    throw new TraceError('calibration is singular: the time and survival axes are parallel')
  }
  // x1 = O + x1.value·a + sx·b and y1 = O + ty·a + (y1.value/scale)·b, for unknown sx and ty.
  const dx = x1.px - y1.px
  const dy = x1.py - y1.py
  const v = (ax * dy - ay * dx) / det // sx − y1.value/scale
  const sx = v + y1.value / scale
  const ox = x1.px - x1.value * ax - sx * bx
  const oy = x1.py - x1.value * ay - sx * by
  return {
    toData(px, py) {
      const qx = px - ox
      const qy = py - oy
      return { time: (qx * by - qy * bx) / det, surv: (ax * qy - ay * qx) / det }
    },
    toPixel(time, surv) {
      return { px: ox + time * ax + surv * bx, py: oy + time * ay + surv * by }
    },
    pxPerTime: Math.hypot(ax, ay),
    pxPerSurv: Math.hypot(bx, by),
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
