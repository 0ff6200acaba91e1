/**
 * The calibration the tracing tests of the study view share: a 600×400 px plot, 0–60 months by
 * survival 0–1, with its axes.
 */
import { survivalAxes } from '../../src/shared/calibration/axes'

export const calibration = {
  x1: { px: 100, py: 500, value: 0 },
  x2: { px: 700, py: 500, value: 60 },
  y1: { px: 100, py: 500, value: 0 },
  y2: { px: 100, py: 100, value: 1 },
  xScale: 'linear' as const,
  yScale: 'proportion' as const,
  yAxis: 'linear' as const,
  timeUnit: 'months' as const,
}
export const axes = survivalAxes(calibration)
