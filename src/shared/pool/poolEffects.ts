import {
  backTransformInterval,
  backTransformMedian,
  NO_SUBGROUP,
  rma,
  type RmaResult,
  rmaSubgroups,
} from '../meta'
import type { MethodEffect } from './effectsFromTable'
import type { PooledValue, PoolResult, PoolScale, PoolSettings } from './poolTypes'

/** The pooled estimate and CI back on the natural scale (survival, months, hazard ratio). */
function backTransform(
  fit: RmaResult,
  outcome: PoolSettings['outcome'],
  scale: PoolScale,
): PooledValue | null {
  const { estimate, ci_lower, ci_upper } = fit
  if (estimate === null || ci_lower === null || ci_upper === null) return null
  switch (outcome) {
    case 'survival':
      return backTransformInterval(estimate, ci_lower, ci_upper, scale)
    case 'median':
      return backTransformMedian(estimate, ci_lower, ci_upper, scale === 'identity' ? 'raw' : 'log')
    case 'hr':
      return { value: Math.exp(estimate), lower: Math.exp(ci_lower), upper: Math.exp(ci_upper) }
    case 'generic':
      return scale === 'log'
        ? { value: Math.exp(estimate), lower: Math.exp(ci_lower), upper: Math.exp(ci_upper) }
        : { value: estimate, lower: ci_lower, upper: ci_upper }
  }
}

/**
 * Pools effect sizes as `kmpool pool --json` reports them (DESIGN.md section 3): the overall
 * inverse-variance fit (metafor's definitions; see src/shared/meta), per-study weights and
 * exclusions with their reasons and the method behind each effect, and, with `by`, a separate
 * fit per subgroup with the test for subgroup differences. `estimate`, `ci_*` and `pi_*` are on
 * the analysis scale; `pooled` is back on the natural one.
 */
export function poolEffects(
  effects: readonly MethodEffect[],
  settings: PoolSettings,
  scale: PoolScale,
): PoolResult {
  const options = {
    method: settings.method ?? 'REML',
    test: settings.hksj ? ('knha' as const) : ('z' as const),
    confint: true,
  }
  const overall = rma(effects, options)
  const notes = [...overall.notes]
  const grouped = settings.by ? rmaSubgroups(effects, options) : null
  if (grouped) notes.push(...grouped.notes)
  return {
    outcome: settings.outcome,
    method: options.method,
    hksj: Boolean(settings.hksj),
    scale,
    time: settings.outcome === 'survival' ? (settings.time ?? null) : null,
    k: overall.k,
    estimate: overall.estimate,
    se: overall.se,
    ci_lower: overall.ci_lower,
    ci_upper: overall.ci_upper,
    pi_lower: overall.pi_lower,
    pi_upper: overall.pi_upper,
    tau2: overall.tau2,
    tau2_ci_lower: overall.tau2_ci_lower,
    tau2_ci_upper: overall.tau2_ci_upper,
    I2: overall.I2,
    H2: overall.H2,
    Q: overall.Q,
    Q_df: overall.Q_df,
    Q_p: overall.Q_p,
    pooled: backTransform(overall, settings.outcome, scale),
    studies: overall.studies.map((s, i) => ({ ...s, method: effects[i].method })),
    subgroups: (grouped?.subgroups ?? []).map(({ subgroup, result }) => ({
      subgroup: subgroup === NO_SUBGROUP ? '' : subgroup,
      k: result.k,
      estimate: result.estimate,
      se: result.se,
      ci_lower: result.ci_lower,
      ci_upper: result.ci_upper,
      tau2: result.tau2,
      I2: result.I2,
      pooled: backTransform(result, settings.outcome, scale),
    })),
    Q_between: grouped?.Q_between ?? null,
    Q_between_df: grouped?.Q_between_df ?? null,
    Q_between_p: grouped?.Q_between_p ?? null,
    notes,
  }
}
