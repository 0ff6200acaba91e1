import type { AxisScale } from '../calibration/axes'

/** A tick with the value its label reads. */
export interface LabelledTick {
  /** Position along the axis, image pixels. */
  pixel: number
  value: number
}

/**
 * The pixel ↔ value map of one axis: pixel = intercept + slope·value (linear) or
 * intercept + slope·log10(value) (log), fitted by least squares over every labelled tick.
 */
export interface AxisFit {
  scale: AxisScale
  intercept: number
  slope: number
  /** The ticks the fit rests on, and those whose label disagreed with the others. */
  used: LabelledTick[]
  rejected: LabelledTick[]
  /** Largest |fitted − actual| pixel over the used ticks. */
  maxResidual: number
}

/** Residual above which a fit is not trusted (pixels): ticks are located to a few tenths. */
export const MAX_RESIDUAL = 1

const transform = (v: number, scale: AxisScale) => (scale === 'log' ? Math.log10(v) : v)

/** Ordinary least squares of y on x: intercept and slope. */
function leastSquares(xs: number[], ys: number[]): { intercept: number; slope: number } {
  const n = xs.length
  const mx = xs.reduce((a, b) => a + b, 0) / n
  const my = ys.reduce((a, b) => a + b, 0) / n
  let sxy = 0
  let sxx = 0
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my)
    sxx += (xs[i] - mx) ** 2
  }
  const slope = sxy / sxx
  return { intercept: my - slope * mx, slope }
}

/**
 * The labels that agree: ticks are evenly spaced (their index k along the row), so labels on a
 * linear axis are a + b·k exactly (an arithmetic progression, 0, 12, 24…) and on a log axis
 * a·r^k (1, 10, 100…). Every pair of labels proposes a progression; the one most labels fit
 * (relative tolerance 1e-6 of the step: printed labels are exact) is kept, the rest rejected as
 * misread. Needs at least `minAgree` labels in agreement, else null.
 */
function agreeing(
  ticks: LabelledTick[],
  index: number[],
  scale: AxisScale,
  minAgree: number,
): number[] | null {
  if (scale === 'log' && ticks.some((t) => !(t.value > 0))) return null
  const vals = ticks.map((t) => transform(t.value, scale))
  let best: number[] = []
  for (let i = 0; i < ticks.length; i++) {
    for (let j = i + 1; j < ticks.length; j++) {
      const b = (vals[j] - vals[i]) / (index[j] - index[i])
      if (!(b !== 0 && Number.isFinite(b))) continue
      const a = vals[i] - b * index[i]
      const tol = 1e-6 * Math.abs(b) + 1e-9
      const members = vals.flatMap((v, k) => (Math.abs(v - (a + b * index[k])) <= tol ? [k] : []))
      if (members.length > best.length) best = members
    }
  }
  return best.length >= minAgree ? best : null
}

/**
 * Fits one axis from its ticks (positions along the row of ticks, evenly spaced with step
 * `spacing`) and the values read under them, linear or log10 — log when the labels are a
 * geometric progression and not an arithmetic one (1, 10, 100 or 0.1, 1, 10). Null when fewer
 * than `minAgree` labels agree on either scale. The fit is least squares of pixel on value over
 * the agreeing ticks (sources: the usual four-point calibration of WebPlotDigitizer fixes the
 * map with two points; with more, least squares averages out the error of each tick).
 */
export function fitAxis(ticks: LabelledTick[], spacing: number, minAgree: number): AxisFit | null {
  if (ticks.length < 2) return null
  const origin = Math.min(...ticks.map((t) => t.pixel))
  const index = ticks.map((t) => Math.round((t.pixel - origin) / spacing))
  const lin = agreeing(ticks, index, 'linear', minAgree)
  const log = agreeing(ticks, index, 'log', minAgree)
  const scale: AxisScale = log && (!lin || log.length > lin.length) ? 'log' : 'linear'
  const members = scale === 'log' ? log : lin
  if (!members) return null
  const used = members.map((k) => ticks[k])
  const rejected = ticks.filter((_, k) => !members.includes(k))
  const xs = used.map((t) => transform(t.value, scale))
  const ys = used.map((t) => t.pixel)
  const { intercept, slope } = leastSquares(xs, ys)
  const maxResidual = Math.max(...used.map((t, k) => Math.abs(intercept + slope * xs[k] - t.pixel)))
  return { scale, intercept, slope, used, rejected, maxResidual }
}

/** The fitted pixel of a value. */
export function pixelOf(fit: AxisFit, value: number): number {
  return fit.intercept + fit.slope * transform(value, fit.scale)
}
