import { chiSquareCdf } from '../distributions'
import type { GroupLabel } from './groups'
import { groupBy } from './groups'
import { sortSurvival } from './survivalData'

export interface LogrankResult {
  /** Group labels, in the order of every per-group array below. */
  groups: GroupLabel[]
  n: number[]
  observed: number[]
  /** Expected events under equal hazards. */
  expected: number[]
  /** Variance–covariance matrix of observed − expected (groups × groups). */
  variance: number[][]
  /** Chi-square statistic; `null` if the variance matrix is singular (R's `solve` fails). */
  chisq: number | null
  /** Degrees of freedom: groups with expected > 0, minus one, floored at 0. */
  df: number
  /** Upper-tail chi-square p-value; `null` when df is 0 or the statistic is not estimable. */
  p: number | null
}

/** Solves A·x = b by Gaussian elimination with partial pivoting; `null` if A is singular. */
function solve(a: number[][], b: number[]): number[] | null {
  const k = b.length
  const m = a.map((row, i) => [...row, b[i]])
  for (let col = 0; col < k; col++) {
    let pivot = col
    for (let r = col + 1; r < k; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r
    if (m[pivot][col] === 0) return null
    ;[m[col], m[pivot]] = [m[pivot], m[col]]
    for (let r = col + 1; r < k; r++) {
      const f = m[r][col] / m[col][col]
      for (let c = col; c <= k; c++) m[r][c] -= f * m[col][c]
    }
  }
  const x = new Array<number>(k).fill(0)
  for (let r = k - 1; r >= 0; r--) {
    let s = m[r][k]
    for (let c = r + 1; c < k; c++) s -= m[r][c] * x[c]
    x[r] = s / m[r][r]
  }
  return x
}

/**
 * Log-rank test of equal survival across groups, as `survival::survdiff(Surv(time, event) ~
 * group)` (rho = 0): observed and expected events per group, their hypergeometric
 * variance–covariance matrix, and the chi-square on (groups with expected > 0) − 1 degrees of
 * freedom, computed from the first of those groups dropped.
 *
 * Differences from R, only where R's answer is not a number: with no events at all R reports
 * df = −1 and p = NaN, here df = 0 and p = null; when only one group has expected events R reports
 * p = 0 on 0 df, here p = null; a singular variance matrix makes R's `solve` stop, here chisq and
 * p are null. Throws on invalid data (see `kaplanMeier`), fewer than two groups, or a level of
 * `options.levels` with no patients.
 */
export function logrank(
  time: readonly number[],
  event: readonly number[],
  group: readonly GroupLabel[],
  options: { levels?: readonly GroupLabel[] } = {},
): LogrankResult {
  const data = sortSurvival(time, event)
  const { levels, codes } = groupBy(group, time.length, options.levels)
  const k = levels.length
  const n = new Array<number>(k).fill(0)
  for (const c of codes) n[c]++
  if (k < 2) throw new Error('logrank: needs at least two groups')
  if (n.some((count) => count === 0)) throw new Error('logrank: a group level has no patients')

  const total = data.time.length
  const observed = new Array<number>(k).fill(0)
  const expected = new Array<number>(k).fill(0)
  const variance = Array.from({ length: k }, () => new Array<number>(k).fill(0))
  const risk = new Array<number>(k).fill(0)
  // survdiff2 walks from the last time back, building the risk sets as it goes.
  for (let end = total - 1; end >= 0;) {
    const t = data.time[end]
    let deaths = 0
    let start = end
    while (start >= 0 && data.time[start] === t) {
      const g = codes[data.order[start]]
      deaths += data.event[start]
      risk[g] += 1
      observed[g] += data.event[start]
      start--
    }
    const nRisk = total - (start + 1)
    end = start
    if (deaths === 0) continue
    for (let g = 0; g < k; g++) expected[g] += (deaths * risk[g]) / nRisk
    if (nRisk === 1) continue
    for (let j = 0; j < k; j++) {
      const tmp = (deaths * risk[j] * (nRisk - deaths)) / (nRisk * (nRisk - 1))
      variance[j][j] += tmp
      for (let g = 0; g < k; g++) variance[g][j] -= (tmp * risk[g]) / nRisk
    }
  }

  const used: number[] = []
  for (let g = 0; g < k; g++) if (expected[g] > 0) used.push(g)
  const df = Math.max(used.length - 1, 0)
  let chisq: number | null = 0
  if (used.length >= 2) {
    const rest = used.slice(1)
    const diff = rest.map((g) => observed[g] - expected[g])
    const x = solve(
      rest.map((r) => rest.map((c) => variance[r][c])),
      diff,
    )
    chisq = x === null ? null : x.reduce((s, v, i) => s + v * diff[i], 0)
  }
  return {
    groups: levels,
    n,
    observed,
    expected,
    variance,
    chisq,
    df,
    p: chisq === null || df === 0 ? null : chiSquareCdf(chisq, df, true),
  }
}
