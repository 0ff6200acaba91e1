import type { Drop } from './drops'
import { roundHalfEven } from './rounding'

/**
 * Survival noise of a digitized point: a click is within about a pixel of the curve, and a
 * figure's y axis spans some 300–1000 pixels.
 */
const CLICK_SD = 0.002
/** Below this, one patient more or less at risk changes no drop by a noticeable part of a click. */
const MIN_INFORMATION = 0.05
/** How many standard deviations of the even spread's censoring count the search may stray. */
const BAND_SD = 5

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
 * O(drops × window), the window a few standard deviations of the even spread wide. Returns null,
 * leaving the interval to Guyot's even spread, where no such path exists (the table and the
 * curve disagree) or where the drops are too small to tell one count from the next.
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
  if (J === 0 || nStart < nEnd) return null
  // One patient more or less at risk moves a drop of d among n by about d/n² of its height; where
  // that is a small fraction of the click noise at every drop, the sizes cannot tell the counts
  // apart and the even spread stands (this also keeps large arms fast).
  let information = 0
  drops.forEach((drop, j) => {
    const n = Math.max(1, guide[j])
    const d = Math.max(1, n * (1 - (drop.sBefore > 0 ? drop.sAfter / drop.sBefore : 0)))
    information = Math.max(information, ((d / (n * n)) * drop.sBefore) / CLICK_SD)
  })
  if (information < MIN_INFORMATION) return null
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

  // Only numbers at risk within a few standard deviations of the even spread can win (the prior
  // term alone costs more than any data term saves beyond that), which keeps a 4,000-patient arm
  // fast: each drop searches a window, not every count between nEnd and nStart.
  const lo = new Int32Array(J)
  const hi = new Int32Array(J)
  for (let j = 0; j < J; j++) {
    const phi = elapsed[j]
    const band =
      Math.ceil(BAND_SD * Math.sqrt(Math.max(1, censoredInInterval * phi * (1 - phi)))) + 2
    lo[j] = Math.max(nEnd, Math.floor(guide[j]) - band)
    hi[j] = Math.min(nStart, Math.ceil(guide[j]) + band)
    if (lo[j] > hi[j]) return null
  }

  let f = new Float64Array(hi[0] - lo[0] + 1)
  for (let n = lo[0]; n <= hi[0]; n++) f[n - lo[0]] = cost(0, n)
  const choice: Int32Array[] = []
  for (let j = 1; j < J; j++) {
    const pw = hi[j - 1] - lo[j - 1] + 1
    // Suffix minima of the previous costs: the best predecessor at or above each count.
    const sufVal = new Float64Array(pw)
    const sufArg = new Int32Array(pw)
    let bestVal = Infinity
    let bestArg = -1
    const survivors = new Int32Array(pw)
    for (let k = pw - 1; k >= 0; k--) {
      if (f[k] < bestVal) {
        bestVal = f[k]
        bestArg = lo[j - 1] + k
      }
      sufVal[k] = bestVal
      sufArg[k] = bestArg
      survivors[k] = lo[j - 1] + k - eventsAt(j - 1, lo[j - 1] + k)
    }
    const w = hi[j] - lo[j] + 1
    const next = new Float64Array(w).fill(Infinity)
    const arg = new Int32Array(w).fill(-1)
    let p = 0
    for (let n = lo[j]; n <= hi[j]; n++) {
      while (p < pw && survivors[p] < n) p++
      if (p >= pw || sufArg[p] < 0) break
      next[n - lo[j]] = sufVal[p] + cost(j, n)
      arg[n - lo[j]] = sufArg[p]
    }
    choice.push(arg)
    f = next
  }
  let bestEnd = -1
  let bestVal = Infinity
  for (let n = lo[J - 1]; n <= hi[J - 1]; n++) {
    const v = f[n - lo[J - 1]]
    if (n - eventsAt(J - 1, n) >= nEnd && v < bestVal) {
      bestVal = v
      bestEnd = n
    }
  }
  if (bestEnd < 0) return null

  const atRisk = new Array<number>(J)
  atRisk[J - 1] = bestEnd
  for (let j = J - 1; j >= 1; j--) atRisk[j - 1] = choice[j - 1][atRisk[j] - lo[j]]
  const events = atRisk.map((n, j) => eventsAt(j, n))
  const before = atRisk.map((n, j) => (j === 0 ? nStart : atRisk[j - 1] - events[j - 1]) - n)
  const after = atRisk[J - 1] - events[J - 1] - nEnd
  return { before, after, events, atRisk }
}
