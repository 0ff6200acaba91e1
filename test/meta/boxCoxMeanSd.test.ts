/**
 * BC (McGrath et al. 2020) and MLN (Cai et al. 2021) mean and SD from a median with its range
 * and/or quartiles, against R's estmeansd 1.0.1 (test/golden/boxcox.R, its output boxcox.json).
 * What is matched exactly and what only within R's own error:
 * - the Box–Cox power λ of both methods: R's optimize() ported iterate for iterate, so to
 *   rounding (1e-9);
 * - BC's location and scale (Luo's mean, Wan's SD of the transformed quantiles): to rounding;
 * - BC's mean and SD: bc.mean.sd(avoid.mc = TRUE) integrates with integrate()'s relative
 *   tolerance of about 1.2e-4; kmpool integrates to about 1e-10, so they agree within 1.2e-4;
 * - MLN's location and scale: R stops Nelder–Mead at a relative change of 1.5e-8 in the
 *   likelihood, so they agree to about 1e-3 relative (measured: 4e-4);
 * - MLN's mean and SD: R draws 10 000 values; kmpool computes what they estimate, checked
 *   against R's integration at R's own location, scale and λ (1e-3, the location/scale
 *   difference carried through) and against R's draws within 4 Monte Carlo standard errors;
 * - BC's default Monte Carlo result (n + 1000 draws) within 4 Monte Carlo standard errors.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { boxCoxMeanSd } from '../../src/shared/meta/boxCoxMeanSd'
import { brentMinimize } from '../../src/shared/meta/brentMinimize'
import { medianFromRange, REASON_BOXCOX_INVALID } from '../../src/shared/meta/medianFromRange'
import { mlnMeanSd } from '../../src/shared/meta/mlnMeanSd'
import { expectClose } from '../helpers/close'

interface Fit {
  mean: number
  sd: number
  location: number
  scale: number
  shape: number
}
interface Case {
  label: string
  scenario: 'S1' | 'S2' | 'S3'
  n: number
  median: number
  min: number | null
  q1: number | null
  q3: number | null
  max: number | null
  bc: Fit
  bc_mc: { mean: number; sd: number; draws: number }
  mln: Fit & { draws: number; mc_se_mean: number; mc_se_sd: number }
  mln_exact: { mean: number; sd: number }
}
const golden: { cases: Case[] } = JSON.parse(
  readFileSync(new URL('../golden/boxcox.json', import.meta.url), 'utf8'),
)

describe('BC mean and SD (McGrath et al. 2020) = estmeansd::bc.mean.sd', () => {
  for (const c of golden.cases) {
    it(c.label, () => {
      const fit = boxCoxMeanSd(c)
      expect(fit?.scenario).toBe(c.scenario)
      // λ = 0 exactly when R rounds it to 0; otherwise the same iterate.
      expectClose(fit!.shape, c.bc.shape, { rel: 1e-9, abs: 1e-9 }, 'λ')
      expectClose(fit!.location, c.bc.location, { rel: 1e-9 }, 'location')
      expectClose(fit!.scale, c.bc.scale, { rel: 1e-9 }, 'scale')
      expectClose(fit!.mean, c.bc.mean, { rel: 1.2e-4 }, 'mean')
      expectClose(fit!.sd, c.bc.sd, { rel: 1.2e-4 }, 'SD')
      // The default Monte Carlo back-transform scatters around the exact value.
      const se = fit!.sd / Math.sqrt(c.bc_mc.draws)
      expect(Math.abs(fit!.mean - c.bc_mc.mean)).toBeLessThan(4 * se)
    })
  }
})

describe('MLN mean and SD (Cai et al. 2021) = estmeansd::mln.mean.sd', () => {
  for (const c of golden.cases) {
    it(c.label, () => {
      const fit = mlnMeanSd(c)
      expect(fit?.scenario).toBe(c.scenario)
      expectClose(fit!.shape, c.mln.shape, { rel: 1e-9, abs: 1e-9 }, 'λ')
      expectClose(fit!.location, c.mln.location, { rel: 1e-3 }, 'location')
      expectClose(fit!.scale, c.mln.scale, { rel: 1e-3 }, 'scale')
      expectClose(fit!.mean, c.mln_exact.mean, { rel: 1e-3 }, 'mean (R integration)')
      expectClose(fit!.sd, c.mln_exact.sd, { rel: 1e-3 }, 'SD (R integration)')
      expect(Math.abs(fit!.mean - c.mln.mean)).toBeLessThan(4 * c.mln.mc_se_mean)
      expect(Math.abs(fit!.sd - c.mln.sd)).toBeLessThan(4 * c.mln.mc_se_sd)
    })
  }
})

describe('BC and MLN as the variance of a median', () => {
  const five = golden.cases.find((c) => c.label === 'median 22 all five n 120')!
  it('SE of the median = estimated SD/√n, on the raw and log scales, the method named', () => {
    for (const [method, fit] of [
      ['bc', five.bc],
      ['mln', five.mln_exact],
    ] as const) {
      const raw = medianFromRange({ study: 's', ...five, method })
      expectClose(raw.se!, fit.sd / Math.sqrt(five.n), { rel: 1e-3 }, `${method} raw SE`)
      expect(raw.method).toBe(
        `${method === 'bc' ? 'range-bc-mcgrath-2020' : 'range-mln-cai-2021'} (S3: min, q1, median, q3, max)`,
      )
      const log = medianFromRange({ study: 's', ...five, method, scale: 'log' })
      expectClose(log.yi!, Math.log(22), { rel: 1e-12 }, 'log median')
      expectClose(log.se!, raw.se! / 22, { rel: 1e-12 }, `${method} log SE`)
    }
  })
  it('refuses a value of 0, n < 3 and numbers out of order, with the reason', () => {
    for (const bad of [
      { median: 27, min: 0, max: 96, q1: null, q3: null, n: 40 },
      { median: 27, min: 3, max: 96, q1: null, q3: null, n: 2 },
      { median: 27, min: 3, max: 20, q1: null, q3: null, n: 40 },
    ]) {
      for (const method of ['bc', 'mln'] as const) {
        const r = medianFromRange({ study: 's', ...bad, method })
        expect(r.excludedReason).toBe(REASON_BOXCOX_INVALID)
        expect(r.se).toBeNull()
      }
    }
  })
})

describe("brentMinimize = R's optimize()", () => {
  // Both minima stop short of the true ones (1/3; -0.5011…) by the loose tolerance: only the
  // same iterates give R's digits.
  it('optimize(function(x) (x - 1/3)^2 * (x + 1), c(-0.5, 2))$minimum', () => {
    expectClose(
      brentMinimize((x) => (x - 1 / 3) ** 2 * (x + 1), -0.5, 2),
      0.33333944805989102,
      { rel: 1e-12 },
      'minimum',
    )
  })
  it('optimize(function(x) sin(3*x) + x^2/5, c(-2, 3), tol = 0.001)$minimum', () => {
    expectClose(
      brentMinimize((x) => Math.sin(3 * x) + (x * x) / 5, -2, 3, 0.001),
      -0.50129391886712393,
      { rel: 1e-12 },
      'minimum',
    )
  })
})
