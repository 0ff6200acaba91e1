/**
 * The standard normal distribution: density, both tails of the CDF, quantile and the two-sided
 * critical value of a confidence level. Values agree with R's `dnorm`, `pnorm` and `qnorm` to
 * within a few units in the last place.
 */

const LOG_SQRT_2PI = 0.9189385332046727
const INV_SQRT_2PI = 0.3989422804014327
const SQRT_32 = Math.sqrt(32)

/** Standard normal density φ(x), R's `dnorm(x)`. */
export function normalDensity(x: number): number {
  return Math.exp(-0.5 * x * x - LOG_SQRT_2PI)
}

// Cody's rational Chebyshev coefficients (Cody 1969, Math. Comp. 23:631–637; ACM Algorithm 715,
// Cody 1993, ACM TOMS 19:22–32) for |x| ≤ 0.67449, 0.67449 < |x| ≤ √32 and |x| > √32, as
// R's pnorm.c lists them, written as the nearest doubles of the published 20-digit values.
const CODY_A = [
  2.2352520354606837, 161.02823106855587, 1067.6894854603709, 18154.98125334356,
  0.06568233791820745,
]
const CODY_B = [47.202581904688245, 976.0985517377767, 10260.932208618979, 45507.78933502673]
const CODY_C = [
  0.39894151208813466, 8.883149794388377, 93.50665613217785, 597.2702763948002, 2494.5375852903726,
  6848.190450536283, 11602.65143764735, 9842.714838383978, 1.0765576773720192e-8,
]
const CODY_D = [
  22.266688044328117, 235.387901782625, 1519.3775994075547, 6485.558298266761, 18615.571640885097,
  34900.95272114598, 38912.00328609327, 19685.429676859992,
]
const CODY_P = [
  0.215898534057957, 0.12740116116024736, 0.022235277870649807, 0.0014216191932278934,
  2.9112874951168793e-5, 0.023073441764940174,
]
const CODY_Q = [
  1.284260096144911, 0.4682382124808651, 0.06598813786892856, 0.0037823963320275824,
  7.297515550839662e-5,
]

/** exp(−x²/2) with x split into a 1/16-grid part and a remainder, so no precision is lost in x². */
function gaussFactor(x: number): number {
  const xsq = Math.trunc(x * 16) / 16
  const del = (x - xsq) * (x + xsq)
  return Math.exp(-xsq * xsq * 0.5) * Math.exp(-del * 0.5)
}

/**
 * P(Z > x) by Cody's algorithm, step for step as R's `pnorm_both`: a rational function of x² for
 * |x| ≤ 0.67449 (returned as 0.5 − …), and for larger |x| the tail beyond |x| as
 * exp(−x²/2)·R(|x|), with R rational in |x| up to √32 and in 1/x² beyond; the other side is its
 * complement. The tail is 0 beyond |x| = 37.5193 (where it would be subnormal), as in R.
 */
function upperTail(x: number): number {
  const y = Math.abs(x)
  if (y <= 0.67448975) {
    let num = 0
    let den = 0
    if (y > Number.EPSILON * 0.5) {
      const xsq = x * x
      num = CODY_A[4] * xsq
      den = xsq
      for (let i = 0; i < 3; i++) {
        num = (num + CODY_A[i]) * xsq
        den = (den + CODY_B[i]) * xsq
      }
    }
    return 0.5 - (x * (num + CODY_A[3])) / (den + CODY_B[3])
  }
  let tail: number
  if (y <= SQRT_32) {
    let num = CODY_C[8] * y
    let den = y
    for (let i = 0; i < 7; i++) {
      num = (num + CODY_C[i]) * y
      den = (den + CODY_D[i]) * y
    }
    tail = gaussFactor(y) * ((num + CODY_C[7]) / (den + CODY_D[7]))
  } else if (y < 37.5193) {
    const xsq = 1 / (x * x)
    let num = CODY_P[5] * xsq
    let den = xsq
    for (let i = 0; i < 4; i++) {
      num = (num + CODY_P[i]) * xsq
      den = (den + CODY_Q[i]) * xsq
    }
    const r = (xsq * (num + CODY_P[4])) / (den + CODY_Q[4])
    tail = gaussFactor(y) * ((INV_SQRT_2PI - r) / y)
  } else {
    tail = 0
  }
  // `tail` is P(Z > |x|); the other side is its complement.
  return x > 0 ? tail : 1 - tail
}

/**
 * Standard normal CDF Φ(x), R's `pnorm(x)`, or the upper tail 1 − Φ(x) with `upper = true`
 * (`pnorm(x, lower.tail = FALSE)`). Cody's algorithm (Cody 1993, ACM TOMS 19:22–32, as R's
 * pnorm.c): both tails keep full relative precision, about 1e-16, down to 2.2e-308; beyond
 * |x| = 37.5193 the small tail is 0, as in R. NaN gives NaN.
 */
export function normalCdf(x: number, upper = false): number {
  if (Number.isNaN(x)) return Number.NaN
  return upper ? upperTail(x) : upperTail(-x)
}

// Wichura's AS 241 (PPND16) coefficients, lowest order first, written as the nearest doubles of
// the published 20-digit values (as R's qnorm.c lists them).
const AS241_A = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987,
  67265.7709270087, 33430.57558358813, 2509.0809287301227,
]
const AS241_B = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271,
  28729.085735721943, 5226.495278852854,
]
const AS241_C = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684,
  0.2417807251774506, 0.022723844989269184, 7.745450142783414e-4,
]
const AS241_D = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008,
  0.015198666563616457, 5.475938084995345e-4, 1.0507500716444169e-9,
]
const AS241_E = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487,
  0.026532189526576124, 0.0012426609473880784, 2.7115555687434876e-5, 2.0103343992922881e-7,
]
const AS241_F = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 7.868691311456133e-4,
  1.8463183175100548e-5, 1.421511758316446e-7, 2.0442631033899397e-15,
]

/** Horner evaluation of Σ c_i r^i (coefficients lowest order first), highest order first. */
function horner(c: readonly number[], r: number): number {
  let acc = c[c.length - 1]
  for (let i = c.length - 2; i >= 0; i--) acc = acc * r + c[i]
  return acc
}

/**
 * Standard normal quantile, R's `qnorm(p)`: Wichura's Algorithm AS 241 (PPND16; Applied
 * Statistics 1988, 37:477–484), the algorithm of R's qnorm.c, relative accuracy about 1e-16 for
 * every double p in (0, 1) (p down to 5e-324). Returns −Infinity at p = 0, Infinity at p = 1 and
 * NaN for p outside [0, 1] or NaN, as R does; callers that need a valid probability check it.
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return Number.NaN
  if (p === 0) return -Infinity
  if (p === 1) return Infinity
  const q = p - 0.5
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q
    return (q * horner(AS241_A, r)) / horner(AS241_B, r)
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p))
  let val: number
  if (r <= 5) {
    r -= 1.6
    val = horner(AS241_C, r) / horner(AS241_D, r)
  } else {
    r -= 5
    val = horner(AS241_E, r) / horner(AS241_F, r)
  }
  return q < 0 ? -val : val
}

/**
 * Two-sided normal critical value of a confidence level, computed as R's `survfit` does:
 * `qnorm(1 - (1 - conf)/2)`. Throws unless 0 < conf < 1.
 */
export function criticalValue(conf: number): number {
  if (!(conf > 0 && conf < 1)) throw new Error(`confidence level must be in (0, 1), got ${conf}`)
  return normalQuantile(1 - (1 - conf) / 2)
}
