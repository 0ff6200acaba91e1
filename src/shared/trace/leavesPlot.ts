import { axisMap } from './calibration'
import { formatColor } from './color'
import type { Calibration, TracedCurve } from './types'

/** Below this survival, the calibrated y axis is taken to reach 0: a curve can end on it. */
const AXIS_REACHES_ZERO = 0.005

/**
 * Warns (code `leaves-plot`) when a traced curve ends on the lowest survival its y axis is
 * calibrated at, where that is above 0: on an axis that starts above 0 (survival from 20%, or
 * cumulative incidence up to 50%), a curve that falls that far leaves the plot there, and the
 * figure does not show the rest of it; reconstruction would end it at that level. "On" is within
 * twice the line width + 3 pixels of that level at the trace's last corner (the drawn drop fades
 * into the axis line). Adds the warning to the curve in place; nothing changes when the axis
 * reaches survival 0.
 */
export function warnLeavesPlot(curve: TracedCurve, calibration: Calibration): void {
  const map = axisMap(calibration)
  const levels = [calibration.y1, calibration.y2].map((p) => map.toData(p.px, p.py).surv)
  const low = Math.min(...levels)
  if (!(low > AXIS_REACHES_ZERO) || curve.points.length === 0) return
  const last = curve.points[curve.points.length - 1]
  const edge = map.toPixel(last.time, low)
  if (Math.abs(edge.py - last.y) > 2 * curve.lineWidth + 3) return
  const shown = calibration.yShows === 'cumulative-incidence' ? 1 - low : low
  const axis = calibration.yShows === 'cumulative-incidence' ? 'top' : 'bottom'
  curve.warnings.push({
    code: 'leaves-plot',
    message: `the curve of colour ${formatColor(curve.color)} ends at time ${last.time.toPrecision(3)} on the ${axis} of the y axis (${+shown.toPrecision(3)} as a proportion): if the axis ends there, the curve goes on beyond the plot, which the figure does not show, and a reconstruction stops at that level; check the figure`,
  })
}
