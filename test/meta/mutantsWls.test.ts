import { describe, expect, it } from 'vitest'
import {
  invertSpd,
  sumWeightedPSquared,
  traceP,
  wls,
} from '../../src/shared/meta/weightedLeastSquares'
import { expectAllClose, expectClose } from '../helpers/close'
import { metaMutants } from './metaMutantsGolden'

/**
 * Weighted least squares and the traces of metafor's projection matrix P against the same
 * quantities formed from P in R (test/golden/metaMutants.R), for designs the meta-analysis tests
 * never use directly: one column that is not all ones, two and three columns, and weightings
 * a ≠ b of Σ a_i b_j P_ij² (docs/mutation.md, meta). Plain double-precision linear algebra on
 * well-conditioned 7 × 3 designs: 1e-10 relative leaves room for summation order only.
 */
const REL = { rel: 1e-10 }

interface WlsCase {
  X: number[][]
  y: number[]
  w: number[]
  a: number[]
  b: number[]
  beta: number[]
  inv: number[]
  logdet: number
  rss: number
  residuals: number[]
  sum_w: number
  trace_p: number
  sum_pp: number
  sum_p_b: number
  sum_a_b: number
  sum_b_b: number
}

describe('wls, traceP and sumWeightedPSquared = the same from P in R', () => {
  for (const [name, c] of Object.entries(metaMutants.wls as Record<string, WlsCase>)) {
    it(name, () => {
      const X = c.X.map((col) => Float64Array.from(col))
      const fit = wls(c.y, X, c.w)
      expect(fit.ok).toBe(true)
      expectAllClose(Array.from(fit.beta), c.beta, REL, 'β')
      expectAllClose(Array.from(fit.inv), c.inv, REL, "(X'WX)⁻¹")
      expectClose(fit.logDet, c.logdet, REL, "log det X'WX")
      expectClose(fit.rss, c.rss, REL, 'Σ w r²')
      expectAllClose(Array.from(fit.residuals), c.residuals, REL, 'residuals')
      expectClose(fit.sumW, c.sum_w, REL, 'Σ w')
      expectClose(traceP(X, c.w, fit), c.trace_p, REL, 'tr P')
      expectClose(sumWeightedPSquared(X, c.w, fit, null, null), c.sum_pp, REL, 'sum(P * P)')
      expectClose(sumWeightedPSquared(X, c.w, fit, null, c.b), c.sum_p_b, REL, 'Σ b_j P_ij²')
      expectClose(sumWeightedPSquared(X, c.w, fit, c.a, c.b), c.sum_a_b, REL, 'Σ a_i b_j P_ij²')
      expectClose(sumWeightedPSquared(X, c.w, fit, c.b, c.b), c.sum_b_b, REL, 'Σ b_i b_j P_ij²')
    })
  }
})

describe('invertSpd (Cholesky)', () => {
  it('inverts a 4 × 4 positive definite matrix and gives its log-determinant, as solve()', () => {
    const { m, inv, logdet } = metaMutants.spd
    const r = invertSpd(Float64Array.from(m), 4)
    expect(r.ok).toBe(true)
    expectAllClose(Array.from(r.inv), inv, REL, 'inverse')
    expectClose(r.logDet, logdet, REL, 'log det')
  })
  it('refuses a matrix with a zero or negative pivot: ok = false, no numbers', () => {
    // [[1, 1], [1, 1]] is singular: the second pivot is exactly 0.
    for (const m of [
      [1, 1, 1, 1],
      [1, 2, 2, 1],
    ]) {
      const r = invertSpd(Float64Array.from(m), 2)
      expect(r.ok).toBe(false)
      expect(Number.isNaN(r.logDet)).toBe(true)
      expect(Array.from(r.inv)).toEqual([0, 0, 0, 0])
    }
  })
  it('a design column of zeros gives ok = false, with one column as with two', () => {
    const y = [0.1, 0.2, 0.3]
    const w = [1, 2, 3]
    expect(wls(y, [Float64Array.from([0, 0, 0])], w).ok).toBe(false)
    expect(wls(y, [Float64Array.from([1, 1, 1]), Float64Array.from([0, 0, 0])], w).ok).toBe(false)
  })
})
