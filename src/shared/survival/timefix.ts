/** Relative and absolute tolerance of `survival::aeqSurv`: `sqrt(.Machine$double.eps)`. */
export const TIMEFIX_TOLERANCE = Math.sqrt(Number.EPSILON)

/**
 * Merges times that differ only by floating-point noise, as `survival::aeqSurv` does before
 * `survfit`, `survdiff` and `coxph` (their default `timefix = TRUE`). Without it, 0.1 + 0.2 and
 * 0.3 would be two event times and the estimates would depend on how the times were computed.
 *
 * Distinct values are walked in ascending order; a value within the tolerance of the one before it
 * (absolute difference ≤ tol, or difference / mean |distinct value| ≤ tol) takes the value of the
 * first of its run, so a chain of near-equal values collapses onto its smallest member.
 *
 * `sorted` must be in ascending order; it is rewritten in place. Units are those of the input.
 * Returns whether any value was merged.
 */
export function timefixSorted(sorted: Float64Array): boolean {
  const n = sorted.length
  if (n < 2) return false
  let distinct = 0
  let sumAbs = 0
  for (let i = 0; i < n; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) {
      distinct++
      sumAbs += Math.abs(sorted[i])
    }
  }
  const meanAbs = sumAbs / distinct
  let previous = sorted[0]
  let target = sorted[0]
  let merged = false
  for (let i = 1; i < n; i++) {
    const value = sorted[i]
    if (value !== previous) {
      const dy = value - previous
      if (dy <= TIMEFIX_TOLERANCE || dy / meanAbs <= TIMEFIX_TOLERANCE) merged = true
      else target = value
      previous = value
    }
    sorted[i] = target
  }
  return merged
}
