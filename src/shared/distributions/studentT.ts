/**
 * Student's t distribution: CDF (both tails) and quantile. Against R's `pt` and `qt` the relative
 * error is below 2e-13 for df ≤ 100, 4e-12 for df ≤ 1,000 and 4e-11 for df ≤ 10,000 (the
 * log-gamma prefix of the incomplete beta loses digits as df grows), far inside the 1e-6 of the
 * metafor comparison.
 */

import { regularizedBeta } from './beta'
import { logGamma } from './gamma'
import { normalQuantile } from './normal'

/**
 * Student t CDF with `df` degrees of freedom, R's `pt(x, df)`, or the upper tail with
 * `upper = true` (`pt(x, df, lower.tail = FALSE)`), through the incomplete beta:
 * P(|T| > |x|) = I_{df/(df+x²)}(df/2, 1/2) (Abramowitz & Stegun §26.7 and §26.5), written
 * with the complementary argument x²/(df + x²) when |x| is small so that neither loses
 * precision. df > 0 (need not be an integer); NaN for df ≤ 0 or x NaN.
 */
export function tCdf(x: number, df: number, upper = false): number {
  if (Number.isNaN(x) || !(df > 0)) return Number.NaN
  if (x === Infinity) return upper ? 0 : 1
  if (x === -Infinity) return upper ? 1 : 0
  const x2 = x * x
  const twoTail =
    x2 < df
      ? regularizedBeta(x2 / (df + x2), 0.5, df / 2).upper
      : regularizedBeta(df / (df + x2), df / 2, 0.5).lower
  const tail = 0.5 * twoTail
  const belowX = x < 0 ? tail : 1 - tail
  const aboveX = x > 0 ? tail : 1 - tail
  return upper ? aboveX : belowX
}

/** Student t density with `df` degrees of freedom. */
function tDensity(x: number, df: number): number {
  const logc = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI)
  return Math.exp(logc - ((df + 1) / 2) * Math.log1p((x * x) / df))
}

/**
 * Student t quantile, R's `qt(p, df)`. Exact for df = 1 (Cauchy) and df = 2; otherwise Newton
 * steps on `tCdf` from the Cornish–Fisher expansion about the normal quantile (Abramowitz &
 * Stegun 26.7.5), safeguarded by bisection inside a bracket. df > 0, p in [0, 1] (±Infinity at
 * the ends); NaN otherwise.
 */
export function tQuantile(p: number, df: number): number {
  if (!(p >= 0 && p <= 1) || !(df > 0)) return Number.NaN
  if (p === 0) return -Infinity
  if (p === 1) return Infinity
  if (p === 0.5) return 0
  if (p > 0.5) return -tQuantile(1 - p, df)
  if (df === 1) return -1 / Math.tan(Math.PI * p)
  if (df === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p))
  const z = normalQuantile(p)
  const z2 = z * z
  const g1 = (z * (z2 + 1)) / 4
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384
  let x = z + g1 / df + g2 / (df * df) + g3 / (df * df * df)
  if (!(x < 0)) x = z
  // The root is below 0 (p < 0.5); keep a bracket [lo, hi] ⊂ (−∞, 0] and fall back to bisection.
  let lo = Math.min(x * 2, -1)
  while (tCdf(lo, df) > p) lo *= 2
  let hi = 0
  for (let i = 0; i < 200; i++) {
    const f = tCdf(x, df) - p
    if (f > 0) hi = Math.min(hi, x)
    else lo = Math.max(lo, x)
    const dens = tDensity(x, df)
    let next = dens > 0 ? x - f / dens : Number.NaN
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi)
    if (Math.abs(next - x) <= 1e-14 * Math.abs(x)) return next
    x = next
  }
  return x
}
