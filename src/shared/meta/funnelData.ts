import { normalQuantile } from '../distributions'
import { screenStudies } from './screenStudies'
import type { StudyEffect } from './types'

export interface FunnelData {
  /** Pooled studies: effect on the analysis scale against its standard error. */
  points: { study: string; yi: number; sei: number }[]
  /** Vertical reference line: the pooled estimate. */
  center: number
  /** Pseudo-confidence region: at SE 0 it is the centre; at `sei_max` these limits. */
  sei_max: number
  lower_at_max: number
  upper_at_max: number
  level: number
}

/**
 * Data for a funnel plot as metafor::funnel.rma draws it with yaxis = "sei": each study's
 * (yi, √vi), a reference line at the pooled estimate and the pseudo-confidence triangle
 * estimate ± z_{1−α/2}·SE between SE 0 and the largest SE (τ² not added, metafor's default
 * addtau2 = FALSE). `center` is the estimate of the fit the caller made (e.g. `rma(...).estimate`).
 * Returns null when no study can be plotted.
 */
export function funnelData(
  studies: readonly StudyEffect[],
  center: number,
  level = 0.95,
): FunnelData | null {
  const screened = screenStudies(studies)
  if (screened.yi.length === 0 || !Number.isFinite(center)) return null
  const points = screened.kept.map((index, j) => ({
    study: studies[index].study,
    yi: screened.yi[j],
    sei: Math.sqrt(screened.vi[j]),
  }))
  const seiMax = Math.max(...points.map((p) => p.sei))
  const z = -normalQuantile((1 - level) / 2)
  return {
    points,
    center,
    sei_max: seiMax,
    lower_at_max: center - z * seiMax,
    upper_at_max: center + z * seiMax,
    level,
  }
}
