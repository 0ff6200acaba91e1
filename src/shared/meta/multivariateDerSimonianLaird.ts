import { truncateToPsd } from './symmetricEigen'
import { invertSpd } from './weightedLeastSquares'

export interface MultivariateMeta {
  /** Number of outcomes q. */
  q: number
  /** Studies observing each outcome. */
  k: number[]
  /** Between-study covariance after symmetrising and truncation to positive semidefinite. */
  Sigma: number[][]
  /** The moment estimate before truncation (symmetrised). */
  Sigma_raw: number[][]
  /** Pooled means and their covariance (Σ_i W_i*)⁻¹. */
  mu: number[]
  cov: number[][]
  /** Negative eigenvalues set to 0. */
  truncated: number
}

function toRows(m: Float64Array, q: number): number[][] {
  return Array.from({ length: q }, (_, i) => Array.from(m.subarray(i * q, (i + 1) * q)))
}

/**
 * Multivariate random-effects meta-analysis with the matrix method of moments of Jackson, White &
 * Thompson (2010, Stat Med 29:1282, "multivariate DerSimonian–Laird"), extended to missing
 * outcomes as Jackson, White & Riley (2013, Biom J 55:231) do, with R_i the indicator of the
 * outcomes study i reports: Q = Σ_i W_i (y_i − ȳ)(y_i − ȳ)' R_i, E[Q] = C + L(Σ), solved for Σ.
 * Within-study covariances here are diagonal (conditional survivals in disjoint intervals are
 * asymptotically independent), and then L acts element-wise, so each Σ_ab is
 *   (Q_ab − δ_ab (k_a − 1)) / c_ab,
 *   c_ab = s_ab − m_ab/α_b − u_ab/α_a + s_ab m_ab/(α_a α_b),
 * with w_ia = 1/v_ia (0 when missing), α_a = Σ_i w_ia, m_ab = Σ_i w_ia w_ib, s_ab = Σ_i w_ia r_ib,
 * u_ab = Σ_i w_ia² r_ib; with complete data this is JWT's B⁻¹(Q − (k − 1)I). Pairs never observed
 * together (c_ab = 0) get Σ_ab = 0. Σ is symmetrised and its negative eigenvalues set to 0, as
 * JWT do; μ̂ is then the GLS mean with W_i* = (S_i + Σ)⁻¹ on each study's observed block.
 *
 * y, v: k rows × q columns, null (or NaN) where a study does not report an outcome; v > 0. Every
 * outcome must be observed by at least one study (the caller trims the grid). Cost O(k q²) for
 * Σ plus one q_i × q_i inversion per study.
 */
export function multivariateDerSimonianLaird(
  y: readonly (readonly (number | null)[])[],
  v: readonly (readonly (number | null)[])[],
): MultivariateMeta {
  const k = y.length
  const q = k > 0 ? y[0].length : 0
  const w = new Float64Array(k * q)
  const yy = new Float64Array(k * q)
  const observed = (i: number, a: number): boolean => w[i * q + a] > 0
  for (let i = 0; i < k; i++)
    for (let a = 0; a < q; a++) {
      const yia = y[i][a]
      const via = v[i][a]
      if (yia !== null && via !== null && Number.isFinite(yia) && via > 0) {
        w[i * q + a] = 1 / via
        yy[i * q + a] = yia
      }
    }
  const alpha = new Float64Array(q)
  const ybar = new Float64Array(q)
  const kA: number[] = new Array(q).fill(0)
  for (let i = 0; i < k; i++)
    for (let a = 0; a < q; a++) {
      const wia = w[i * q + a]
      if (wia > 0) kA[a]++
      alpha[a] += wia
      ybar[a] += wia * yy[i * q + a]
    }
  for (let a = 0; a < q; a++) ybar[a] /= alpha[a]

  const e = new Float64Array(k * q)
  for (let i = 0; i < k; i++)
    for (let a = 0; a < q; a++) if (observed(i, a)) e[i * q + a] = yy[i * q + a] - ybar[a]

  // Per-study observed outcomes, so that the O(k q²) moment sums touch observed pairs only.
  const observedIdx: number[][] = []
  for (let i = 0; i < k; i++) {
    const idx: number[] = []
    for (let a = 0; a < q; a++) if (observed(i, a)) idx.push(a)
    observedIdx.push(idx)
  }
  const qm = new Float64Array(q * q)
  const mm = new Float64Array(q * q)
  const sm = new Float64Array(q * q)
  const um = new Float64Array(q * q)
  for (let i = 0; i < k; i++) {
    const idx = observedIdx[i]
    const off = i * q
    for (const a of idx) {
      const wia = w[off + a]
      const wea = wia * e[off + a]
      const row = a * q
      for (const b of idx) {
        qm[row + b] += wea * e[off + b]
        mm[row + b] += wia * w[off + b]
        sm[row + b] += wia
        um[row + b] += wia * wia
      }
    }
  }
  const raw = new Float64Array(q * q)
  for (let a = 0; a < q; a++)
    for (let b = 0; b < q; b++) {
      const ab = a * q + b
      const s = sm[ab]
      const m = mm[ab]
      const c = s - m / alpha[b] - um[ab] / alpha[a] + (s * m) / (alpha[a] * alpha[b])
      const num = qm[ab] - (a === b ? kA[a] - 1 : 0)
      raw[ab] = c > 1e-12 * alpha[a] ? num / c : 0
    }
  const sym = new Float64Array(q * q)
  for (let a = 0; a < q; a++)
    for (let b = 0; b < q; b++) sym[a * q + b] = 0.5 * (raw[a * q + b] + raw[b * q + a])
  const { matrix: sigma, truncated } = truncateToPsd(sym, q)

  const wSum = new Float64Array(q * q)
  const wy = new Float64Array(q)
  for (let i = 0; i < k; i++) {
    const idx = observedIdx[i]
    const n = idx.length
    if (n === 0) continue
    const m = new Float64Array(n * n)
    for (let r = 0; r < n; r++)
      for (let c = 0; c < n; c++) m[r * n + c] = sigma[idx[r] * q + idx[c]]
    for (let r = 0; r < n; r++) m[r * n + r] += 1 / w[i * q + idx[r]]
    const { inv } = invertSpd(m, n)
    for (let r = 0; r < n; r++) {
      let acc = 0
      for (let c = 0; c < n; c++) {
        const x = inv[r * n + c]
        wSum[idx[r] * q + idx[c]] += x
        acc += x * yy[i * q + idx[c]]
      }
      wy[idx[r]] += acc
    }
  }
  const { inv: cov } = invertSpd(wSum, q)
  const mu = new Array<number>(q).fill(0)
  for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) mu[a] += cov[a * q + b] * wy[b]
  return {
    q,
    k: kA,
    Sigma: toRows(sigma, q),
    Sigma_raw: toRows(sym, q),
    mu,
    cov: toRows(cov, q),
    truncated,
  }
}
