import { normalCdf, normalQuantile } from '../distributions'

/**
 * The Box–Cox power transform and the back-transform of a normal distribution, shared by the BC
 * (McGrath et al. 2020) and MLN (Cai et al. 2021) estimates of a mean and SD from reported
 * quantiles (`boxCoxMeanSd`, `mlnMeanSd`), as R's estmeansd 1.0.1 defines them.
 */

/** (x^λ − 1)/λ, or log x when |λ| < 1e-8 (estmeansd's `smooth.bc.transform`, for x > 0). */
export function boxCox(x: number, lambda: number): number {
  return Math.abs(lambda) < 1e-8 ? Math.log(x) : (Math.pow(x, lambda) - 1) / lambda
}

/** The inverse, (λy + 1)^(1/λ), or e^y when |λ| < 1e-8 (λy + 1 ≥ 0 inside the support). */
function inverseBoxCox(y: number, lambda: number): number {
  return Math.abs(lambda) < 1e-8 ? Math.exp(y) : Math.pow(lambda * y + 1, 1 / lambda)
}

// 20-point Gauss–Legendre nodes and weights on [−1, 1], by Newton's method on P₂₀ (Golub &
// Welsch's values to the last digit).
const GL_ORDER = 20
const GL_NODES: number[] = []
const GL_WEIGHTS: number[] = []
for (let i = 1; i <= GL_ORDER; i++) {
  let x = Math.cos((Math.PI * (i - 0.25)) / (GL_ORDER + 0.5))
  let dp = 0
  for (let iter = 0; iter < 100; iter++) {
    let p0 = 1
    let p1 = x
    for (let k = 2; k <= GL_ORDER; k++) {
      const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k
      p0 = p1
      p1 = p2
    }
    dp = (GL_ORDER * (x * p1 - p0)) / (x * x - 1)
    const dx = p1 / dp
    x -= dx
    if (Math.abs(dx) < 1e-16) break
  }
  GL_NODES.push(x)
  GL_WEIGHTS.push(2 / ((1 - x * x) * dp * dp))
}

/** ∫ f over [a, b] by 20-point Gauss–Legendre on `panels` equal panels. */
function integrate(f: (x: number) => number, a: number, b: number, panels: number): number {
  const h = (b - a) / panels
  let sum = 0
  for (let p = 0; p < panels; p++) {
    const mid = a + (p + 0.5) * h
    for (let i = 0; i < GL_ORDER; i++) sum += GL_WEIGHTS[i] * f(mid + (GL_NODES[i] * h) / 2)
  }
  return (sum * h) / 2
}

export interface BackTransformedMoments {
  mean: number
  sd: number
  /** 'log-normal' (closed form) or 'truncated' (numerical integration). */
  form: 'log-normal' | 'truncated'
}

/** Mean and SD of e^Y for Y ~ N(μ, σ²): e^(μ+σ²/2) and √((e^(σ²) − 1)e^(2μ+σ²)). */
export function logNormalMoments(mu: number, sigma: number): BackTransformedMoments {
  const s2 = sigma * sigma
  return {
    mean: Math.exp(mu + s2 / 2),
    sd: Math.sqrt(Math.expm1(s2) * Math.exp(2 * mu + s2)),
    form: 'log-normal',
  }
}

/**
 * Mean and SD of X = inverse-Box–Cox(Y), λ > 0, where Y ~ N(μ, σ²) truncated symmetrically to
 * [−1/λ, 2μ + 1/λ] (the support of the back-transform, mirrored about μ so that the truncated
 * normal keeps its mean): the quantity estmeansd approximates either with Monte Carlo draws
 * (`bc.mean.sd` by default and always `mln.mean.sd`: the mean and SD of the back-transformed
 * kept draws) or, in `bc.mean.sd(avoid.mc = TRUE)`, with `integrate()` (relative tolerance about
 * 1.2e-4). Here: 20-point Gauss–Legendre on panels of σ/4 over μ − 12σ … μ + (12 + 4σ)σ clipped to
 * the support (the second moment's integrand peaks at most 2σ² above μ in the log-normal limit),
 * so about 1e-10 relative, and the variance as E[(X − E X)²], as estmeansd writes it.
 */
export function truncatedBoxCoxMoments(
  mu: number,
  sigma: number,
  lambda: number,
): BackTransformedMoments {
  const lower = Math.min(-1 / lambda, 2 * mu + 1 / lambda)
  const upper = Math.max(-1 / lambda, 2 * mu + 1 / lambda)
  const normalizer = 1 / (normalCdf((upper - mu) / sigma) - normalCdf((lower - mu) / sigma))
  const a = Math.max(lower, mu - 12 * sigma)
  const b = Math.min(upper, mu + Math.min(12 + 4 * sigma, 60) * sigma)
  const panels = Math.min(2000, Math.max(8, Math.ceil((4 * (b - a)) / sigma)))
  const density = (y: number) => {
    const z = (y - mu) / sigma
    return (normalizer * Math.exp(-0.5 * z * z)) / (sigma * Math.sqrt(2 * Math.PI))
  }
  const mean = integrate((y) => density(y) * inverseBoxCox(y, lambda), a, b, panels)
  const variance = integrate(
    (y) => density(y) * (inverseBoxCox(y, lambda) - mean) ** 2,
    a,
    b,
    panels,
  )
  return { mean, sd: Math.sqrt(variance), form: 'truncated' }
}

/**
 * Luo et al.'s (2018) mean and Wan et al.'s (2014) SD of a normal sample from its reported
 * quantiles (ascending: S1 min, median, max; S2 q1, median, q3; S3 all five) and n, as R's
 * metaBLUE 1.0.0 (`Luo.mean`, `Wan.std`) computes them for estmeansd; here applied to
 * Box–Cox-transformed quantiles.
 */
export function luoMeanWanSd(
  quants: readonly number[],
  n: number,
  scenario: 'S1' | 'S2' | 'S3',
): { mean: number; sd: number } {
  const tau = 2 * normalQuantile((n - 0.375) / (n + 0.25))
  const eta = 2 * normalQuantile((0.75 * n - 0.125) / (n + 0.25))
  const n75 = Math.pow(n, 0.75)
  if (scenario === 'S1') {
    const [a, m, b] = quants
    const w = 4 / (4 + n75)
    return { mean: (w * (a + b)) / 2 + (1 - w) * m, sd: (b - a) / tau }
  }
  if (scenario === 'S2') {
    const [q1, m, q3] = quants
    return {
      mean: ((0.7 + 0.39 / n) * (q1 + q3)) / 2 + (0.3 - 0.39 / n) * m,
      sd: (q3 - q1) / eta,
    }
  }
  const [a, q1, m, q3, b] = quants
  const w1 = 2.2 / (2.2 + n75)
  const w2 = 0.7 - 0.72 / Math.pow(n, 0.55)
  return {
    mean: (w1 * (a + b)) / 2 + (w2 * (q1 + q3)) / 2 + (0.3 + 0.72 / Math.pow(n, 0.55) - w1) * m,
    sd: (0.5 * (b - a)) / tau + (0.5 * (q3 - q1)) / eta,
  }
}
