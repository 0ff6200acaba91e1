import type { StudyEffect, StudyRecord } from './types'

export const REASON_MISSING_YI = 'missing effect size (yi)'
export const REASON_MISSING_VI = 'missing sampling variance (vi or sei)'
export const REASON_NONPOSITIVE_VI =
  'sampling variance vi ≤ 0: the study would get an infinite weight'
export const REASON_NONFINITE = 'effect size or variance is not a finite number'

export interface ScreenedStudies {
  /** Indices into the input of the studies kept, in input order. */
  kept: number[]
  yi: number[]
  vi: number[]
  /** One record per input study, in input order; weights are filled in by the fit. */
  records: StudyRecord[]
}

function isMissing(x: number | null | undefined): x is null | undefined {
  return x === null || x === undefined || Number.isNaN(x)
}

function finiteOrNull(x: number | null): number | null {
  return x !== null && Number.isFinite(x) ? x : null
}

function exclusionReason(y: number | null, v: number | null): string | null {
  if (y === null) return REASON_MISSING_YI
  if (v === null) return REASON_MISSING_VI
  if (!Number.isFinite(y) || !Number.isFinite(v)) return REASON_NONFINITE
  if (v <= 0) return REASON_NONPOSITIVE_VI
  return null
}

/**
 * Splits studies into those that can be pooled and those that cannot, with the reason. metafor
 * drops missing values silently (na.action = "na.omit") and refuses vi ≤ 0 for DL, HS and PM;
 * here every method excludes them, and says so, so that no study gets an infinite weight and none
 * disappears without a trace. `sei` is squared when `vi` is absent. A study carrying an upstream
 * `excludedReason` is excluded with that reason; a kept study's upstream `note` becomes its
 * record's `reason` (what was adjusted).
 */
export function screenStudies(studies: readonly StudyEffect[]): ScreenedStudies {
  const kept: number[] = []
  const yi: number[] = []
  const vi: number[] = []
  const records: StudyRecord[] = studies.map((s, i) => {
    const subgroup = s.subgroup ?? null
    const v = isMissing(s.vi) ? (isMissing(s.sei) ? null : s.sei * s.sei) : s.vi
    const y = isMissing(s.yi) ? null : s.yi
    const reason = s.excludedReason ?? exclusionReason(y, v)
    if (reason === null) {
      kept.push(i)
      yi.push(y as number)
      vi.push(v as number)
    }
    return {
      study: s.study,
      subgroup,
      yi: finiteOrNull(y),
      vi: finiteOrNull(v),
      weight: null,
      excluded: reason !== null,
      reason: reason ?? s.note ?? null,
    }
  })
  return { kept, yi, vi, records }
}
