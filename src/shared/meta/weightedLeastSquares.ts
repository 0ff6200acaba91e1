/**
 * Weighted least squares for the small design matrices of meta-analysis (intercept, or intercept
 * plus one moderator for Egger's test), and the traces of metafor's projection matrix
 * P = W − W X (X'WX)⁻¹ X'W computed in O(k·p²) without ever forming the k × k matrix.
 *
 * With A = (X'WX)⁻¹, h_i = x_i'A x_i and residuals r = y − Xβ:
 *   y'Py = Σ w r², y'PPy = Σ w² r², tr P = Σ w − tr(A X'W²X),
 *   Σ_ij a_i b_j P_ij² = Σ a_i b_i w_i² − 2 Σ a_i b_i w_i³ h_i + tr(A B_a A B_b),
 *   B_a = Σ a_i w_i² x_i x_i'.
 * These are the quantities metafor::rma.uni builds from P (`.tr(P)`, `sum(P * P)`,
 * `sum(PV * t(PV))`, `sum(PV * P)`).
 */

/** Design matrix as p columns of length k. */
export type Design = readonly Float64Array[]

export interface WlsFit {
  beta: Float64Array
  /** (X'WX)⁻¹, row-major p × p. */
  inv: Float64Array
  /** log det(X'WX). */
  logDet: number
  /** Σ w r², which is y'Py. */
  rss: number
  residuals: Float64Array
  sumW: number
  /** False when X'WX is not positive definite. */
  ok: boolean
}

/** Working arrays of `invertSpd`, each of at least p × p entries, reused across calls. */
export interface SpdScratch {
  l: Float64Array
  li: Float64Array
  inv: Float64Array
}

/** Scratch for `invertSpd` on matrices of up to q × q. */
export function spdScratch(q: number): SpdScratch {
  return { l: new Float64Array(q * q), li: new Float64Array(q * q), inv: new Float64Array(q * q) }
}

/**
 * Cholesky inverse and log-determinant of a symmetric positive definite p × p matrix (row-major).
 * Reads only the lower triangle (with the diagonal), so callers need not fill the upper one.
 * Returns ok = false if a pivot is not positive. With `scratch`, the factor and the inverse are
 * written into its arrays (row stride p) and `inv` is `scratch.inv`, valid until the next call
 * with the same scratch: the multivariate model inverts one block per study, and allocating
 * three arrays for each made garbage collection most of a large review's time.
 */
export function invertSpd(
  m: Float64Array,
  p: number,
  scratch?: SpdScratch,
): { inv: Float64Array; logDet: number; ok: boolean } {
  const l = scratch?.l ?? new Float64Array(p * p)
  let logDet = 0
  for (let j = 0; j < p; j++) {
    let s = m[j * p + j]
    for (let t = 0; t < j; t++) s -= l[j * p + t] * l[j * p + t]
    if (!(s > 0)) return { inv: new Float64Array(p * p), logDet: Number.NaN, ok: false }
    const d = Math.sqrt(s)
    l[j * p + j] = d
    logDet += 2 * Math.log(d)
    for (let i = j + 1; i < p; i++) {
      let v = m[i * p + j]
      for (let t = 0; t < j; t++) v -= l[i * p + t] * l[j * p + t]
      l[i * p + j] = v / d
    }
  }
  // inv = L⁻ᵀ L⁻¹ from the triangular inverse, lower half then mirrored: p³/2 flops in all, which
  // matters for the per-study blocks of the multivariate model.
  const li = scratch?.li ?? new Float64Array(p * p)
  for (let c = 0; c < p; c++) {
    li[c * p + c] = 1 / l[c * p + c]
    for (let i = c + 1; i < p; i++) {
      let v = 0
      for (let t = c; t < i; t++) v -= l[i * p + t] * li[t * p + c]
      li[i * p + c] = v / l[i * p + i]
    }
  }
  const inv = scratch?.inv ?? new Float64Array(p * p)
  for (let i = 0; i < p; i++)
    for (let j = 0; j <= i; j++) {
      let v = 0
      for (let t = i; t < p; t++) v += li[t * p + i] * li[t * p + j]
      inv[i * p + j] = v
      inv[j * p + i] = v
    }
  return { inv, logDet, ok: true }
}

/** Weighted least squares of y on X with weights w. */
export function wls(y: ArrayLike<number>, X: Design, w: ArrayLike<number>): WlsFit {
  const p = X.length
  const k = y.length
  if (p === 1) return wlsSingle(y, X[0], w)
  const xtwx = new Float64Array(p * p)
  const xtwy = new Float64Array(p)
  let sumW = 0
  for (let i = 0; i < k; i++) {
    const wi = w[i]
    sumW += wi
    for (let a = 0; a < p; a++) {
      const xa = X[a][i] * wi
      xtwy[a] += xa * y[i]
      for (let b = 0; b <= a; b++) xtwx[a * p + b] += xa * X[b][i]
    }
  }
  const { inv, logDet, ok } = invertSpd(xtwx, p)
  const beta = new Float64Array(p)
  for (let a = 0; a < p; a++) {
    let s = 0
    for (let b = 0; b < p; b++) s += inv[a * p + b] * xtwy[b]
    beta[a] = s
  }
  const residuals = new Float64Array(k)
  let rss = 0
  for (let i = 0; i < k; i++) {
    let fit = 0
    for (let a = 0; a < p; a++) fit += X[a][i] * beta[a]
    const r = y[i] - fit
    residuals[i] = r
    rss += w[i] * r * r
  }
  return { beta, inv, logDet, rss, residuals, sumW, ok }
}

/** The one-column case of `wls` (the intercept-only model), without matrix bookkeeping. */
function wlsSingle(y: ArrayLike<number>, x: Float64Array, w: ArrayLike<number>): WlsFit {
  const k = y.length
  let sumW = 0
  let xtwx = 0
  let xtwy = 0
  for (let i = 0; i < k; i++) {
    const wi = w[i]
    const xw = x[i] * wi
    sumW += wi
    xtwx += xw * x[i]
    xtwy += xw * y[i]
  }
  const ok = xtwx > 0
  const b = xtwy / xtwx
  const residuals = new Float64Array(k)
  let rss = 0
  for (let i = 0; i < k; i++) {
    const r = y[i] - x[i] * b
    residuals[i] = r
    rss += w[i] * r * r
  }
  return {
    beta: Float64Array.of(b),
    inv: Float64Array.of(1 / xtwx),
    logDet: Math.log(xtwx),
    rss,
    residuals,
    sumW,
    ok,
  }
}

/** Σ_i c_i w_i^power x_i x_i' as a row-major p × p matrix (c = 1 when null). */
function weightedCross(
  X: Design,
  w: ArrayLike<number>,
  power: number,
  c: ArrayLike<number> | null,
): Float64Array {
  const p = X.length
  const k = w.length
  const out = new Float64Array(p * p)
  for (let i = 0; i < k; i++) {
    const wi = Math.pow(w[i], power) * (c === null ? 1 : c[i])
    for (let a = 0; a < p; a++) {
      const xa = X[a][i] * wi
      for (let b = 0; b < p; b++) out[a * p + b] += xa * X[b][i]
    }
  }
  return out
}

/** tr(M N) for row-major p × p matrices. */
function traceProduct(m: Float64Array, n: Float64Array, p: number): number {
  let s = 0
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) s += m[a * p + b] * n[b * p + a]
  return s
}

function matMul(m: Float64Array, n: Float64Array, p: number): Float64Array {
  const out = new Float64Array(p * p)
  for (let a = 0; a < p; a++)
    for (let b = 0; b < p; b++) {
      let s = 0
      for (let t = 0; t < p; t++) s += m[a * p + t] * n[t * p + b]
      out[a * p + b] = s
    }
  return out
}

/** tr P = Σ w − tr(A X'W²X) (metafor `.tr(P)`). */
export function traceP(X: Design, w: ArrayLike<number>, fit: WlsFit): number {
  if (X.length === 1) {
    const x = X[0]
    let s = 0
    for (let i = 0; i < w.length; i++) s += w[i] * w[i] * x[i] * x[i]
    return fit.sumW - fit.inv[0] * s
  }
  return fit.sumW - traceProduct(fit.inv, weightedCross(X, w, 2, null), X.length)
}

/** Leverage-like h_i = x_i'A x_i for A = (X'WX)⁻¹. */
function quadraticDiag(X: Design, inv: Float64Array, i: number): number {
  const p = X.length
  let s = 0
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) s += X[a][i] * inv[a * p + b] * X[b][i]
  return s
}

/**
 * Σ_ij a_i b_j P_ij² (a, b = 1 when null): `sum(P * P)` with a = b = 1, `sum(PV * P)` with
 * a = 1, b = v, `sum(PV * t(PV))` with a = b = v.
 */
export function sumWeightedPSquared(
  X: Design,
  w: ArrayLike<number>,
  fit: WlsFit,
  a: ArrayLike<number> | null,
  b: ArrayLike<number> | null,
): number {
  const p = X.length
  const k = w.length
  if (p === 1) {
    const x = X[0]
    const inv = fit.inv[0]
    let diag1 = 0
    let ba = 0
    let bb = 0
    for (let i = 0; i < k; i++) {
      const ai = a === null ? 1 : a[i]
      const bi = b === null ? 1 : b[i]
      const wi = w[i]
      const w2x2 = wi * wi * x[i] * x[i]
      diag1 += ai * bi * wi * wi * (1 - 2 * wi * x[i] * x[i] * inv)
      ba += ai * w2x2
      bb += bi * w2x2
    }
    return diag1 + inv * ba * inv * bb
  }
  let diag = 0
  for (let i = 0; i < k; i++) {
    const ab = (a === null ? 1 : a[i]) * (b === null ? 1 : b[i])
    const wi = w[i]
    diag += ab * wi * wi * (1 - 2 * wi * quadraticDiag(X, fit.inv, i))
  }
  const ba = weightedCross(X, w, 2, a)
  const bb = a === b ? ba : weightedCross(X, w, 2, b)
  return diag + traceProduct(matMul(fit.inv, ba, p), matMul(fit.inv, bb, p), p)
}

/** The intercept-only design (a column of ones). */
export function interceptDesign(k: number): Design {
  return [new Float64Array(k).fill(1)]
}
