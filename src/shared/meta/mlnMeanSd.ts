import { normalCdf } from '../distributions'
import { boxMinimize } from './boxMinimize'
import { brentMinimize } from './brentMinimize'
import { type BoxCoxMeanSd, boxCoxQuantiles } from './boxCoxMeanSd'
import { boxCox, luoMeanWanSd, truncatedBoxCoxMoments } from './boxCoxMoments'
import type { MedianSummary, SummaryScenario } from './qeMedianVariance'

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI)

/**
 * Log-likelihood of normal order statistics at the reported positions (Cai et al. 2021, eq. for
 * S1–S3, as estmeansd's `mln.mean.sd` writes it): the densities at the reported quantiles t plus
 * the counts of observations between them times the log probability between them, with ranks
 * h = ⌊n/4⌋ + 1, j = ⌊n/2⌋ + 1, k = ⌊3n/4⌋ + 1.
 */
function orderLogLik(
  t: readonly number[],
  n: number,
  scenario: SummaryScenario,
  mu: number,
  sigma: number,
): number {
  const h = Math.floor(0.25 * n + 1)
  const j = Math.floor(0.5 * n + 1)
  const k = Math.floor(0.75 * n + 1)
  const z = t.map((x) => (x - mu) / sigma)
  let ll = 0
  for (const zi of z) ll += -0.5 * zi * zi - LOG_SQRT_2PI - Math.log(sigma)
  const P = z.map((zi) => normalCdf(zi))
  const between = (i: number) => Math.log(P[i + 1] - P[i])
  if (scenario === 'S1') return ll + (j - 2) * between(0) + (n - j - 1) * between(1)
  if (scenario === 'S2') {
    return (
      ll +
      (h - 1) * Math.log(P[0]) +
      (j - h - 1) * between(0) +
      (k - j - 1) * between(1) +
      (n - k) * Math.log(normalCdf(z[2], true))
    )
  }
  return (
    ll +
    (h - 2) * between(0) +
    (j - h - 1) * between(1) +
    (k - j - 1) * between(2) +
    (n - k - 1) * between(3)
  )
}

/**
 * Mean and SD of a sample from its median with min/max (S1), q1/q3 (S2) or all five (S3), and
 * n, by the MLN method of Cai, Zhou & Pan (2021, Stat Methods Med Res 30:2701), as R's
 * estmeansd 1.0.1 `mln.mean.sd` computes it:
 * 1. λ in [0, 10] maximizing the order-statistics likelihood of the Box–Cox-transformed
 *    quantiles with Luo et al.'s mean and Wan et al.'s SD plugged in (R's `optimize(tol =
 *    0.001)`, ported iterate for iterate in `brentMinimize`, so λ is R's to rounding);
 * 2. location and scale: the maximum-likelihood μ, σ of the transformed data given λ. R stops
 *    `optim`'s Nelder–Mead at a relative change of 1.5e-8 in the likelihood; kmpool finds the
 *    maximum itself (`boxMinimize`), so the two agree to about 1e-4 relative;
 * 3. back-transform: the mean and SD of the inverse transform of N(μ, σ²) truncated
 *    symmetrically to the support, by numerical integration (`truncatedBoxCoxMoments`; λ > 0,
 *    as `optimize` never returns the end of its interval). estmeansd estimates this step from 10 000 random draws,
 *    so its mean and SD carry a Monte Carlo error (about SD/100 for the mean) that kmpool's
 *    exact value does not: R's results scatter around kmpool's by that much.
 * Values must be > 0 and n ≥ 3; null otherwise or when the likelihood cannot be maximized.
 */
export function mlnMeanSd(s: MedianSummary): BoxCoxMeanSd | null {
  const q = boxCoxQuantiles(s)
  if (q === null) return null
  const { scenario, quants } = q
  const n = s.n
  const profile = (lambda: number) => {
    const t = quants.map((x) => boxCox(x, lambda))
    const lw = luoMeanWanSd(t, n, scenario)
    return -orderLogLik(t, n, scenario, lw.mean, lw.sd)
  }
  // optimize() never returns an end of its interval (its iterates stay at least tol/3 inside),
  // so λ > 0 here, as in R, where no λ is rounded to 0.
  const shape = brentMinimize(profile, 0, 10, 0.001)
  const t = quants.map((x) => boxCox(x, shape))
  const start = luoMeanWanSd(t, n, scenario)
  if (!(start.sd > 0)) return null
  const negLogLik = (p: readonly number[]) => -orderLogLik(t, n, scenario, p[0], p[1])
  const fit = boxMinimize(
    negLogLik,
    [start.mean, start.sd],
    [start.mean - 20 * start.sd, start.sd / 50],
    [start.mean + 20 * start.sd, start.sd * 50],
  )
  if (!Number.isFinite(fit.value)) return null
  const [location, scale] = fit.x
  const m = truncatedBoxCoxMoments(location, scale, shape)
  if (!Number.isFinite(m.mean) || !Number.isFinite(m.sd)) return null
  return { scenario, mean: m.mean, sd: m.sd, location, scale, shape, form: m.form }
}
