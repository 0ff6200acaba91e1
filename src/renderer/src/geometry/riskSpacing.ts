import { figureTickSpacing, riskTableStep, timesEvery } from '../../../shared/calibration/riskTimes'
import type { StudyCalibration, StudyCurve } from '../../../shared/model/study'
import { timeText } from '../../../shared/review/numberText'
import { niceTicks } from './ticks'

export interface RiskSpacing {
  /** The spacing of the offered rows, in the calibration's time unit. */
  step: number
  /** The offered times: 0, step … to the end of the time axis. */
  times: number[]
  /** The end of the time axis (the larger calibration value, or the last digitized point). */
  axisEnd: number
  /** Where the spacing came from, as the panel says it. */
  source: string
}

/** A time as the risk table shows it: up to two decimals, trailing zeros dropped. */
export const formatTime = timeText

/**
 * The risk table's row spacing, in order of authority: what the reviewer typed, the spacing of
 * the rows already entered, the tick marks found in the figure (`detected`, see figureTicks.ts),
 * the tick spacing guessed from the calibration values, and, failing all (a log time axis, say),
 * round values.
 */
export function riskSpacing(
  cal: StudyCalibration | null,
  curve: Pick<StudyCurve, 'risk' | 'points'>,
  typed: number | null,
  detected: number | null = null,
): RiskSpacing {
  const lastPoint = curve.points.reduce((m, p) => Math.max(m, p.time), 0)
  const axisEnd = Math.max(cal ? Math.max(cal.x1.value, cal.x2.value) : 0, lastPoint)
  const linear = cal !== null && cal.xScale === 'linear'
  const fromTable = riskTableStep(curve.risk.map((r) => r.time))
  const fromFigure = linear ? figureTickSpacing(cal.x1.value, cal.x2.value, cal.timeUnit) : null
  const fallback = niceTicks(0, axisEnd > 0 ? axisEnd : 10, 8)
  const round = fallback.length > 1 ? fallback[1] - fallback[0] : 1
  const [step, source] =
    typed !== null && typed > 0
      ? [typed, 'as typed']
      : fromTable !== null
        ? [fromTable, 'from the rows entered']
        : detected !== null && detected > 0
          ? [detected, "from the figure's ticks"]
          : fromFigure !== null
            ? [fromFigure, 'guessed from the axis values: check against the figure’s ticks']
            : [round, cal ? 'round values; type the figure’s spacing' : 'calibrate the axes first']
  return { step, times: timesEvery(step, axisEnd > 0 ? axisEnd : step * 10), axisEnd, source }
}
