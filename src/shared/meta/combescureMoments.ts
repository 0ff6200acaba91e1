import { truncateToPsd } from './symmetricEigen'
import { invertSpd, spdScratch } from './weightedLeastSquares'

export interface CombescureMoments {
  /** Number of intervals q. */
  q: number
  /** Studies observing each interval. */
  k: number[]
  /** Between-study covariance after truncation to positive semidefinite. */
  Sigma: number[][]
  /** The moment estimate before truncation. */
  Sigma_raw: number[][]
  /** Pooled transformed conditional survivals (random effects) and their covariance. */
  mu: number[]
  cov: number[][]
  /** Negative eigenvalues set to 0. */
  truncated: number
}

/**
 * The variance RISCA gives an interval a study does not report (R: `vars[...] <- 10^12`), with
 * the unweighted mean of the reporting studies as its value: such an entry carries a weight of
 * 1e-12, which is how `survival.summary` lets every study enter every moment sum.
 */
const MISSING_VARIANCE = 1e12

function toRows(m: Float64Array, q: number): number[][] {
  return Array.from({ length: q }, (_, i) => Array.from(m.subarray(i * q, (i + 1) * q)))
}

/**
 * Between-interval covariance and pooled means of the transformed conditional survivals as the
 * authors of Combescure, Foucher & Jackson (2014, Stat Med 33:2521) compute them in R:
 * `RISCA::survival.summary` (RISCA 1.0.7, random effects). With y_ia, v_ia the value and
 * within-study variance of study i in interval a (a missing entry is given the unweighted mean
 * of the reporting studies and variance 1e12, as RISCA does):
 * - diagonal, DerSimonian–Laird per interval: m = Σ y/v / Σ 1/v, Q = Σ (y − m)²/v,
 *   Σ_aa = (Q − (Σ r − Σ (r/v)/Σ 1/v)) / (Σ 1/v − Σ 1/v² / Σ 1/v), r_i = 1 if i reports a;
 * - off the diagonal, with c_i = √(v_ia v_ib) and means m_a, m_b weighted by 1/c_i:
 *   Σ_ab = Σ (y_ia − m_a)(y_ib − m_b)/c_i / (Σ 1/c − Σ 1/c² / Σ 1/c)
 *   (no within-study term: disjoint intervals are independent within a study);
 * - negative eigenvalues of Σ set to 0;
 * - μ̂ = (Σ_i W_i)⁻¹ Σ_i W_i y_i with W_i = (V_i + Σ)⁻¹, the covariance of μ̂ being (Σ_i W_i)⁻¹.
 * RISCA inverts V_i + Σ with the 1e12 entries in place; here each study's observed block is
 * inverted instead, which is that computation's limit (they differ by about 1e-12 relative).
 *
 * y, v: k rows × q columns, null where a study does not report an interval; v > 0; every
 * interval reported by at least one study (the caller trims the grid). O(k q²) plus one
 * inversion per study.
 */
export function combescureMoments(
  y: readonly (readonly (number | null)[])[],
  v: readonly (readonly (number | null)[])[],
): CombescureMoments {
  const k = y.length
  const q = k > 0 ? y[0].length : 0
  const yy = new Float64Array(k * q)
  const vv = new Float64Array(k * q)
  const obs = new Uint8Array(k * q)
  const kA: number[] = new Array(q).fill(0)
  for (let a = 0; a < q; a++) {
    let sum = 0
    for (let i = 0; i < k; i++) {
      const yia = y[i][a]
      const via = v[i][a]
      if (yia !== null && via !== null && Number.isFinite(yia) && via > 0) {
        obs[i * q + a] = 1
        yy[i * q + a] = yia
        vv[i * q + a] = via
        sum += yia
        kA[a]++
      }
    }
    const fill = sum / kA[a]
    for (let i = 0; i < k; i++) {
      if (obs[i * q + a]) continue
      yy[i * q + a] = fill
      vv[i * q + a] = MISSING_VARIANCE
    }
  }

  const raw = new Float64Array(q * q)
  const yT = new Float64Array(q * k)
  const isdT = new Float64Array(q * k)
  for (let i = 0; i < k; i++) {
    for (let a = 0; a < q; a++) {
      yT[a * k + i] = yy[i * q + a]
      isdT[a * k + i] = 1 / Math.sqrt(vv[i * q + a])
    }
  }
  for (let a = 0; a < q; a++) {
    let s1 = 0
    let s2 = 0
    let sy = 0
    let sr = 0
    let srw = 0
    for (let i = 0; i < k; i++) {
      const w = 1 / vv[i * q + a]
      s1 += w
      s2 += w * w
      sy += w * yy[i * q + a]
      if (obs[i * q + a]) {
        sr += 1
        srw += w
      }
    }
    const m = sy / s1
    let Q = 0
    for (let i = 0; i < k; i++) Q += (yy[i * q + a] - m) ** 2 / vv[i * q + a]
    raw[a * q + a] = (Q - (sr - srw / s1)) / (s1 - s2 / s1)
    for (let b = a + 1; b < q; b++) {
      // Weights 1/√(v_ia v_ib) as products of 1/√v (no square root in the k·q² loop), on the
      // interval-major copies so that the loop over studies reads memory in order.
      const ya0 = a * k
      const yb0 = b * k
      let c1 = 0
      let c2 = 0
      let ya = 0
      let yb = 0
      for (let i = 0; i < k; i++) {
        const w = isdT[ya0 + i] * isdT[yb0 + i]
        c1 += w
        c2 += w * w
        ya += w * yT[ya0 + i]
        yb += w * yT[yb0 + i]
      }
      const ma = ya / c1
      const mb = yb / c1
      let Qab = 0
      for (let i = 0; i < k; i++) {
        Qab += (yT[ya0 + i] - ma) * (yT[yb0 + i] - mb) * isdT[ya0 + i] * isdT[yb0 + i]
      }
      const est = Qab / (c1 - c2 / c1)
      raw[a * q + b] = est
      raw[b * q + a] = est
    }
  }
  const { matrix: sigma, truncated } = truncateToPsd(raw, q)

  const wSum = new Float64Array(q * q)
  const wy = new Float64Array(q)
  // One block, its index and invertSpd's working arrays for all studies (see invertSpd).
  const m = new Float64Array(q * q)
  const idx = new Int32Array(q)
  const scratch = spdScratch(q)
  for (let i = 0; i < k; i++) {
    let n = 0
    for (let a = 0; a < q; a++) if (obs[i * q + a]) idx[n++] = a
    if (n === 0) continue
    for (let r = 0; r < n; r++)
      for (let c = 0; c <= r; c++) m[r * n + c] = sigma[idx[r] * q + idx[c]]
    for (let r = 0; r < n; r++) m[r * n + r] += vv[i * q + idx[r]]
    // Σ is truncated to be positive semi-definite and every v > 0, but it can still fail in
    // floating point: an interval that only one study reports gets a moment estimate from a
    // difference of sums that cancels (the others weigh 1e-12), so Σ can be huge and this block
    // not positive definite to rounding (test/meta/mutantsCurves.test.ts has such a case, on the
    // log scale). Refuse rather than let a zero-filled weight silently drop the study.
    const { inv, ok } = invertSpd(m, n, scratch)
    if (!ok) {
      throw new Error(
        'combescureMoments: a within-study plus between-study block is not positive definite',
      )
    }
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
    Sigma_raw: toRows(raw, q),
    mu,
    cov: toRows(cov, q),
    truncated,
  }
}
