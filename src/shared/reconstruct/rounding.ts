/**
 * Rounds to the nearest whole number, halves to the even neighbour, as R's `round(x)` does
 * (IEC 60559). Reconstructions that must agree with IPDfromKM depend on it: JavaScript's
 * `Math.round` sends every half up, so 2.5 events would become 3 here and 2 in R.
 */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x)
  const diff = x - f
  if (diff < 0.5) return f
  if (diff > 0.5) return f + 1
  return f % 2 === 0 ? f : f + 1
}
