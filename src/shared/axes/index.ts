export { fitAxis, pixelOf } from './axisFit'
export type { AxisFit, LabelledTick } from './axisFit'
export { detectAxes } from './detectAxes'
export type {
  AxesDetection,
  AxisReading,
  DetectAxesOptions,
  OcrRequest,
  ReadWords,
  WordsBelowAxis,
} from './detectAxes'
export { parseTickLabel } from './tickLabel'
export { findTickRows } from './tickMarks'
export { timeUnitOf } from './timeUnit'
