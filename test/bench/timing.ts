export interface Timing {
  /** The first call, before the JIT has seen this code path with these data. */
  first: number
  /** Mean of the calls after the first (at least `minRuns`, for at least `minMs`), in ms. */
  warm: number
}

/** Times `fn` by wall clock: the first call, then the mean of repeated calls. */
export function measure(fn: () => void, minMs = 300, minRuns = 5): Timing {
  let start = performance.now()
  fn()
  const first = performance.now() - start
  let runs = 0
  start = performance.now()
  while (runs < minRuns || performance.now() - start < minMs) {
    fn()
    runs++
  }
  return { first, warm: (performance.now() - start) / runs }
}

/** The warm mean of `fn` in ms (see measure). */
export function timeIt(fn: () => void, minMs = 300): number {
  return measure(fn, minMs, 2).warm
}
