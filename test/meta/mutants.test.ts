import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { fitRma, rma } from '../../src/shared/meta/rma'
import { expectClose } from '../helpers/close'

// Tests that kill mutants of src/shared/meta the metafor goldens let survive (`npm run mutation`,
// docs/mutation.md lists the mutants left as equivalent). Expected values come from
// test/golden/mutants.json, written by `Rscript test/golden/mutants.R` (metafor::rma), or are
// derived by hand in the comment beside them.

interface PmCase {
  yi: number[]
  vi: number[]
  tau2: number
  se_tau2: number
  estimate: number
  se: number
  tau2_max: number
}
const golden: { pm: Record<string, PmCase> } = JSON.parse(
  readFileSync(new URL('../golden/mutants.json', import.meta.url), 'utf8'),
)

describe('Paule–Mandel searches up to max(100, 10·mad(yi)²), as rma.uni', () => {
  for (const [name, c] of Object.entries(golden.pm)) {
    it(`${name} k: rma(yi, vi, method = "PM"), root beyond 100 (search limit ${c.tau2_max})`, () => {
      const f = fitRma(c.yi, c.vi, { method: 'PM' })
      // uniroot's tolerance (1.2e-4 on τ²) makes the root depend on the search interval: the
      // estimates agree with metafor's to far better than that only if the interval is the same.
      expectClose(f.tau2, c.tau2, { rel: 1e-10 }, 'τ²')
      expectClose(f.se_tau2, c.se_tau2, { rel: 1e-10 }, 'se(τ²)')
      expectClose(f.estimate, c.estimate, { rel: 1e-10 }, 'estimate')
      expectClose(f.se, c.se, { rel: 1e-10 }, 'se')
    })
  }
  it('reports no estimate when Q(τ²) stays above k − 1 over the whole search interval', () => {
    // By hand: mad(0, 0, 0, 1000) = 0, so the search ends at τ² = 100; there
    // Q = Σ(y − ȳ)²/(v + τ²) = (3·250² + 750²)/100.01 ≈ 7499 > k − 1 = 3. metafor stops with
    // "Value of 'tau2.max' too low"; kmpool returns nulls with the reason.
    const f = fitRma([0, 0, 0, 1000], [0.01, 0.01, 0.01, 0.01], { method: 'PM' })
    expect(f.k).toBe(4)
    expect(f.estimate).toBeNull()
    expect(f.tau2).toBeNull()
    expect(f.notes).toEqual([
      `Paule–Mandel: Q(τ²) stays above k − p up to τ² = 100; no estimate (metafor: "Value of 'tau2.max' too low")`,
    ])
  })
})

describe('fitRma conventions', () => {
  it('k = 1: the Wald test of the single study', () => {
    // By hand: y = 0.4, se = √0.04 = 0.2, z = y/se = 2, p = 2·(1 − Φ(2)) = 2·pnorm(2, lower = FALSE)
    // = 0.04550026389635842 (R).
    const f = fitRma([0.4], [0.04])
    expectClose(f.zval, 2, { rel: 1e-14 }, 'zval')
    expectClose(f.pval, 0.04550026389635842, { rel: 1e-12 }, 'pval')
  })
  it('defaults: REML, test z, level 0.95; k = 0 has no weights', () => {
    const f = fitRma([0.1, 0.3, 0.2], [0.01, 0.02, 0.03])
    expect([f.method, f.test, f.level]).toEqual(['REML', 'z', 0.95])
    expect(fitRma([], []).weights).toEqual([])
  })
  it('the fixed-effect model says why it has no τ² interval and no prediction interval', () => {
    const f = fitRma([0.1, 0.3, 0.2], [0.01, 0.02, 0.03], { method: 'FE' })
    expect(f.notes).toEqual([
      'fixed-effect model: τ² is 0 by assumption; no τ² confidence interval and no prediction interval (as metafor)',
    ])
    expect(f.pi_lower).toBeNull()
    expect(f.tau2_ci_lower).toBeNull()
  })
  it('confint: false leaves out the τ² interval, confint: true keeps it', () => {
    const yi = [0.1, 0.5, 0.2, 0.9]
    const vi = [0.01, 0.02, 0.03, 0.02]
    const off = fitRma(yi, vi, { confint: false })
    expect([off.tau2_ci_lower, off.tau2_ci_upper, off.I2_ci_lower, off.H2_ci_upper]).toEqual([
      null,
      null,
      null,
      null,
    ])
    const on = fitRma(yi, vi, { confint: true })
    expect(on.tau2_ci_upper).not.toBeNull()
    expect(on.tau2_ci_upper).toBe(fitRma(yi, vi).tau2_ci_upper)
  })
  it('a zero standard error is noted; a usual fit has no such note', () => {
    const note = 'test statistic undefined: standard error is 0'
    // identical estimates under HKSJ: the residual variance and hence the SE are 0
    const flat = fitRma([0.3, 0.3, 0.3], [0.01, 0.02, 0.03], { test: 'knha' })
    expect(flat.se).toBe(0)
    expect(flat.notes).toContain(note)
    const usual = fitRma([0.1, 0.3, 0.2], [0.01, 0.02, 0.03], { test: 'knha' })
    expect(usual.notes).not.toContain(note)
    const z = fitRma([0.1, 0.3, 0.2], [0.01, 0.02, 0.03])
    expect(z.notes).not.toContain(note)
  })
  it('rma() adds an exclusion note only when a study was excluded', () => {
    const r = rma([
      { study: 'a', yi: 0.1, vi: 0.01 },
      { study: 'b', yi: 0.3, vi: 0.02 },
    ])
    expect(r.notes.some((n) => n.includes('excluded'))).toBe(false)
  })
})
