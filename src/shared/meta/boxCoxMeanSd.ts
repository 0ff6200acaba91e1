import { brentMinimize } from './brentMinimize'
import {
  boxCox,
  logNormalMoments,
  luoMeanWanSd,
  truncatedBoxCoxMoments,
  type BackTransformedMoments,
} from './boxCoxMoments'
import { summaryScenario, type MedianSummary, type SummaryScenario } from './qeMedianVariance'

/** A mean and SD estimated from reported quantiles through a Box–Cox transform (BC or MLN). */
export interface BoxCoxMeanSd {
  scenario: SummaryScenario
  mean: number
  sd: number
  /** Mean and SD of the transformed data (estmeansd's `location`, `scale`). */
  location: number
  scale: number
  /** The Box–Cox power λ (estmeansd's `shape`). */
  shape: number
  /** How the back-transform was computed: log-normal closed form or numerical integration. */
  form: BackTransformedMoments['form']
}

/** The reported quantiles in ascending order, or null unless all are > 0, in order and n ≥ 3. */
export function boxCoxQuantiles(
  s: MedianSummary,
): { scenario: SummaryScenario; quants: number[] } | null {
  const scenario = summaryScenario(s)
  if (scenario === null || !Number.isFinite(s.n) || s.n < 3) return null
  const quants =
    scenario === 'S1'
      ? [s.min!, s.median, s.max!]
      : scenario === 'S2'
        ? [s.q1!, s.median, s.q3!]
        : [s.min!, s.q1!, s.median, s.q3!, s.max!]
  if (quants.some((x, i) => !Number.isFinite(x) || !(x > 0) || (i > 0 && x < quants[i - 1]))) {
    return null
  }
  return { scenario, quants }
}

/** Squared departure from symmetry of transformed quantiles about the median (estmeansd). */
function asymmetry(t: readonly number[], scenario: SummaryScenario): number {
  const sq = (lo: number, mid: number, hi: number) => ((hi - mid) / (mid - lo) - 1) ** 2
  if (scenario === 'S3') return sq(t[1], t[2], t[3]) + sq(t[0], t[2], t[4])
  return sq(t[0], t[1], t[2])
}

/**
 * Mean and SD of a sample from its median with min/max (S1), q1/q3 (S2) or all five (S3), and
 * n, by the Box–Cox (BC) method of McGrath et al. (2020, Stat Methods Med Res 29:2520), as R's
 * estmeansd 1.0.1 `bc.mean.sd(..., avoid.mc = TRUE)` computes it:
 * 1. λ: the power in [−2, 3] that makes the transformed quantiles most symmetric about the
 *    median (R's `optimize`, ported iterate for iterate in `brentMinimize`), 0 when the
 *    log-quantiles are already symmetric (within 1e-8), and raised to 0 when negative;
 * 2. location and scale: Luo et al.'s mean and Wan et al.'s SD of the transformed quantiles;
 * 3. back-transform: for λ > 0.01 the mean and SD of the inverse transform of the normal
 *    truncated symmetrically to the transform's support (numerical integration,
 *    `truncatedBoxCoxMoments`); for λ ≤ 0.01 the log-normal closed form.
 * estmeansd's default (`avoid.mc = FALSE`) estimates step 3 from n + 1000 random draws instead;
 * its mean and SD scatter around this value by their Monte Carlo error (for 0 < λ ≤ 0.01 the
 * draws also keep the small truncation and power that the closed form ignores). Steps 1–2 are
 * the same either way. Values must be > 0 (the transform takes logs) and n ≥ 3, as estmeansd
 * requires; null otherwise.
 */
export function boxCoxMeanSd(s: MedianSummary): BoxCoxMeanSd | null {
  const q = boxCoxQuantiles(s)
  if (q === null) return null
  const { scenario, quants } = q
  const logs = quants.map(Math.log)
  let lambda = 0
  if (!(Math.abs(asymmetry(logs, scenario)) < 1e-8)) {
    lambda = brentMinimize(
      (l) =>
        asymmetry(
          quants.map((x) => boxCox(x, l)),
          scenario,
        ),
      -2,
      3,
    )
  }
  const shape = Math.abs(lambda) < 1e-8 ? 0 : Math.max(0, lambda)
  const { mean: location, sd: scale } = luoMeanWanSd(
    quants.map((x) => boxCox(x, shape)),
    s.n,
    scenario,
  )
  if (!(scale > 0)) return null
  const m =
    shape > 0.01
      ? truncatedBoxCoxMoments(location, scale, shape)
      : logNormalMoments(location, scale)
  if (!Number.isFinite(m.mean) || !Number.isFinite(m.sd)) return null
  return { scenario, mean: m.mean, sd: m.sd, location, scale, shape, form: m.form }
}
