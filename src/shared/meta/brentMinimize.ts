/**
 * Brent's minimizer exactly as R's `optimize()` runs it (Brent_fmin in R's
 * src/library/stats/src/optimize.c, after Brent 1973, "Algorithms for Minimization without
 * Derivatives", ch. 5, procedure localmin): golden-section steps and parabolic interpolation on
 * [lower, upper]. Ported step for step rather than replaced by a tighter search because
 * estmeansd finds the Box–Cox power with optimize()'s loose tolerance (default
 * .Machine$double.eps^0.25; 0.001 for the MLN method): only the same iterates give the same λ.
 * As R's wrapper does, a non-finite f(x) counts as the largest double. Returns the abscissa,
 * R's `$minimum`.
 */

const DBL_EPSILON = 2.220446049250313e-16
const DBL_MAX = Number.MAX_VALUE

/** R's default `tol` for optimize: .Machine$double.eps^0.25. */
export const OPTIMIZE_TOL = Math.pow(DBL_EPSILON, 0.25)

export function brentMinimize(
  f: (x: number) => number,
  lower: number,
  upper: number,
  tol: number = OPTIMIZE_TOL,
): number {
  const g = (x: number) => {
    const v = f(x)
    return Number.isFinite(v) ? v : DBL_MAX
  }
  // c: the squared inverse of the golden ratio.
  const c = (3 - Math.sqrt(5)) * 0.5
  const eps = Math.sqrt(DBL_EPSILON)
  let a = lower
  let b = upper
  let v = a + c * (b - a)
  let w = v
  let x = v
  let d = 0
  let e = 0
  let fx = g(x)
  let fv = fx
  let fw = fx
  const tol3 = tol / 3
  for (;;) {
    const xm = (a + b) * 0.5
    const tol1 = eps * Math.abs(x) + tol3
    const t2 = tol1 * 2
    if (Math.abs(x - xm) <= t2 - (b - a) * 0.5) break
    let p = 0
    let q = 0
    let r = 0
    if (Math.abs(e) > tol1) {
      // Fit a parabola through x, w, v.
      r = (x - w) * (fx - fv)
      q = (x - v) * (fx - fw)
      p = (x - v) * q - (x - w) * r
      q = (q - r) * 2
      if (q > 0) p = -p
      else q = -q
      r = e
      e = d
    }
    let u: number
    if (Math.abs(p) >= Math.abs(q * 0.5 * r) || p <= q * (a - x) || p >= q * (b - x)) {
      // Golden-section step.
      e = x < xm ? b - x : a - x
      d = c * e
    } else {
      // Parabolic step, kept away from the ends of the interval.
      d = p / q
      u = x + d
      if (u - a < t2 || b - u < t2) {
        d = tol1
        if (x >= xm) d = -d
      }
    }
    // f is never evaluated closer than tol1 to x.
    if (Math.abs(d) >= tol1) u = x + d
    else if (d > 0) u = x + tol1
    else u = x - tol1
    const fu = g(u)
    if (fu <= fx) {
      if (u < x) b = x
      else a = x
      v = w
      w = x
      x = u
      fv = fw
      fw = fx
      fx = fu
    } else {
      if (u < x) a = u
      else b = u
      if (fu <= fw || w === x) {
        v = w
        fv = fw
        w = u
        fw = fu
      } else if (fu <= fv || v === x || v === w) {
        v = u
        fv = fu
      }
    }
  }
  return x
}
