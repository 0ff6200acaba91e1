/**
 * Brent's root finder exactly as R's `uniroot()` runs it (R_zeroin2 in R's
 * src/library/stats/src/zeroin.c, itself after Brent 1973, "Algorithms for Minimization without
 * Derivatives", ch. 4). It is ported step for step rather than replaced by a tighter solver
 * because metafor searches τ² (`method = "PM"`, `confint.rma.uni`) with uniroot's loose default
 * tolerance (.Machine$double.eps^0.25 ≈ 1.2e-4): only the same iterates give the same numbers.
 */

const DBL_EPSILON = 2.220446049250313e-16

/** R's default `tol` for uniroot: .Machine$double.eps^0.25. */
export const UNIROOT_TOL = Math.pow(DBL_EPSILON, 0.25)

export interface ZeroinResult {
  root: number
  /** Function evaluations after the two end points, as uniroot's `iter`. */
  iterations: number
  converged: boolean
}

/**
 * Finds a root of f in [lower, upper] given f(lower) and f(upper) of opposite signs (the caller
 * checks this, as metafor does before calling uniroot). Returns the last iterate with
 * `converged = false` when `maxiter` is exhausted, as uniroot does (it only warns).
 */
export function zeroin(
  f: (x: number) => number,
  lower: number,
  upper: number,
  fLower: number,
  fUpper: number,
  tol: number = UNIROOT_TOL,
  maxiter = 1000,
): ZeroinResult {
  let a = lower
  let b = upper
  let fa = fLower
  let fb = fUpper
  let c = a
  let fc = fa
  if (fa === 0) return { root: a, iterations: 0, converged: true }
  if (fb === 0) return { root: b, iterations: 0, converged: true }
  let remaining = maxiter + 1
  while (remaining--) {
    const prevStep = b - a
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b
      b = c
      c = a
      fa = fb
      fb = fc
      fc = fa
    }
    const tolAct = 2 * DBL_EPSILON * Math.abs(b) + tol / 2
    let newStep = (c - b) / 2
    if (Math.abs(newStep) <= tolAct || fb === 0) {
      return { root: b, iterations: maxiter + 1 - remaining - 1, converged: true }
    }
    if (Math.abs(prevStep) >= tolAct && Math.abs(fa) > Math.abs(fb)) {
      let p: number
      let q: number
      const cb = c - b
      if (a === c) {
        const t1 = fb / fa
        p = cb * t1
        q = 1 - t1
      } else {
        const qq = fa / fc
        const t1 = fb / fc
        const t2 = fb / fa
        p = t2 * (cb * qq * (qq - t1) - (b - a) * (t1 - 1))
        q = (qq - 1) * (t1 - 1) * (t2 - 1)
      }
      if (p > 0) q = -q
      else p = -p
      if (p < 0.75 * cb * q - Math.abs(tolAct * q) / 2 && p < Math.abs((prevStep * q) / 2)) {
        newStep = p / q
      }
    }
    if (Math.abs(newStep) < tolAct) newStep = newStep > 0 ? tolAct : -tolAct
    a = b
    fa = fb
    b += newStep
    fb = f(b)
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a
      fc = fa
    }
  }
  return { root: b, iterations: maxiter, converged: false }
}
