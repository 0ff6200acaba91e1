export { axisMap, parseCalibration, plotArea } from './calibration'
export type { AxisMap } from './calibration'
export { deltaE, formatColor, parseColor, rgbToLab, sameColor } from './color'
export { inkColors } from './suggestColors'
export { DEFAULT_TOLERANCE } from './traceCurve'
// Rising curves (cumulative incidence) are traced upside down: the entry points for either kind.
export {
  drawnRising,
  findCurves,
  traceAllCurves,
  traceCurve,
  traceCurves,
  traceEachCurve,
} from './upright'
export { TraceError } from './traceError'
export type * from './types'
