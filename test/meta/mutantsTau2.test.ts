import { describe, expect, it } from 'vitest'
import { fitRma } from '../../src/shared/meta/rma'
import { expectClose } from '../helpers/close'
import { golden } from './golden'
import { metaMutants } from './metaMutantsGolden'

/**
 * Branches of the τ² estimators and of the Q-profile interval that the main goldens never take
 * (docs/mutation.md, meta), against metafor (test/golden/metaMutants.R). 1e-10 relative, as
 * test/meta/rma.golden.test.ts; τ² = 0, I² = 0 and H² = 1 are matched exactly.
 */
const REL = { rel: 1e-10 }

interface Ll0Case {
  yi: number[]
  vi: number[]
  method: 'ML' | 'REML'
  unchecked_tau2: number
  [field: string]: unknown
}

describe("ML and REML: Fisher scoring's optimum below the likelihood at τ² = 0 gives τ² = 0 (metafor ll0check)", () => {
  for (const c of metaMutants.ll0 as Ll0Case[]) {
    it(`${c.method}, k = ${c.yi.length}: metafor without the check would give τ² = ${c.unchecked_tau2.toFixed(3)}`, () => {
      const fit = fitRma(c.yi, c.vi, { method: c.method })
      for (const f of [
        'tau2',
        'se_tau2',
        'estimate',
        'se',
        'ci_lower',
        'ci_upper',
        'I2',
        'H2',
        'tau2_ci_lower',
        'tau2_ci_upper',
      ] as const) {
        expectClose(fit[f], c[f], REL, f)
      }
      expect(fit.notes.some((n) => n.includes('lower likelihood than τ² = 0'))).toBe(true)
    })
  }
})

describe('τ² just above 0 stays: the likelihood check needs τ² above the threshold 1e-5', () => {
  for (const c of metaMutants.tiny as (Ll0Case & { tau2: number; ll0_minus_ll: number })[]) {
    it(`${c.method}: τ² = ${c.tau2.toExponential(2)}, log-likelihood ${c.ll0_minus_ll.toExponential(1)} below τ² = 0`, () => {
      const fit = fitRma(c.yi, c.vi, { method: c.method })
      for (const f of ['tau2', 'estimate', 'se'] as const) expectClose(fit[f], c[f], REL, f)
      expect(fit.notes.some((n) => n.includes('lower likelihood than τ² = 0'))).toBe(false)
    })
  }
})

describe('Fisher scoring that does not converge in 100 iterations: no estimate, as rma stops', () => {
  for (const c of metaMutants.no_convergence as { yi: number[]; vi: number[]; error: string }[]) {
    it(`EB, k = ${c.yi.length} (metafor: "${c.error.split('.')[0]}")`, () => {
      expect(c.error).toContain('did not converge')
      const fit = fitRma(c.yi, c.vi, { method: 'EB' })
      expect(fit.estimate).toBeNull()
      expect(fit.tau2).toBeNull()
      // No statistic at all, not even those that do not need τ² (Q).
      expect(fit.Q).toBeNull()
      expect(fit.notes).toContain(
        'EB: Fisher scoring did not converge in 100 iterations (metafor stops here)',
      )
    })
  }
})

describe('Q-profile notes', () => {
  it('an empty interval is reported as such, not also as a lower bound truncated at 0', () => {
    const h = golden.datasets.homogeneous
    const fit = fitRma(h.yi, h.vi)
    expect(fit.notes.some((n) => n.includes('interval is empty'))).toBe(true)
    expect(fit.notes.some((n) => n.includes('lower bound truncated at 0'))).toBe(false)
  })
  it('a lower bound truncated at 0 says so', () => {
    const m = golden.datasets.moderate
    const fit = fitRma(m.yi, m.vi)
    expect(golden.rma.moderate.REML_z.tau2_ci_lower).toBe(0)
    expect(fit.notes).toContain('τ² CI: lower bound truncated at 0')
  })
})
