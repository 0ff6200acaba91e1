/**
 * Axis ticks a reader takes in at a glance: steps of 1, 2, 2.5 or 5 times a power of ten on a
 * linear axis, the 1–2–5 series on a log axis, labels without trailing zeros.
 */

/**
 * About `target` ticks covering [min, max] on a linear axis, the axis extended to whole steps.
 * A zero-width range is widened around its value.
 */
export function linearTicks(min: number, max: number, target = 5): number[] {
  let lo = min
  let hi = max
  if (!(hi > lo)) {
    const pad = Math.abs(lo) > 0 ? Math.abs(lo) * 0.1 : 1
    lo -= pad
    hi += pad
  }
  const raw = (hi - lo) / target
  const power = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power
  const first = Math.floor(lo / step + 1e-9)
  const last = Math.ceil(hi / step - 1e-9)
  const ticks: number[] = []
  for (let i = first; i <= last; i++) ticks.push(Number((i * step).toPrecision(12)))
  return ticks
}

/**
 * Ticks covering [min, max] (both > 0) on a log axis: the 1–2–5 series, thinned to 1–10 when
 * the range spans more than three decades; the axis is extended to the ticks on either side.
 */
export function logTicks(min: number, max: number): number[] {
  const lo = Math.max(min, 1e-12)
  const hi = Math.max(max, lo * 1.0001)
  const decades = Math.log10(hi / lo)
  const mantissas = decades > 3 ? [1] : decades > 1.5 ? [1, 3] : [1, 2, 5]
  const series: number[] = []
  for (let e = Math.floor(Math.log10(lo)) - 1; e <= Math.ceil(Math.log10(hi)) + 1; e++) {
    for (const m of mantissas) series.push(Number((m * 10 ** e).toPrecision(12)))
  }
  const below = series.filter((t) => t <= lo * (1 + 1e-9))
  const above = series.filter((t) => t >= hi * (1 - 1e-9))
  const start = below.length ? below[below.length - 1] : series[0]
  const end = above.length ? above[0] : series[series.length - 1]
  return series.filter((t) => t >= start && t <= end)
}

/** A tick label: the shortest decimal of the tick, with a typographic minus. */
export function tickLabel(t: number): string {
  const s = String(Number(t.toPrecision(10)))
  return s.replace('-', '−')
}
