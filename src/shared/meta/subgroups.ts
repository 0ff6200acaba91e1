import { fitRma, rma, type RmaOptions, type RmaResult } from './rma'
import type { StudyEffect } from './types'

export interface SubgroupFit {
  subgroup: string
  result: RmaResult
}

export interface SubgroupAnalysis {
  subgroups: SubgroupFit[]
  /** Test for subgroup differences; null when fewer than two subgroups have an estimate. */
  Q_between: number | null
  Q_between_df: number | null
  Q_between_p: number | null
  notes: string[]
}

/** Label used for studies without a subgroup. */
export const NO_SUBGROUP = '(none)'

/**
 * Separate random-effects (or FE) fits per subgroup, with the same options, and the test for
 * subgroup differences computed as the heterogeneity Q of a fixed-effect model over the G
 * subgroup estimates and their standard errors, i.e. metafor
 * `rma(yi = estimates, sei = ses, method = "FE")$QE` on G − 1 df. Subgroups are in order of first
 * appearance; studies without a subgroup form the group "(none)". A subgroup whose studies are
 * all excluded has no estimate and is left out of the test (noted); a single-study subgroup enters
 * the test with the study's own estimate and SE.
 */
export function rmaSubgroups(
  studies: readonly StudyEffect[],
  options: RmaOptions = {},
): SubgroupAnalysis {
  const order: string[] = []
  const members = new Map<string, StudyEffect[]>()
  for (const s of studies) {
    const g = s.subgroup ?? NO_SUBGROUP
    if (!members.has(g)) {
      members.set(g, [])
      order.push(g)
    }
    members.get(g)!.push(s)
  }
  const subgroups = order.map((g) => ({ subgroup: g, result: rma(members.get(g)!, options) }))
  const notes: string[] = []
  const est: number[] = []
  const vars: number[] = []
  for (const { subgroup, result } of subgroups) {
    if (result.estimate === null || result.se === null || !(result.se > 0)) {
      notes.push(
        `subgroup "${subgroup}" has no estimate and is left out of the test for subgroup differences`,
      )
      continue
    }
    est.push(result.estimate)
    vars.push(result.se * result.se)
  }
  if (est.length < 2) {
    notes.push('test for subgroup differences needs at least two subgroups with an estimate')
    return { subgroups, Q_between: null, Q_between_df: null, Q_between_p: null, notes }
  }
  const between = fitRma(est, vars, { method: 'FE', level: options.level })
  return {
    subgroups,
    Q_between: between.Q,
    Q_between_df: between.Q_df,
    Q_between_p: between.Q_p,
    notes,
  }
}
