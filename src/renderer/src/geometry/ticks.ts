/**
 * Round values from `min` to `max`, about `target` of them, stepping by 1, 2 or 5 × 10^k: where an
 * axes checker draws gridlines and where a risk table usually has its times.
 */
export function niceTicks(min: number, max: number, target = 6): number[] {
  if (!(max > min) || !Number.isFinite(min) || !Number.isFinite(max)) return []
  const raw = (max - min) / Math.max(1, target)
  const magnitude = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude
  const ticks: number[] = []
  const first = Math.ceil(min / step - 1e-9)
  for (let i = first; i * step <= max + step * 1e-9; i++) {
    ticks.push(Number((i * step).toPrecision(12)))
  }
  return ticks
}

/** Powers of ten (and 2× and 5× when few) between `min` and `max`, both above 0, for log axes. */
export function logTicks(min: number, max: number): number[] {
  if (!(min > 0) || !(max > min)) return []
  const ticks: number[] = []
  const decades = Math.log10(max / min)
  const mantissas = decades > 4 ? [1] : [1, 2, 5]
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) {
    for (const m of mantissas) {
      const v = Number((m * 10 ** e).toPrecision(12))
      if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) ticks.push(v)
    }
  }
  return ticks
}
