import type { Drop } from './drops'
import { roundHalfEven } from './rounding'

/**
 * Survival noise of a digitized point: a click is within about a pixel of the curve, and a
 * figure's y axis spans some 300–1000 pixels.
 */
const CLICK_SD = 0.002

export interface DropCensoring {
  /** Censorings between the previous drop (or the interval's start) and each drop. */
  before: number[]
  /** Censorings after the last drop, before the interval's end. */
  after: number
  events: number[]
  /** Number at risk just before each drop. */
  atRisk: number[]
}

/**
 * Places an interval's censorings where the sizes of the drops say they happened.
 *
 * A KM drop of d events among n at risk is a fall by the factor 1 − d/n, so each digitized drop
 * carries the number at risk at its time, to within the clicks' accuracy; Guyot et al. (2012)
 * use only the numbers at risk at the interval's ends and spread the censorings evenly between.
 * When n is small (the later intervals, small trials), 1/n and 1/(n+1) are far apart and the drop
 * sizes fix n exactly; when n is large they say little, and the even spread should stand.
 *
 * So the numbers at risk n_j before each drop are chosen, by dynamic programming over the
 * integers from `nEnd` to `nStart`, to minimise the sum over drops of
 *   ½ ((1 − d_j/n_j − r_j) · S_{j−1} / σ)²  +  ½ (n_j − ñ_j)² / v_j,
 * with r_j the digitized ratio S_j / S_{j−1}, d_j = round(n_j (1 − r_j)), σ the click noise,
 * ñ_j the number at risk under the even spread (`guide`) and v_j the binomial variance of the
 * censorings before drop j under it — subject to n never rising between drops except by the
 * events (censorings are ≥ 0) and to exactly `nEnd` at risk at the interval's end. Runs in
 * O(drops × (nStart − nEnd)). Returns null where no such path exists (the table and the curve
 * disagree), leaving the interval to Guyot's loop.
 */
export function censoringFromDrops(
  nStart: number,
  nEnd: number,
  drops: readonly Drop[],
  guide: readonly number[],
  censoredInInterval: number,
  elapsed: readonly number[],
): DropCensoring | null {
  const J = drops.length
  const width = nStart - nEnd + 1
  if (J === 0 || width <= 0) return null
  const eventsAt = (j: number, n: number) => {
    const r = drops[j].sBefore > 0 ? drops[j].sAfter / drops[j].sBefore : 0
    return Math.min(n, Math.max(0, roundHalfEven(n * (1 - r))))
  }
  const cost = (j: number, n: number) => {
    const d = eventsAt(j, n)
    const r = drops[j].sBefore > 0 ? drops[j].sAfter / drops[j].sBefore : 0
    const fit = n > 0 ? 1 - d / n - r : 1 - r
    const z = (fit * drops[j].sBefore) / CLICK_SD
    const phi = elapsed[j]
    const v = Math.max(1, censoredInInterval * phi * (1 - phi))
    const dev = n - guide[j]
    return 0.5 * z * z + (0.5 * dev * dev) / v
  }

  let f = new Float64Array(width)
  for (let m = 0; m < width; m++) f[m] = cost(0, nEnd + m)
  const choice: Int32Array[] = []
  for (let j = 1; j < J; j++) {
    // Suffix minima of f over n (index m = n − nEnd): the best predecessor at or above each n.
    const sufVal = new Float64Array(width)
    const sufArg = new Int32Array(width)
    let bestVal = Infinity
    let bestArg = -1
    for (let m = width - 1; m >= 0; m--) {
      if (f[m] < bestVal) {
        bestVal = f[m]
        bestArg = m
      }
      sufVal[m] = bestVal
      sufArg[m] = bestArg
    }
    const next = new Float64Array(width).fill(Infinity)
    const arg = new Int32Array(width).fill(-1)
    let p = 0
    for (let m = 0; m < width; m++) {
      const n = nEnd + m
      while (p < width && nEnd + p - eventsAt(j - 1, nEnd + p) < n) p++
      if (p >= width || sufArg[p] < 0) break
      next[m] = sufVal[p] + cost(j, n)
      arg[m] = sufArg[p]
    }
    choice.push(arg)
    f = next
  }
  let bestEnd = -1
  let bestVal = Infinity
  for (let m = 0; m < width; m++) {
    const n = nEnd + m
    if (n - eventsAt(J - 1, n) >= nEnd && f[m] < bestVal) {
      bestVal = f[m]
      bestEnd = m
    }
  }
  if (bestEnd < 0) return null

  const atRisk = new Array<number>(J)
  atRisk[J - 1] = nEnd + bestEnd
  for (let j = J - 1; j >= 1; j--) atRisk[j - 1] = nEnd + choice[j - 1][atRisk[j] - nEnd]
  const events = atRisk.map((n, j) => eventsAt(j, n))
  const before = atRisk.map((n, j) => (j === 0 ? nStart : atRisk[j - 1] - events[j - 1]) - n)
  const after = atRisk[J - 1] - events[J - 1] - nEnd
  return { before, after, events, atRisk }
}
