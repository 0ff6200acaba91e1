import type { ConfOptions } from './confidenceInterval'
import { confint } from './confidenceInterval'
import type { KmFit } from './kaplanMeier'

/** `quantile.survfit`'s default tolerance, `sqrt(.Machine$double.eps)`. */
const TOLERANCE = Math.sqrt(Number.EPSILON)

export interface SurvivalQuantile {
  /** The probability asked for: the proportion who have had the event (0.5 = median). */
  p: number
  /** Time by which a proportion p has had the event; `null` if the curve never gets there. */
  quantile: number | null
  /** The same read off the lower edge of the confidence band; `null` if not reached. */
  lower: number | null
  /** The same read off the upper edge of the confidence band; `null` if not reached. */
  upper: number | null
}

/** Smallest position k with values[k] ≥ x in an ascending array, or −1 outside its range. */
function firstAtOrAbove(values: Float64Array, x: number): number {
  const n = values.length
  if (n === 0 || x < values[0] || x > values[n - 1]) return -1
  let lo = 0
  let hi = n - 1
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (values[mid] < x) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * `survival:::findq` for one probability: the time at which a nondecreasing step function y(x)
 * (y = 1 − S, `null` where R has NA) first reaches p. Where y sits on p within the tolerance over
 * a flat stretch, the answer is the midpoint of that stretch; if the stretch is the end of the
 * curve, the midpoint between its start and the last time.
 */
function findq(x: readonly number[], y: readonly (number | null)[], p: number): number | null {
  let maxY = -Infinity
  for (const v of y) if (v !== null && v > maxY) maxY = v
  if (maxY < p) return null
  const xmax = x[x.length - 1]
  // R drops repeated y values (keeping the first), then interpolates on what is left.
  const seen = new Set<number | null>()
  const xs: number[] = []
  const ys: (number | null)[] = []
  for (let i = 0; i < y.length; i++) {
    if (seen.has(y[i])) continue
    seen.add(y[i])
    xs.push(x[i])
    ys.push(y[i])
  }
  const keys: number[] = []
  for (let i = 0; i < ys.length; i++) if (ys[i] !== null) keys.push(i)
  // `approx` orders its abscissae: a band edge need not be monotone (plain S(1 + z√G) can rise).
  keys.sort((a, b) => (ys[a] as number) - (ys[b] as number) || a - b)
  const lookup = (shift: number): number | null => {
    const shifted = Float64Array.from(keys, (k) => (ys[k] as number) + shift)
    const k = firstAtOrAbove(shifted, p)
    return k < 0 ? null : keys[k]
  }
  const i1 = lookup(TOLERANCE)
  const i2 = lookup(-TOLERANCE)
  let quant = i1 === null || i2 === null ? null : (xs[i1] + xs[i2]) / 2
  if (p === 0) quant = xs[0]
  const last = ys[ys.length - 1]
  if (last !== null && Math.abs(p - last) < TOLERANCE) {
    quant = i1 === null ? null : (xs[i1] + xmax) / 2
  }
  return quant
}

/**
 * Quantile of the survival distribution with its confidence interval, as
 * `quantile(survfit(...), probs = p)` (`quantile.survfit`) computes it: the first time S(t) ≤ 1 − p;
 * on a flat stretch where S equals 1 − p (within 1.5e-8) the midpoint of the stretch; the limits
 * are the same reading taken on the pointwise confidence band (Brookmeyer–Crowley style), lower
 * from the lower band and upper from the upper band, so they depend on `conf.type`.
 *
 * p is the proportion who have had the event (R's convention: p = 0.25 is the time by which 25%
 * have had the event, S = 0.75). `null` when the curve or band edge never reaches 1 − p (R: NA).
 * Probabilities are taken one at a time (R decides "never reached" against the smallest of the
 * probabilities asked for together, which differs only within 1.5e-8 of the curve's minimum).
 * Throws unless 0 ≤ p ≤ 1.
 */
export function quantile(fit: KmFit, p: number, options: ConfOptions = {}): SurvivalQuantile {
  if (!(p >= 0 && p <= 1)) throw new Error(`quantile: p must be in [0, 1], got ${p}`)
  const band = confint(fit, options)
  const x = [0, ...fit.time]
  const complement = (values: readonly (number | null)[]): (number | null)[] => [
    0,
    ...values.map((v) => (v === null ? null : 1 - v)),
  ]
  return {
    p,
    quantile: findq(x, complement(fit.surv), p),
    lower: findq(x, complement(band.lower), p),
    upper: findq(x, complement(band.upper), p),
  }
}

/** Median survival time with its confidence interval: `quantile(fit, 0.5, options)`. */
export function median(fit: KmFit, options: ConfOptions = {}): SurvivalQuantile {
  return quantile(fit, 0.5, options)
}
