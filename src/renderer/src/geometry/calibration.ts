import { CalibrationError, survivalAxes, type SurvivalAxes } from '../../../shared/calibration/axes'
import type { StudyCalibration } from '../../../shared/model/study'
import { timesEvery } from '../../../shared/calibration/riskTimes'
import { logTicks, niceTicks } from './ticks'
import type { Point } from './view'

export const AXIS_KEYS = ['x1', 'x2', 'y1', 'y2'] as const
export type AxisKey = (typeof AXIS_KEYS)[number]

/**
 * The calibration as the reviewer builds it: points clicked so far and values as typed. It becomes
 * the study's calibration only once complete and valid, so a half-typed value never moves a point.
 */
export interface CalibrationDraft {
  points: Partial<Record<AxisKey, Point>>
  values: Record<AxisKey, string>
  xScale: StudyCalibration['xScale']
  yAxis: StudyCalibration['yAxis']
  yScale: StudyCalibration['yScale']
  timeUnit: StudyCalibration['timeUnit']
  /** What the y axis shows; survival unless the reviewer says the curves rise. */
  yShows: NonNullable<StudyCalibration['yShows']>
}

export const AXIS_LABELS: Record<AxisKey, string> = {
  x1: 'X1 (time axis)',
  x2: 'X2 (time axis)',
  y1: 'Y1 (survival axis)',
  y2: 'Y2 (survival axis)',
}

export function draftFromCalibration(cal: StudyCalibration | null): CalibrationDraft {
  if (!cal) {
    return {
      points: {},
      values: { x1: '', x2: '', y1: '', y2: '' },
      xScale: 'linear',
      yAxis: 'linear',
      yScale: 'proportion',
      timeUnit: 'months',
      yShows: 'survival',
    }
  }
  const at = (k: AxisKey) => ({ x: cal[k].px, y: cal[k].py })
  return {
    points: { x1: at('x1'), x2: at('x2'), y1: at('y1'), y2: at('y2') },
    values: {
      x1: String(cal.x1.value),
      x2: String(cal.x2.value),
      y1: String(cal.y1.value),
      y2: String(cal.y2.value),
    },
    xScale: cal.xScale,
    yAxis: cal.yAxis,
    yScale: cal.yScale,
    timeUnit: cal.timeUnit,
    yShows: cal.yShows ?? 'survival',
  }
}

/** A typed number; a decimal comma is accepted, as European keyboards type it. */
export function parseNumber(text: string): number | null {
  const t = text.trim().replace(/^([+-]?\d*),(\d+)$/, '$1.$2')
  if (t === '' || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return null
  const v = Number(t)
  return Number.isFinite(v) ? v : null
}

export type DraftResult =
  | { ok: true; calibration: StudyCalibration; axes: SurvivalAxes }
  | { ok: false; complete: boolean; message: string }

/** The next calibration point to click, in the order WebPlotDigitizer asks for them. */
export function nextAxisKey(draft: CalibrationDraft): AxisKey | null {
  return AXIS_KEYS.find((k) => !draft.points[k]) ?? null
}

/**
 * The study calibration a draft makes, or why it makes none: points still to click, a value
 * that is not a number, or a calibration axesTransform refuses (same place, equal values,
 * collinear points, log values ≤ 0).
 */
export function calibrationFromDraft(draft: CalibrationDraft): DraftResult {
  const missing = nextAxisKey(draft)
  if (missing) {
    return { ok: false, complete: false, message: `Click ${AXIS_LABELS[missing]} on the figure.` }
  }
  const values = {} as Record<AxisKey, number>
  const empty = AXIS_KEYS.filter((k) => draft.values[k].trim() === '')
  for (const k of AXIS_KEYS) {
    const typed = draft.values[k].trim()
    if (typed === '') continue
    const v = parseNumber(typed)
    if (v === null) {
      return {
        ok: false,
        complete: true,
        message: `The value of ${k.toUpperCase()} ("${typed}") is not a number.`,
      }
    }
    values[k] = v
  }
  if (empty.length > 0) {
    // Every point is placed: a value left empty (a Tab that went elsewhere) must not pass unseen.
    const names = empty.map((k) => AXIS_LABELS[k])
    const list =
      names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0]
    // A value typed after an empty one means the empty one was skipped: an error, not a next step.
    const skipped = AXIS_KEYS.some(
      (k, i) => empty.includes(k) && values[AXIS_KEYS[i + 1]] !== undefined,
    )
    return {
      ok: false,
      complete: skipped,
      message: `Type the value of ${list}: the calibration is not used until all four have one.`,
    }
  }
  const point = (k: AxisKey) => ({
    px: draft.points[k]!.x,
    py: draft.points[k]!.y,
    value: values[k],
  })
  const calibration: StudyCalibration = {
    x1: point('x1'),
    x2: point('x2'),
    y1: point('y1'),
    y2: point('y2'),
    xScale: draft.xScale,
    yAxis: draft.yAxis,
    yScale: draft.yScale,
    timeUnit: draft.timeUnit,
    // Written only when the curves rise: a survival figure's file stays as it was.
    ...(draft.yShows === 'cumulative-incidence' ? { yShows: draft.yShows } : {}),
  }
  try {
    return { ok: true, calibration, axes: survivalAxes(calibration) }
  } catch (e) {
    if (!(e instanceof CalibrationError)) throw e
    return { ok: false, complete: true, message: `Calibration refused: ${e.message}.` }
  }
}

/** Percent when a y value is above 1.5 (an axis that reads 0–100), as DESIGN.md detects it. */
export function suggestedYScale(draft: CalibrationDraft): CalibrationDraft['yScale'] {
  const ys = [parseNumber(draft.values.y1), parseNumber(draft.values.y2)]
  return ys.some((v) => v !== null && v > 1.5) ? 'percent' : 'proportion'
}

export interface Gridline {
  value: number
  from: { px: number; py: number }
  to: { px: number; py: number }
}

export interface AxesChecker {
  /** The corners of the calibrated box, in image pixels. */
  box: { px: number; py: number }[]
  xLines: Gridline[]
  yLines: Gridline[]
  /** The time axis's round values, where a risk table usually has its columns. */
  xTicks: number[]
}

/**
 * Engauge's axes checker: the box through the calibration values, and gridlines at round values
 * (on the time axis at every `xStep`, the figure's own tick spacing, when it is known), in image
 * pixels. Drawn over the figure, a mistyped value shows at once as gridlines that miss
 * the figure's own ticks.
 */
export function axesChecker(
  cal: StudyCalibration,
  axes: SurvivalAxes,
  xStep: number | null = null,
): AxesChecker {
  const factor = cal.yScale === 'percent' ? 100 : 1
  const x0 = Math.min(cal.x1.value, cal.x2.value, cal.xScale === 'log' ? Infinity : 0)
  const x1 = Math.max(cal.x1.value, cal.x2.value)
  const y0 = Math.min(cal.y1.value, cal.y2.value, cal.yAxis === 'log' ? Infinity : 0)
  const y1 = Math.max(cal.y1.value, cal.y2.value)
  // y is an axis value; the axes map survival, which is 1 − y where the axis shows the event.
  const rising = cal.yShows === 'cumulative-incidence'
  const at = (x: number, y: number) => axes.toPixel(x, rising ? 1 - y / factor : y / factor)
  const xTicks =
    cal.xScale === 'log'
      ? logTicks(x0, x1)
      : xStep !== null && xStep > 0 && (x1 - x0) / xStep <= 50
        ? timesEvery(xStep, x1).filter((t) => t >= x0 - 1e-9)
        : niceTicks(x0, x1, 8)
  const yTicks = cal.yAxis === 'log' ? logTicks(y0, y1) : niceTicks(y0, y1, 5)
  return {
    box: [at(x0, y0), at(x1, y0), at(x1, y1), at(x0, y1)],
    xLines: xTicks.map((v) => ({ value: v, from: at(v, y0), to: at(v, y1) })),
    yLines: yTicks.map((v) => ({ value: v, from: at(x0, v), to: at(x1, v) })),
    xTicks,
  }
}
