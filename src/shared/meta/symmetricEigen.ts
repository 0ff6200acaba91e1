/**
 * Eigen-decomposition of a real symmetric matrix by the cyclic Jacobi method (Golub & Van Loan,
 * Matrix Computations, 4th ed., §8.5), accurate to machine precision, and the projection onto
 * the positive semidefinite cone that multivariate method-of-moments estimators use.
 * Matrices are row-major Float64Arrays of size n × n.
 */

export interface SymmetricEigen {
  values: Float64Array
  /** Column j is the eigenvector of values[j] (row-major n × n). */
  vectors: Float64Array
}

export function symmetricEigen(matrix: Float64Array, n: number): SymmetricEigen {
  const a = Float64Array.from(matrix)
  const v = new Float64Array(n * n)
  for (let i = 0; i < n; i++) v[i * n + i] = 1
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0
    let total = 0
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const x = a[i * n + j] * a[i * n + j]
        total += x
        if (i !== j) off += x
      }
    if (off <= 1e-30 * total || off === 0) break
    for (let p = 0; p < n - 1; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]
        if (apq === 0) continue
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq)
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1))
        const c = 1 / Math.sqrt(t * t + 1)
        const s = t * c
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]
          const akq = a[k * n + q]
          a[k * n + p] = c * akp - s * akq
          a[k * n + q] = s * akp + c * akq
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]
          const aqk = a[q * n + k]
          a[p * n + k] = c * apk - s * aqk
          a[q * n + k] = s * apk + c * aqk
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]
          const vkq = v[k * n + q]
          v[k * n + p] = c * vkp - s * vkq
          v[k * n + q] = s * vkp + c * vkq
        }
      }
  }
  const values = new Float64Array(n)
  for (let i = 0; i < n; i++) values[i] = a[i * n + i]
  return { values, vectors: v }
}

/**
 * Nearest positive semidefinite matrix in the sense Jackson, White & Thompson (2010) use for the
 * multivariate DerSimonian–Laird estimate: negative eigenvalues set to 0. Also reports how many
 * were truncated.
 */
export function truncateToPsd(
  matrix: Float64Array,
  n: number,
): { matrix: Float64Array; truncated: number } {
  const { values, vectors } = symmetricEigen(matrix, n)
  const out = new Float64Array(n * n)
  let truncated = 0
  for (let e = 0; e < n; e++) {
    const lambda = values[e]
    if (!(lambda > 0)) {
      if (lambda < 0) truncated++
      continue
    }
    for (let i = 0; i < n; i++) {
      const vi = vectors[i * n + e] * lambda
      for (let j = 0; j < n; j++) out[i * n + j] += vi * vectors[j * n + e]
    }
  }
  return { matrix: out, truncated }
}
