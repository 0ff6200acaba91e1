/**
 * Non-increasing isotonic regression of `y` (equal weights) by the pool-adjacent-violators
 * algorithm (Barlow et al. 1972): the non-increasing sequence closest to `y` in least squares.
 * Unlike the carry-forward minimum, one click too low does not drag every later point down to it.
 * O(n).
 */
export function isotonicNonIncreasing(y: readonly number[]): number[] {
  const value: number[] = []
  const weight: number[] = []
  for (const v of y) {
    value.push(v)
    weight.push(1)
    while (value.length > 1 && value[value.length - 2] < value[value.length - 1]) {
      const w = weight[weight.length - 2] + weight[weight.length - 1]
      const m =
        (value[value.length - 2] * weight[weight.length - 2] +
          value[value.length - 1] * weight[weight.length - 1]) /
        w
      value.pop()
      weight.pop()
      value[value.length - 1] = m
      weight[weight.length - 1] = w
    }
  }
  const out: number[] = []
  value.forEach((v, i) => {
    for (let j = 0; j < weight[i]; j++) out.push(v)
  })
  return out
}

/** The running minimum: each value replaced by the smallest value at or before it (IPDfromKM). */
export function carryForwardMinimum(y: readonly number[]): number[] {
  const out: number[] = []
  let m = Infinity
  for (const v of y) {
    m = Math.min(m, v)
    out.push(m)
  }
  return out
}
