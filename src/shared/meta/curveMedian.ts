export interface CurveMedian {
  /** Time at which the pooled curve crosses 0.5 (linear interpolation); null if not reached. */
  median: number | null
  /** Limits of its CI (2.5% and 97.5% of the simulated medians at 95%); null if not reached. */
  lower: number | null
  upper: number | null
}

/**
 * The time at which a survival curve given at increasing times crosses 0.5, by linear
 * interpolation between the last time with S > 0.5 and the first with S < 0.5, as
 * `RISCA::survival.summary` reads the median off the pooled curve (so the median is not tied to
 * the time grid). A time with S exactly 0.5 is the median (RISCA does this only for the last
 * time, and otherwise interpolates across such a point); a curve that stays above 0.5 has none
 * (null). When the first point is already below 0.5 the curve is taken to
 * start from S = 1 at time 0 (RISCA has no answer there). Times in the caller's unit.
 */
export function interpolatedMedian(
  times: ArrayLike<number>,
  surv: ArrayLike<number>,
): number | null {
  const n = times.length
  if (n === 0 || surv[n - 1] > 0.5) return null
  let hi = 0
  while (surv[hi] > 0.5) hi++
  if (surv[hi] === 0.5) return times[hi]
  const tLo = hi > 0 ? times[hi - 1] : 0
  const sLo = hi > 0 ? surv[hi - 1] : 1
  return times[hi] - ((times[hi] - tLo) * (surv[hi] - 0.5)) / (surv[hi] - sLo)
}

/** Draws of the pooled curve's median made to estimate its CI. RISCA makes 10,000. */
export const MEDIAN_DRAWS = 10000
/** Fixed, so that the same inputs always give the same interval. */
const MEDIAN_SEED = 20140601

/** Mulberry32: a small seeded uniform generator on (0, 1). */
function uniformGenerator(seed: number): () => number {
  let s = seed | 0
  return () => {
    s = (s + 0x6d2b79f5) | 0
    let t = Math.imul(s ^ (s >>> 15), 1 | s)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296
  }
}

/** Lower-triangular L with L Lᵀ = C (row-major), zero columns where C is only semidefinite. */
function choleskyLower(c: readonly (readonly number[])[]): Float64Array {
  const n = c.length
  const l = new Float64Array(n * n)
  for (let j = 0; j < n; j++) {
    let s = c[j][j]
    for (let t = 0; t < j; t++) s -= l[j * n + t] ** 2
    const d = s > 1e-14 * Math.max(c[j][j], 1e-300) ? Math.sqrt(s) : 0
    l[j * n + j] = d
    for (let i = j + 1; i < n; i++) {
      let v = c[i][j]
      for (let t = 0; t < j; t++) v -= l[i * n + t] * l[j * n + t]
      l[i * n + j] = d > 0 ? v / d : 0
    }
  }
  return l
}

/** R's default quantile (type 7) of sorted values, where +Infinity stands for "not reached". */
function quantile7(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p
  const lo = Math.floor(h)
  const a = sorted[lo]
  if (h === lo) return a
  const b = sorted[lo + 1]
  if (!Number.isFinite(b)) return Number.POSITIVE_INFINITY
  return a + (h - lo) * (b - a)
}

/**
 * The median of a pooled curve S(t_j) = Π_{l≤j} f(μ_l) (given as `surv`) and its CI by
 * simulation, as
 * `RISCA::survival.summary` computes them: 10,000 draws of the pooled transformed conditional
 * survivals from N(μ̂, Cov μ̂), each turned into a curve and its median read by
 * `interpolatedMedian`; the limits are the (1 ± level)/2 quantiles (R's type 7) of the simulated
 * medians. Because the draws vary the whole curve jointly, the interval does not depend on how
 * wide the band is near S = 1, where a band read at 0.5 is an artefact. A draw that never reaches
 * 0.5 counts as an infinitely long median: a limit at such a draw is not reached (null). RISCA
 * instead gives no interval at all as soon as one draw of 10,000 does not reach 0.5; when every
 * draw reaches it the two agree up to simulation error (the seed is fixed here, so results are
 * reproducible). `back` maps a transformed value to a conditional survival (sin² for arcsine).
 */
export function simulatedCurveMedian(
  times: readonly number[],
  surv: readonly number[],
  mu: readonly number[],
  cov: readonly (readonly number[])[],
  back: (x: number) => number,
  level = 0.95,
): CurveMedian {
  const n = times.length
  const median = interpolatedMedian(times, surv)
  if (median === null) return { median: null, lower: null, upper: null }
  const l = choleskyLower(cov)
  const uniform = uniformGenerator(MEDIAN_SEED)
  const z = new Float64Array(n)
  const medians = new Float64Array(MEDIAN_DRAWS)
  let spare: number | null = null
  const normal = (): number => {
    if (spare !== null) {
      const x = spare
      spare = null
      return x
    }
    const r = Math.sqrt(-2 * Math.log(uniform()))
    const theta = 2 * Math.PI * uniform()
    spare = r * Math.sin(theta)
    return r * Math.cos(theta)
  }
  for (let d = 0; d < MEDIAN_DRAWS; d++) {
    // Normals are drawn only up to the interval where the simulated curve crosses 0.5.
    let sd = 1
    let median = Number.POSITIVE_INFINITY
    for (let j = 0; j < n; j++) {
      z[j] = normal()
      let x = mu[j]
      for (let t = 0; t <= j; t++) x += l[j * n + t] * z[t]
      const prev = sd
      sd *= back(x)
      if (sd <= 0.5) {
        // As interpolatedMedian: S exactly 0.5 at t_j, else between t_{j−1} (or 0) and t_j.
        const tLo = j > 0 ? times[j - 1] : 0
        median = sd === 0.5 ? times[j] : times[j] - ((times[j] - tLo) * (sd - 0.5)) / (sd - prev)
        break
      }
    }
    medians[d] = median
  }
  medians.sort()
  const lower = quantile7(medians, (1 - level) / 2)
  const upper = quantile7(medians, (1 + level) / 2)
  return {
    median,
    lower: Number.isFinite(lower) ? lower : null,
    upper: Number.isFinite(upper) ? upper : null,
  }
}
