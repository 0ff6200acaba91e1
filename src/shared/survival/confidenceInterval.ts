import { criticalValue } from '../distributions'
import type { KmFit } from './kaplanMeier'
import { logStdErr } from './kaplanMeier'

/** The `conf.type` of `survfit`: the scale on which the symmetric normal interval is built. */
export type ConfType = 'log' | 'log-log' | 'plain'

export interface ConfOptions {
  /** Confidence level, 0 < conf < 1; default 0.95. */
  conf?: number
  /** Default `'log'`, R's default. */
  type?: ConfType
}

/** Pointwise limits per row of a fit; `null` where R gives NA or NaN. */
export interface ConfBand {
  lower: (number | null)[]
  upper: (number | null)[]
}

export interface Limits {
  lower: number | null
  upper: number | null
}

/** Fills in the defaults of `ConfOptions` and checks them. */
export function resolveConf(options: ConfOptions = {}): { z: number; type: ConfType } {
  const type = options.type ?? 'log'
  if (type !== 'log' && type !== 'log-log' && type !== 'plain') {
    throw new Error(`unknown confidence interval type: ${String(type)}`)
  }
  return { z: criticalValue(options.conf ?? 0.95), type }
}

/**
 * Pointwise confidence limits for one survival value, as `survival:::survfit_confint` computes
 * them from S and the log-scale standard error √G:
 * - `'log'`: exp(log S ∓ z√G), upper capped at 1; NA (`null`) when S = 0;
 * - `'log-log'`: exp(−exp(log(−log S) ∓ z√G/log S)); NA when S is 0 or 1, so also before the first
 *   event (where R's summary at times before the first row shows 1, see `survivalAt`);
 * - `'plain'`: S ∓ z·S√G clipped to [0, 1]; NaN (`null`) when S = 0 and √G is infinite.
 * `logSe` `null` stands for R's infinite std.err.
 */
export function limitsAt(surv: number, logSe: number | null, z: number, type: ConfType): Limits {
  if (type === 'plain') {
    if (logSe === null) return { lower: null, upper: null }
    const half = logSe * surv * z
    return { lower: Math.max(surv - half, 0), upper: Math.min(surv + half, 1) }
  }
  if (type === 'log') {
    if (surv === 0 || logSe === null) return { lower: null, upper: null }
    const half = z * logSe
    return {
      lower: Math.exp(Math.log(surv) - half),
      upper: Math.min(Math.exp(Math.log(surv) + half), 1),
    }
  }
  if (surv === 0 || surv === 1 || logSe === null) return { lower: null, upper: null }
  const half = (z * logSe) / Math.log(surv)
  const loglog = Math.log(-Math.log(surv))
  return {
    lower: Math.exp(-Math.exp(loglog - half)),
    upper: Math.exp(-Math.exp(loglog + half)),
  }
}

/**
 * Pointwise confidence band for every row of a Kaplan–Meier fit: the `lower` and `upper`
 * components of `survfit(..., conf.int = conf, conf.type = type)`. See `limitsAt` for the
 * scales and their edge cases.
 */
export function confint(fit: KmFit, options: ConfOptions = {}): ConfBand {
  const { z, type } = resolveConf(options)
  const band: ConfBand = { lower: [], upper: [] }
  for (let i = 0; i < fit.time.length; i++) {
    const limits = limitsAt(fit.surv[i], logStdErr(fit, i), z, type)
    band.lower.push(limits.lower)
    band.upper.push(limits.upper)
  }
  return band
}
