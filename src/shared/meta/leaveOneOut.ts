import { fitRma, type RmaOptions } from './rma'
import { screenStudies } from './screenStudies'
import type { StudyEffect } from './types'

export interface LeaveOneOutRow {
  /** The study left out. */
  study: string
  estimate: number | null
  se: number | null
  /** z, or t under HKSJ. */
  statistic: number | null
  pval: number | null
  ci_lower: number | null
  ci_upper: number | null
  Q: number | null
  Q_p: number | null
  tau2: number | null
  I2: number | null
  H2: number | null
  notes: string[]
}

/**
 * Leave-one-out analysis as metafor::leave1out(rma(...)): the model refitted k times, each
 * time without one of the pooled studies, with the same method, test and level (no τ² CIs).
 * Excluded studies (see `screenStudies`) get no row. Needs k ≥ 2 pooled studies; otherwise the
 * result is empty, as metafor stops at k = 1.
 */
export function leaveOneOut(
  studies: readonly StudyEffect[],
  options: RmaOptions = {},
): LeaveOneOutRow[] {
  const screened = screenStudies(studies)
  const k = screened.yi.length
  if (k < 2) return []
  const yi = new Float64Array(k - 1)
  const vi = new Float64Array(k - 1)
  return screened.kept.map((index, left) => {
    for (let i = 0, j = 0; i < k; i++) {
      if (i === left) continue
      yi[j] = screened.yi[i]
      vi[j] = screened.vi[i]
      j++
    }
    const fit = fitRma(yi, vi, { ...options, confint: false })
    return {
      study: studies[index].study,
      estimate: fit.estimate,
      se: fit.se,
      statistic: fit.zval ?? fit.tval,
      pval: fit.pval,
      ci_lower: fit.ci_lower,
      ci_upper: fit.ci_upper,
      Q: fit.Q,
      Q_p: fit.Q_p,
      tau2: fit.tau2,
      I2: fit.I2,
      H2: fit.H2,
      notes: fit.notes,
    }
  })
}
