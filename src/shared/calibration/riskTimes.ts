/**
 * The times of a number-at-risk table. Published tables print their numbers under the figure's own
 * time-axis ticks (0, 3, 6 … 36 months on a JCO figure), not at the round values an axes checker
 * would choose (0, 5, 10 …), so the rows come from the tick spacing of the figure: found in the
 * image when its tick marks can be (tickStepFromTimes), else guessed from the calibration values
 * (which are themselves ticks) and the time unit (figureTickSpacing); editable by the reviewer.
 */

/** Steps a time axis is commonly ticked at, per unit, before the generic 1–2–5 steps. */
const UNIT_STEPS: Record<string, number[]> = {
  days: [7, 14, 28, 30, 60, 90, 180, 365],
  weeks: [4, 8, 12, 13, 26, 52],
  months: [3, 6, 12, 18, 24],
  years: [1, 2, 3, 5],
}

/** Most tick intervals a figure's time axis has; more would not leave room for their labels. */
const MAX_INTERVALS = 12
/**
 * The number of intervals most published time axes have (0–36 months by 6, 0–60 by 6 or 12, 0–5
 * years by 1, 0–1000 days by 100): a step giving 5 to 10 is preferred to one giving 12 or 2.
 */
const USUAL_INTERVALS = [5, 10] as const

function isMultiple(value: number, step: number): boolean {
  const q = value / step
  return Math.abs(q - Math.round(q)) < 1e-6
}

/** 1, 2, 2.5 and 5 × 10^k around the magnitude of `hi`, increasing. */
function genericSteps(hi: number): number[] {
  const magnitude = 10 ** Math.floor(Math.log10(hi))
  const steps: number[] = []
  for (let m = magnitude / 1000; m <= magnitude * 10; m *= 10) {
    for (const f of [1, 2, 2.5, 5]) steps.push(Number((f * m).toPrecision(12)))
  }
  return steps
}

/**
 * The tick spacing a figure's time axis most likely has, given two calibration values on it (both
 * are ticks) and the unit. Two values alone cannot tell 0–36 months ticked by 3 from one ticked by
 * 6, so this is a guess, to be used only when the ticks could not be found in the image (see
 * tickStepFromTimes): a step both values are multiples of, giving 5 to 10 intervals from 0 to the
 * larger value, taken first from the unit's usual steps (3, 6, 12 months; 7, 14, 30 … days; 1, 2,
 * 5 years), then from 1, 2, 2.5, 5 × 10^k; failing that, any of them giving at most 12 intervals.
 * 0–36 months → 6, 0–48 → 6, 0–60 → 6, 0–24 → 3, 0–70 → 10, 0–5 years → 1, 0–1000 days → 100.
 * Null when the values are not usable (equal, negative or not finite), e.g. a log axis.
 */
export function figureTickSpacing(a: number, b: number, unit: string): number | null {
  const lo = Math.min(a, b)
  const hi = Math.max(a, b)
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo < 0 || !(hi > lo)) return null
  const own = UNIT_STEPS[unit] ?? []
  const generic = genericSteps(hi)
  const fits = (s: number, min: number, max: number) =>
    isMultiple(lo, s) && isMultiple(hi, s) && hi / s >= min - 1e-9 && hi / s <= max + 1e-9
  const [usualMin, usualMax] = USUAL_INTERVALS
  return (
    own.find((s) => fits(s, usualMin, usualMax)) ??
    generic.find((s) => fits(s, usualMin, usualMax)) ??
    own.find((s) => fits(s, 1, MAX_INTERVALS)) ??
    generic.find((s) => fits(s, 1, MAX_INTERVALS)) ??
    null
  )
}

/**
 * The step of tick marks found in the image, given their times (pixel positions mapped through the
 * calibration, so a little off) and the calibrated range of the axis: the smallest usual step (the
 * unit's, then 1, 2, 2.5, 5 × 10^k) with at least three multiples in the range, at least 80% of
 * which have a tick within a tenth of a step. Marks that are not ticks (a curve's drop onto the
 * axis) do not hide a step; every other tick missing does not make one. Null when no step fits
 * (no tick marks, a log axis): then the caller guesses with figureTickSpacing and says so.
 */
export function tickStepFromTimes(
  times: number[],
  unit: string,
  range: [number, number],
): number | null {
  const lo = Math.min(...range)
  const hi = Math.max(...range)
  const ticks = times.filter(Number.isFinite)
  if (ticks.length < 3 || !(hi > lo) || !Number.isFinite(hi) || !Number.isFinite(lo)) return null
  const candidates = [...(UNIT_STEPS[unit] ?? []), ...genericSteps(hi - lo)]
    .filter((s) => (hi - lo) / s <= 24)
    .sort((x, y) => x - y)
  for (const s of candidates) {
    const multiples: number[] = []
    for (let k = Math.ceil(lo / s - 1e-9); k * s <= hi + 1e-9 * s; k++) multiples.push(k * s)
    if (multiples.length < 3) continue
    const covered = multiples.filter((m) => ticks.some((t) => Math.abs(t - m) <= 0.1 * s))
    if (covered.length >= 0.8 * multiples.length) return s
  }
  return null
}

/** 0, step, 2·step … up to `end` (inclusive, within rounding), at most 200 of them. */
export function timesEvery(step: number, end: number): number[] {
  if (!(step > 0) || !Number.isFinite(end) || end < 0) return []
  const n = Math.min(200, Math.floor(end / step + 1e-9))
  return Array.from({ length: n + 1 }, (_, i) => Number((i * step).toPrecision(12)))
}

/**
 * The step of an existing risk table (the smallest gap between its sorted times) when every time
 * is a multiple of it; null otherwise, or with fewer than two rows.
 */
export function riskTableStep(times: number[]): number | null {
  const sorted = [...new Set(times)].sort((x, y) => x - y)
  if (sorted.length < 2) return null
  const gaps = sorted.slice(1).map((t, i) => t - sorted[i])
  const step = Number(Math.min(...gaps).toPrecision(12))
  return step > 0 && sorted.every((t) => isMultiple(t, step)) ? step : null
}

export interface PlacedCount {
  time: number
  nRisk: number
  /** True when the time lies beyond the end of the calibrated time axis. */
  beyondAxis: boolean
}

/**
 * Where a pasted row of numbers at risk goes: in order onto `times` from `from` on, and past the
 * last time by the same step, so that a row of any length is placed and none is dropped; each time
 * beyond `axisEnd` is marked, for the reviewer to see before the numbers are used.
 */
export function placeCounts(
  counts: number[],
  times: number[],
  from: number,
  step: number,
  axisEnd: number,
): PlacedCount[] {
  const start = Math.max(0, Math.min(from, times.length))
  const placed: PlacedCount[] = []
  let last = start > 0 ? times[start - 1] : -step
  counts.forEach((nRisk, i) => {
    const time = start + i < times.length ? times[start + i] : Number((last + step).toPrecision(12))
    last = time
    placed.push({ time, nRisk, beyondAxis: time > axisEnd + 1e-9 })
  })
  return placed
}
