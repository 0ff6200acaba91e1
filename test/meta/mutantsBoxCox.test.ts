/**
 * The edges of the Box–Cox (BC) and MLN estimates and of R's optimize() port, written against
 * the mutants that test/meta/boxCoxMeanSd.test.ts let survive (docs/mutation.md): powers of 0,
 * negative powers raised to 0, a power at its upper bound, n = 3, every input check, and
 * optimize() on functions with ties, kinks, non-finite values and minima at either end. Expected
 * values: test/golden/medianMutants.R (estmeansd 1.0.1, R's optimize), its output
 * medianMutants.json.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  boxCox,
  logNormalMoments,
  luoMeanWanSd,
  truncatedBoxCoxMoments,
} from '../../src/shared/meta/boxCoxMoments'
import { boxCoxMeanSd, boxCoxQuantiles } from '../../src/shared/meta/boxCoxMeanSd'
import { brentMinimize, OPTIMIZE_TOL } from '../../src/shared/meta/brentMinimize'
import { mlnMeanSd } from '../../src/shared/meta/mlnMeanSd'
import type { MedianSummary } from '../../src/shared/meta/qeMedianVariance'
import { expectClose } from '../helpers/close'

interface BcCase extends MedianSummary {
  label: string
  bc: { mean: number; sd: number; location: number; scale: number; shape: number }
  mln: { location: number; scale: number; shape: number }
  mln_exact: { mean: number; sd: number }
}
interface OptimizeCase {
  name: string
  lower: number
  upper: number
  tol: number
  minimum: number
}
const golden: { boxcox: BcCase[]; optimize: OptimizeCase[] } = JSON.parse(
  readFileSync(new URL('../golden/medianMutants.json', import.meta.url), 'utf8'),
)

describe('BC and MLN at the edges of the Box–Cox power = estmeansd', () => {
  for (const c of golden.boxcox) {
    it(`BC: ${c.label} (λ = ${c.bc.shape})`, () => {
      const fit = boxCoxMeanSd(c)!
      expectClose(fit.shape, c.bc.shape, { rel: 1e-9, abs: 1e-12 }, 'λ')
      expectClose(fit.location, c.bc.location, { rel: 1e-9 }, 'location')
      expectClose(fit.scale, c.bc.scale, { rel: 1e-9 }, 'scale')
      expectClose(fit.mean, c.bc.mean, { rel: 1.2e-4 }, 'mean')
      expectClose(fit.sd, c.bc.sd, { rel: 1.2e-4 }, 'SD')
      expect(fit.form).toBe(c.bc.shape > 0.01 ? 'truncated' : 'log-normal')
    })
    it(`MLN: ${c.label} (λ = ${c.mln.shape})`, () => {
      const fit = mlnMeanSd(c)!
      expectClose(fit.shape, c.mln.shape, { rel: 1e-9 }, 'λ')
      expectClose(fit.location, c.mln.location, { rel: 1e-3 }, 'location')
      expectClose(fit.scale, c.mln.scale, { rel: 1e-3 }, 'scale')
      expectClose(fit.mean, c.mln_exact.mean, { rel: 1e-3 }, 'mean (R integration)')
      expectClose(fit.sd, c.mln_exact.sd, { rel: 1e-3 }, 'SD (R integration)')
      expect(fit.form).toBe('truncated')
    })
  }
})

describe('the input checks of BC and MLN', () => {
  const ok: MedianSummary = { median: 10, min: 2, max: 50, n: 40 }
  it('refuses missing, non-positive, unordered or non-finite numbers and n < 3', () => {
    for (const bad of [
      { median: 10, n: 40 },
      { median: 10, min: 2, n: 40 },
      { ...ok, n: 2 },
      { ...ok, n: Number.NaN },
      { ...ok, min: 0 },
      { ...ok, min: -1 },
      { ...ok, max: 9 },
      { ...ok, median: 1 },
      { ...ok, max: Number.POSITIVE_INFINITY },
      { median: 10, q1: 4, q3: Number.NaN, n: 40 },
      { median: 10, min: 2, q1: 1, q3: 20, max: 50, n: 40 },
      { median: 10, min: 2, q1: 4, q3: 60, max: 50, n: 40 },
    ] as MedianSummary[]) {
      expect(boxCoxQuantiles(bad), JSON.stringify(bad)).toBeNull()
      expect(boxCoxMeanSd(bad), JSON.stringify(bad)).toBeNull()
      expect(mlnMeanSd(bad), JSON.stringify(bad)).toBeNull()
    }
  })
  it('takes n = 3, equal neighbours, and returns the numbers in ascending order', () => {
    expect(boxCoxQuantiles({ ...ok, n: 3 })).toEqual({ scenario: 'S1', quants: [2, 10, 50] })
    expect(boxCoxQuantiles({ median: 10, min: 2, q1: 2, q3: 10, max: 50, n: 9 })).toEqual({
      scenario: 'S3',
      quants: [2, 2, 10, 10, 50],
    })
    expect(boxCoxQuantiles({ median: 8, q1: 4, q3: 16, n: 60 })).toEqual({
      scenario: 'S2',
      quants: [4, 8, 16],
    })
  })
  it('no spread on the transformed scale gives no estimate (zero scale)', () => {
    // q1 = q3: Wan's SD of the transformed quartiles is 0.
    expect(boxCoxMeanSd({ median: 5, q1: 5, q3: 5, n: 30 })).toBeNull()
    expect(mlnMeanSd({ median: 5, q1: 5, q3: 5, n: 30 })).toBeNull()
  })
})

describe('Box–Cox transform and moments', () => {
  it('boxCox: the log below |λ| = 1e-8, the power above', () => {
    expect(boxCox(Math.E, 0)).toBe(1)
    expect(boxCox(Math.E, 9.9e-9)).toBe(1)
    expect(boxCox(Math.E, -9.9e-9)).toBe(1)
    expectClose(boxCox(4, 0.5), 2, { rel: 1e-15 }, 'λ = 0.5')
    expectClose(boxCox(4, -1), 0.75, { rel: 1e-15 }, 'λ = -1')
    expectClose(boxCox(8, 1e-8), (Math.pow(8, 1e-8) - 1) / 1e-8, { rel: 1e-15 }, 'λ = 1e-8')
  })
  it('log-normal moments: e^(μ+σ²/2) and √((e^σ² − 1) e^(2μ+σ²))', () => {
    const m = logNormalMoments(1, 0.5)
    expectClose(m.mean, Math.exp(1.125), { rel: 1e-15 }, 'mean')
    expectClose(m.sd, Math.sqrt(Math.expm1(0.25) * Math.exp(2.25)), { rel: 1e-15 }, 'sd')
    expect(m.form).toBe('log-normal')
  })
  it('λ = 1: the normal truncated to [−1, 2μ + 1] and shifted by 1 (R integrate)', () => {
    // R: mu <- 2; s <- 1.5; lo <- -1; hi <- 2 * mu + 1
    //    k <- 1 / (pnorm(hi, mu, s) - pnorm(lo, mu, s)); m = 3 (mu + 1, symmetric)
    //    m <- integrate(function(x) k * dnorm(x, mu, s) * (x + 1), lo, hi, rel.tol = 1e-12)$value
    //    v <- integrate(function(x) k * dnorm(x, mu, s) * (x + 1 - m)^2, lo, hi, rel.tol = 1e-12)
    //    sqrt(v$value) = 1.3194384915513597
    const m = truncatedBoxCoxMoments(2, 1.5, 1)
    expectClose(m.mean, 3, { rel: 1e-12 }, 'mean')
    expectClose(m.sd, 1.3194384915513597, { rel: 1e-10 }, 'sd')
    expect(m.form).toBe('truncated')
  })
  it('a negative μ (median < 1): the support [−1/λ, 2μ + 1/λ] is still taken from both ends (R integrate)', () => {
    // R: tb <- function(mu, s, lam) {
    //      lo <- min(-1/lam, 2*mu + 1/lam); hi <- max(-1/lam, 2*mu + 1/lam)
    //      k <- 1 / (pnorm(hi, mu, s) - pnorm(lo, mu, s)); inv <- function(y) (lam*y + 1)^(1/lam)
    //      m <- integrate(function(y) k*dnorm(y, mu, s)*inv(y), lo, hi, rel.tol = 1e-13)$value
    //      v <- integrate(function(y) k*dnorm(y, mu, s)*(inv(y) - m)^2, lo, hi, rel.tol = 1e-13)$value
    //      c(m, sqrt(v)) }
    //    tb(-1.5, 0.5, 0.5) = 0.080695318423299578 0.069716135859100248
    //    tb(-0.25, 0.5, 0.5) = 0.82774302360328278 0.44467120119876685
    const a = truncatedBoxCoxMoments(-1.5, 0.5, 0.5)
    expectClose(a.mean, 0.080695318423299578, { rel: 1e-9 }, 'μ = −1.5 mean')
    expectClose(a.sd, 0.069716135859100248, { rel: 1e-9 }, 'μ = −1.5 sd')
    const b = truncatedBoxCoxMoments(-0.25, 0.5, 0.5)
    expectClose(b.mean, 0.82774302360328278, { rel: 1e-9 }, 'μ = −0.25 mean')
    expectClose(b.sd, 0.44467120119876685, { rel: 1e-9 }, 'μ = −0.25 sd')
  })
  it('below λ = 1e-8 the back-transform is e^y; a wide σ is integrated far enough and no further', () => {
    // With |λ| < 1e-8 the truncation at ±1/λ is 1e14 away: the log-normal closed form.
    // (λy + 1)^(1/λ) at λ = 1e-14 would lose about 1e-2 to the rounding of λy + 1. σ = 6: the
    // second moment's integrand peaks 2σ² = 72 (12σ) above μ; e^(2y) overflows beyond y ≈ 355.
    const m = truncatedBoxCoxMoments(0, 6, 1e-14)
    const ln = logNormalMoments(0, 6)
    expectClose(m.mean, ln.mean, { rel: 1e-9 }, 'mean')
    expectClose(m.sd, ln.sd, { rel: 1e-9 }, 'sd')
  })
  it("Luo's mean and Wan's SD of transformed quantiles, all three scenarios", () => {
    // metaBLUE::Luo.mean(c(1, 2, 5), 10, "S1")$muhat, Wan.std(...)$sigmahat, and S2, S3.
    const s1 = luoMeanWanSd([1, 2, 5], 10, 'S1')
    const s2 = luoMeanWanSd([1, 2, 5], 10, 'S2')
    const s3 = luoMeanWanSd([0, 1, 2, 5, 9], 10, 'S3')
    expectClose(s1.mean, LUO_WAN.s1[0], { rel: 1e-13 }, 'S1 mean')
    expectClose(s1.sd, LUO_WAN.s1[1], { rel: 1e-13 }, 'S1 sd')
    expectClose(s2.mean, LUO_WAN.s2[0], { rel: 1e-13 }, 'S2 mean')
    expectClose(s2.sd, LUO_WAN.s2[1], { rel: 1e-13 }, 'S2 sd')
    expectClose(s3.mean, LUO_WAN.s3[0], { rel: 1e-13 }, 'S3 mean')
    expectClose(s3.sd, LUO_WAN.s3[1], { rel: 1e-13 }, 'S3 sd')
  })
})

/** metaBLUE 1.0.0 (R), `Luo.mean(q, 10, s)$muhat` and `Wan.std(q, 10, s)$sigmahat`. */
const LUO_WAN = {
  s1: [2.415652938858134, 1.2931296970814681],
  s2: [2.739, 3.4400138590045999],
  s3: [3.2000943858058095, 3.1747778387189518],
}

describe("brentMinimize = R's optimize() on hard functions", () => {
  const fns: Record<string, (x: number) => number> = {
    kink: (x) => Math.abs(x - 0.3),
    increasing: (x) => x,
    decreasing: (x) => -x,
    constant: () => 1,
    steps: (x) => Math.floor(Math.abs(x - 0.4) * 10),
    wall: (x) => (x < 1 ? Number.POSITIVE_INFINITY : (x - 2) ** 2),
    nan_left: (x) => (x < 0.5 ? Number.NaN : (x - 0.6) ** 2),
    quartic: (x) => x ** 4 - 3 * x ** 2 + x,
    plateau: (x) => Math.min(1, 100 * (x - 0.7) ** 2),
    cubic_edge: (x) => (x - 0.999) ** 2 * (x + 3),
    tight: (x) => (x - 1 / 3) ** 2,
    wide: (x) => (x - 123.4) ** 2 + 5,
    cubic_beyond: (x) => ((-7.23 * x - 5.36) * x + 7.84) * x - 4.42,
    quartic_near_lower: (x) => (((7.44 * x + 9.82) * x - 8.36) * x - 1.67) * x + 4.14,
    cubic_before: (x) => ((3.99 * x + 4.88) * x - 1.98) * x - 8.26,
    steps_near_upper: (x) =>
      Math.floor(((((8.4 * x - 0.08) * x - 2.12) * x + 6.03) * x - 0.58) * 4),
    steps_tie_w: (x) =>
      Math.floor(((((-7.71 * x + 7.22) * x + 9.91) * x + 6.86) * x - 0.33) * x - 4.06),
    steps_tie_v: (x) => Math.floor(((((8.63 * x - 8.61) * x - 5.35) * x + 0.08) * x + 4.23) * 4),
  }
  for (const c of golden.optimize) {
    it(`${c.name} on [${c.lower}, ${c.upper}]`, () => {
      const tol = c.tol === OPTIMIZE_TOL ? undefined : c.tol
      expectClose(brentMinimize(fns[c.name], c.lower, c.upper, tol), c.minimum, { rel: 1e-12 })
    })
  }
  it("the default tolerance is R's .Machine$double.eps^0.25", () => {
    expectClose(OPTIMIZE_TOL, 0.0001220703125, { rel: 1e-15 }, 'tol')
  })
})
