/**
 * The regularized incomplete beta function, the building block of Student's t distribution.
 */

import { logGamma } from './gamma'

const TINY = 1e-300
const MAX_ITERATIONS = 10000

/**
 * Continued fraction for the incomplete beta by the modified Lentz method (Numerical Recipes,
 * 3rd ed., §6.4, eq. 6.4.5); converges fast for x < (a + 1)/(a + b + 2).
 */
function betaFraction(a: number, b: number, x: number): number {
  const qab = a + b
  const qap = a + 1
  const qam = a - 1
  let c = 1
  let d = 1 - (qab * x) / qap
  if (Math.abs(d) < TINY) d = TINY
  d = 1 / d
  let h = d
  for (let m = 1; m < MAX_ITERATIONS; m++) {
    const m2 = 2 * m
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2))
    d = 1 + aa * d
    if (Math.abs(d) < TINY) d = TINY
    c = 1 + aa / c
    if (Math.abs(c) < TINY) c = TINY
    d = 1 / d
    h *= d * c
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2))
    d = 1 + aa * d
    if (Math.abs(d) < TINY) d = TINY
    c = 1 + aa / c
    if (Math.abs(c) < TINY) c = TINY
    d = 1 / d
    const del = d * c
    h *= del
    if (Math.abs(del - 1) < Number.EPSILON) break
  }
  return h
}

/**
 * Regularized incomplete beta I_x(a, b) (`lower`, R's `pbeta(x, a, b)`) and its complement
 * 1 − I_x(a, b) (`upper`), for a, b > 0 and 0 ≤ x ≤ 1: the continued fraction on whichever of
 * I_x(a, b) and I_{1−x}(b, a) converges fast (Numerical Recipes, 3rd ed., §6.4), times the
 * prefix x^a(1 − x)^b/(a·B(a, b)) carried as a logarithm, so that each is small with full
 * relative precision.
 */
export function regularizedBeta(x: number, a: number, b: number): { lower: number; upper: number } {
  if (x <= 0) return { lower: 0, upper: 1 }
  if (x >= 1) return { lower: 1, upper: 0 }
  const logPrefix =
    logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x)
  if (x < (a + 1) / (a + b + 2)) {
    const lower = (Math.exp(logPrefix) * betaFraction(a, b, x)) / a
    return { lower, upper: 1 - lower }
  }
  const upper = (Math.exp(logPrefix) * betaFraction(b, a, 1 - x)) / b
  return { lower: 1 - upper, upper }
}
