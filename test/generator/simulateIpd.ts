import type { IpdRow } from '../../src/shared/reconstruct/types'

/** A small, seedable generator (Park–Miller minimal standard), so that figures are reproducible. */
export function random(seed: number): () => number {
  let s = Math.max(1, Math.floor(Math.abs(seed)) % 2147483647)
  return () => (s = (s * 16807) % 2147483647) / 2147483647
}

export interface IpdSpec {
  n: number
  /** Median survival time of the (Weibull) event distribution. */
  median: number
  /** Weibull shape: 1 is exponential, above 1 an increasing hazard. */
  shape: number
  /** A share of patients who never have the event (a plateau, as in cured fractions). */
  cured: number
  /** Administrative end of follow-up; accrual is uniform over the first `accrual` time units. */
  followUp: number
  accrual: number
  /** Rate of random drop-out (exponential), per time unit. */
  dropout: number
  /** Times are rounded to this (days in months, say). */
  resolution: number
}

/**
 * Simulated patients: Weibull event times with a cured fraction, censored by drop-out and by the
 * end of the study (staggered entry), rounded to `resolution`. Every time is positive.
 */
export function simulateIpd(spec: IpdSpec, rand: () => number): IpdRow[] {
  const scale = spec.median / Math.log(2) ** (1 / spec.shape)
  const out: IpdRow[] = []
  for (let i = 0; i < spec.n; i++) {
    const event = rand() < spec.cured ? Infinity : scale * (-Math.log(rand())) ** (1 / spec.shape)
    const admin = spec.followUp - rand() * spec.accrual
    const drop = spec.dropout > 0 ? -Math.log(rand()) / spec.dropout : Infinity
    const c = Math.min(admin, drop)
    const raw = Math.min(event, c)
    const time = Math.max(spec.resolution, Math.round(raw / spec.resolution) * spec.resolution)
    out.push({ time, event: event <= c ? 1 : 0 })
  }
  return out
}
