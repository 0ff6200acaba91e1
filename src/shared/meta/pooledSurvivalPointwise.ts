import { rma, type RmaOptions, type RmaResult } from './rma'
import { survivalAtTime, type SurvivalAtTimeInput } from './survivalAtTime'
import {
  backTransformInterval,
  DEFAULT_SURVIVAL_SCALE,
  type PooledSurvival,
  type SurvivalScale,
} from './survivalScales'

export interface SurvivalAtTimeRow extends SurvivalAtTimeInput {
  time: number
}

export interface PointwisePoint {
  time: number
  /** The meta-analysis at this time, on the analysis scale, with per-study records. */
  fit: RmaResult
  /** Pooled survival with its CI, back on the survival scale; null when nothing was pooled. */
  pooled: PooledSurvival | null
  /** Prediction interval on the survival scale; null when the fit has none. */
  prediction: { lower: number; upper: number } | null
}

export interface PointwiseCurve {
  scale: SurvivalScale
  points: PointwisePoint[]
  /** False when the pooled survival rises somewhere between consecutive times. */
  monotone: boolean
  notes: string[]
}

/**
 * Pointwise pooled survival curve: at each distinct time, each study's Ŝ(t) is turned into an
 * effect size by `survivalAtTime` (with its exclusion and continuity rules) and pooled by `rma`
 * with the given options; the estimate and CI are back-transformed (`backTransformInterval`).
 * Times are pooled independently, so the curve need not be non-increasing; `monotone` reports
 * it (the Combescure method, `combescureCurve`, guarantees it). Times in the caller's unit,
 * survival as proportions.
 */
export function pooledSurvivalPointwise(
  rows: readonly SurvivalAtTimeRow[],
  options: RmaOptions & { scale?: SurvivalScale } = {},
): PointwiseCurve {
  const scale = options.scale ?? DEFAULT_SURVIVAL_SCALE
  const byTime = new Map<number, SurvivalAtTimeRow[]>()
  for (const r of rows) {
    const list = byTime.get(r.time)
    if (list) list.push(r)
    else byTime.set(r.time, [r])
  }
  const times = [...byTime.keys()].sort((a, b) => a - b)
  const points = times.map((time) => {
    const effects = byTime.get(time)!.map((r) => survivalAtTime(r, scale))
    const fit = rma(effects, options)
    const pooled =
      fit.estimate !== null && fit.ci_lower !== null && fit.ci_upper !== null
        ? backTransformInterval(fit.estimate, fit.ci_lower, fit.ci_upper, scale)
        : null
    const prediction =
      fit.estimate !== null && fit.pi_lower !== null && fit.pi_upper !== null
        ? (({ lower, upper }) => ({ lower, upper }))(
            backTransformInterval(fit.estimate, fit.pi_lower, fit.pi_upper, scale),
          )
        : null
    return { time, fit, pooled, prediction }
  })
  const notes: string[] = []
  let monotone = true
  let last = Infinity
  for (const p of points) {
    if (p.pooled === null) continue
    if (p.pooled.value > last + 1e-12) {
      monotone = false
      notes.push(
        `pooled survival rises at time ${p.time} (pointwise pooling does not force a non-increasing curve)`,
      )
    }
    last = p.pooled.value
  }
  return { scale, points, monotone, notes }
}
