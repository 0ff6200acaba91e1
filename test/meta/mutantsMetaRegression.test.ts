import { describe, expect, it } from 'vitest'
import { fitMetaRegression } from '../../src/shared/meta/metaRegression'
import { tau2ConfidenceInterval } from '../../src/shared/meta/qProfile'
import { fitRma } from '../../src/shared/meta/rma'
import type { MetaTest, Tau2Method } from '../../src/shared/meta/types'
import { expectAllClose, expectClose } from '../helpers/close'
import { golden } from './golden'
import { metaMutants } from './metaMutantsGolden'

/**
 * Meta-regression with two moderators and a saturated fixed-effect model, and the Q-profile's
 * "both bounds beyond the search limit" rule, against metafor (test/golden/metaMutants.R): the
 * branches the intercept-only and Egger goldens never take (docs/mutation.md, meta). kmpool
 * follows metafor's computations step for step; 1e-10 relative leaves room for summation order.
 */
const REL = { rel: 1e-10 }

interface MrFit {
  method: Tau2Method
  test: MetaTest
  k: number
  p: number
  tau2: number
  beta: number[]
  se: number[]
  statistic: number[]
  pval: number[]
  ci_lower: number[]
  ci_upper: number[]
  QE: number
  QE_p: number
  I2: number
  H2: number
}

function expectFit(
  fit: ReturnType<typeof fitMetaRegression>,
  ref: MrFit,
  label: string,
  QEfloor = 0,
) {
  expect(fit.k, `${label} k`).toBe(ref.k)
  expect(fit.p, `${label} p`).toBe(ref.p)
  // τ² is 0 for FE models: matched exactly.
  expectClose(fit.tau2, ref.tau2, REL, `${label} τ²`)
  for (const f of ['beta', 'se', 'statistic', 'pval', 'ci_lower', 'ci_upper'] as const) {
    expectAllClose(fit[f], ref[f], REL, `${label} ${f}`)
  }
  expectClose(fit.QE, ref.QE, { ...REL, abs: QEfloor }, `${label} Q_E`)
  expectClose(fit.QE_p, ref.QE_p, REL, `${label} Q_E p`)
  expectClose(fit.I2, ref.I2, REL, `${label} I²`)
  expectClose(fit.H2, ref.H2, REL, `${label} H²`)
}

describe('fitMetaRegression = rma.uni(mods = X, intercept = FALSE)', () => {
  const mr = metaMutants.meta_regression
  const X = (mr.X as number[][]).map((c) => Float64Array.from(c))
  for (const ref of mr.fits as MrFit[]) {
    it(`two moderators, ${ref.method}, test = ${ref.test}`, () => {
      const fit = fitMetaRegression(mr.yi, mr.vi, X, ref.method, ref.test, 0.95)
      expectFit(fit, ref, `${ref.method} ${ref.test}`)
      expect(fit.df).toBe(ref.test === 'knha' ? ref.k - ref.p : null)
      const feNote = fit.notes.some((n) => n.includes('HKSJ is not meant for fixed-effect'))
      // metafor warns "Knapp & Hartung method is not meant to be used in the context of FE models".
      expect(feNote, 'the FE + HKSJ note').toBe(ref.method === 'FE' && ref.test === 'knha')
    })
  }
  it('a fixed-effect model with as many coefficients as studies: Q_E = 0 on 0 df, I² = 0, H² = 1', () => {
    const s = mr.saturated
    const X2 = [Float64Array.from([1, 1]), Float64Array.from(s.x)]
    const fit = fitMetaRegression(s.yi, s.vi, X2, 'FE', 'z', 0.95)
    // Q_E is a residual sum of squares that is 0 up to rounding.
    expectFit(fit, s.fit, 'saturated', 1e-20)
    expect(fit.QE_df).toBe(0)
    expect(fit.vt).toBe(0)
  })
})

describe('Q-profile CI of τ²', () => {
  it('both bounds beyond the search limit are reported as the limit, as confint (">100")', () => {
    const q = metaMutants.qp_beyond
    const fit = fitRma(q.yi, q.vi, { method: 'DL' })
    expectClose(fit.tau2, q.tau2, REL, 'τ²')
    expectClose(fit.tau2_ci_lower, q.tau2_ci_lower, REL, 'τ² lower')
    expectClose(fit.tau2_ci_upper, q.tau2_ci_upper, REL, 'τ² upper')
    expectClose(fit.I2_ci_lower, q.I2_ci_lower, REL, 'I² lower')
    expectClose(fit.H2_ci_upper, q.H2_ci_upper, REL, 'H² upper')
    expect(fit.notes).toContain('τ² CI: both bounds are beyond the search limit τ² = 100')
  })
  it('has no notes when both bounds are found inside the search range (dat.bcg, REML)', () => {
    const bcg = golden.datasets.bcg
    const ci = tau2ConfidenceInterval(bcg.yi, bcg.vi, golden.rma.bcg.REML_z.tau2, 0.95)
    expectClose(ci.lower, golden.rma.bcg.REML_z.tau2_ci_lower, REL, 'lower')
    expectClose(ci.upper, golden.rma.bcg.REML_z.tau2_ci_upper, REL, 'upper')
    expect(ci.notes).toEqual([])
  })
})
