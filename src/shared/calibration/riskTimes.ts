/**
 * The times of a number-at-risk table. Published tables print their numbers under the figure's own
 * time-axis ticks (0, 3, 6 … 36 months on a JCO figure), not at the round values an axes checker
 * would choose (0, 5, 10 …), so the rows come from the tick spacing of the figure: inferred from
 * the calibration values (which are themselves ticks) and the time unit, editable by the reviewer.
 */

/** Steps a time axis is commonly ticked at, per unit, before the generic 1–2–5 steps. */
const UNIT_STEPS: Record<string, number[]> = {
  days: [7, 14, 28, 30, 60, 90, 180, 365],
  weeks: [4, 8, 12, 13, 26, 52],
  months: [3, 6, 12, 18, 24],
  years: [1, 2],
}

/** Most tick intervals a figure's time axis has; more would not leave room for their labels. */
const MAX_INTERVALS = 12

function isMultiple(value: number, step: number): boolean {
  const q = value / step
  return Math.abs(q - Math.round(q)) < 1e-6
}

/**
 * The tick spacing a figure's time axis most likely has, given two calibration values on it (both
 * are ticks) and the unit: the smallest step that both values are multiples of and that gives at
 * most 12 intervals from 0 to the larger value, taken first from the unit's usual steps (3, 6, 12
 * months; 7, 14, 30 … days), then from 1, 2, 2.5, 5 × 10^k. Null
 * when the values are not usable (equal, negative or not finite), e.g. a log axis.
 */
export function figureTickSpacing(a: number, b: number, unit: string): number | null {
  const lo = Math.min(a, b)
  const hi = Math.max(a, b)
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo < 0 || !(hi > lo)) return null
  const magnitude = 10 ** Math.floor(Math.log10(hi))
  const generic: number[] = []
  for (let m = magnitude / 1000; m <= magnitude * 10; m *= 10) {
    for (const f of [1, 2, 2.5, 5]) generic.push(Number((f * m).toPrecision(12)))
  }
  const candidates = [...(UNIT_STEPS[unit] ?? []), ...generic]
  const fits = candidates.find(
    (s) => isMultiple(lo, s) && isMultiple(hi, s) && hi / s <= MAX_INTERVALS + 1e-9,
  )
  return fits ?? null
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
