/** A calibration point: a pixel position on the figure and the axis value it stands for. */
export interface AxisPoint {
  px: number
  py: number
  value: number
}

export type AxisScale = 'linear' | 'log'

/**
 * What the y axis shows: the share still free of the event (survival, a falling curve), or the
 * share that has had it (cumulative incidence, "probability of event": a rising curve, 1 − S).
 */
export type YShows = 'survival' | 'cumulative-incidence'

export const Y_SHOWS: readonly YShows[] = ['survival', 'cumulative-incidence']

/**
 * Four-point axis calibration, the shape of `calibration` in shared/cases/*\/truth.json: two
 * points on the x axis (x1, x2), two on the y axis (y1, y2), each with its pixel position and its
 * value; the y values in proportion or percent.
 */
export interface AxesCalibration {
  x1: AxisPoint
  x2: AxisPoint
  y1: AxisPoint
  y2: AxisPoint
  xScale?: AxisScale
  yScale?: 'proportion' | 'percent'
  /** Log-scaled y axes are rare for survival, but WebPlotDigitizer supports them. */
  yAxis?: AxisScale
  timeUnit?: 'days' | 'weeks' | 'months' | 'years'
  /** Absent: survival. */
  yShows?: YShows
}

/** A calibration that cannot map pixels to data, with the reason in words a reviewer can act on. */
export class CalibrationError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CalibrationError'
  }
}

/** Pixel ↔ data maps of a valid calibration. Data y is as the axis reads (proportion or percent). */
export interface AxesTransform {
  toData(px: number, py: number): { x: number; y: number }
  toPixel(x: number, y: number): { px: number; py: number }
}

const MIN_PIXELS = 2

function axisValue(v: number, scale: AxisScale, which: string): number {
  if (scale === 'log') {
    if (!(v > 0)) {
      throw new CalibrationError(`${which} is ${v}, but a log axis has only values above 0`)
    }
    return Math.log10(v)
  }
  return v
}

/**
 * The affine pixel ↔ data map of WebPlotDigitizer's four-point "XY axes" calibration: the data x
 * grows along the pixel direction from x1 to x2, the data y along y1 to y2, and each pair fixes
 * its axis's scale, so rotated, sheared and unequally scaled figures map correctly. With `log`
 * scales, values map through log10. Refuses, with a message: two points of a pair at the same
 * pixel (or within 2 pixels), equal values in a pair, log values ≤ 0, and x and y directions
 * that are parallel (collinear points: no 2-D map exists). Pixel units are image pixels, y down.
 */
export function axesTransform(cal: AxesCalibration): AxesTransform {
  const xs = cal.xScale ?? 'linear'
  const ys = cal.yAxis ?? 'linear'
  const vx1 = axisValue(cal.x1.value, xs, 'x1')
  const vx2 = axisValue(cal.x2.value, xs, 'x2')
  const vy1 = axisValue(cal.y1.value, ys, 'y1')
  const vy2 = axisValue(cal.y2.value, ys, 'y2')
  if (vx1 === vx2)
    throw new CalibrationError(
      'the two x-axis points have the same value; give two different times',
    )
  if (vy1 === vy2)
    throw new CalibrationError(
      'the two y-axis points have the same value; give two different survival values',
    )
  const ux = (cal.x2.px - cal.x1.px) / (vx2 - vx1)
  const uy = (cal.x2.py - cal.x1.py) / (vx2 - vx1)
  const vxp = (cal.y2.px - cal.y1.px) / (vy2 - vy1)
  const vyp = (cal.y2.py - cal.y1.py) / (vy2 - vy1)
  if (Math.hypot(cal.x2.px - cal.x1.px, cal.x2.py - cal.x1.py) < MIN_PIXELS) {
    throw new CalibrationError(
      'the two x-axis points are at the same place; click two points far apart on the x axis',
    )
  }
  if (Math.hypot(cal.y2.px - cal.y1.px, cal.y2.py - cal.y1.py) < MIN_PIXELS) {
    throw new CalibrationError(
      'the two y-axis points are at the same place; click two points far apart on the y axis',
    )
  }
  // pixel = X1 + (dx − vx1)·u + (dy − yOfXAxis)·v; Y1 fixes the unknown data y of the x axis line.
  const det = ux * vyp - uy * vxp
  const scale = Math.hypot(ux, uy) * Math.hypot(vxp, vyp)
  if (Math.abs(det) < 1e-6 * scale) {
    throw new CalibrationError(
      'the x-axis and y-axis points lie on one line; click the y-axis points on the vertical axis',
    )
  }
  const solve = (qx: number, qy: number) => ({
    a: (qx * vyp - qy * vxp) / det,
    b: (ux * qy - uy * qx) / det,
  })
  // Y1 = X1 + (xAtY − vx1)·u + (vy1 − yAtX)·v
  const s = solve(cal.y1.px - cal.x1.px, cal.y1.py - cal.x1.py)
  const yAtX = vy1 - s.b
  const fromLin = (v: number, scl: AxisScale) => (scl === 'log' ? 10 ** v : v)
  const toLin = (v: number, scl: AxisScale) => (scl === 'log' ? Math.log10(v) : v)
  return {
    toData(px, py) {
      const r = solve(px - cal.x1.px, py - cal.x1.py)
      return { x: fromLin(vx1 + r.a, xs), y: fromLin(yAtX + r.b, ys) }
    },
    toPixel(x, y) {
      const a = toLin(x, xs) - vx1
      const b = toLin(y, ys) - yAtX
      return { px: cal.x1.px + a * ux + b * vxp, py: cal.x1.py + a * uy + b * vyp }
    },
  }
}

/** A calibrated figure's map between image pixels and (time, survival as a proportion). */
export interface SurvivalAxes {
  toData(px: number, py: number): { time: number; surv: number }
  toPixel(time: number, surv: number): { px: number; py: number }
}

/**
 * axesTransform read as a survival figure: y values typed in percent (the axis reads 0–100) come
 * back as proportions, which is what reconstruction and the study file store. On a figure of
 * cumulative incidence (`yShows`), the axis value y is the share with the event, and survival is
 * S = 1 − y (Kaplan–Meier's complement, as R's `plot(fit, fun = "event")` draws it), so the
 * study stores survival whichever way the figure was drawn.
 */
export function survivalAxes(cal: AxesCalibration): SurvivalAxes {
  const t = axesTransform(cal)
  const factor = cal.yScale === 'percent' ? 100 : 1
  const rising = cal.yShows === 'cumulative-incidence'
  return {
    toData(px, py) {
      const { x, y } = t.toData(px, py)
      return { time: x, surv: rising ? 1 - y / factor : y / factor }
    },
    toPixel(time, surv) {
      return t.toPixel(time, (rising ? 1 - surv : surv) * factor)
    },
  }
}
