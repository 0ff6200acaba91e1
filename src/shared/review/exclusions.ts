/**
 * Every study left out of an analysis, and every value adjusted or estimated on the way, with
 * its reason: what a reader of the results section must be able to check.
 */
import type { OutcomeAnalysis } from './analyseOutcome'
import type { PooledCurves } from './pooledCurves'
import type { PreparedStudy } from './types'

export interface ExclusionRow {
  study: string
  subgroup: string | null
  /** What the row concerns: 'review' (the study as a whole), an outcome id, or 'curves'. */
  scope: string
  /** The same in words: 'all analyses', 'survival at 12 months', 'pooled curves', … */
  what: string
  /**
   * 'excluded': left out of this analysis; 'adjusted': kept with a value corrected or estimated
   * (a continuity correction, an SE from a range); 'note': kept, with something to check.
   */
  action: 'excluded' | 'adjusted' | 'note'
  reason: string
}

/**
 * Lists, in this order: studies left out of the whole review (by the reviewer, an unreadable
 * file, no usable data); reconstruction warnings and fallbacks of the studies taking part;
 * `absent` (studies that report nothing for an outcome: a median-only study and survival); for
 * each outcome the studies excluded or adjusted; the studies the pooled curves could not use.
 */
export function exclusions(
  all: readonly PreparedStudy[],
  outcomes: readonly OutcomeAnalysis[],
  curves: PooledCurves | null,
  absent: readonly ExclusionRow[],
): ExclusionRow[] {
  const rows: ExclusionRow[] = []
  for (const p of all) {
    if (p.excludedReason === null) continue
    rows.push({
      study: p.label,
      subgroup: p.subgroup,
      scope: 'review',
      what: 'all analyses',
      action: 'excluded',
      reason: p.excludedReason,
    })
  }
  for (const p of all) {
    if (p.excludedReason !== null) continue
    for (const w of p.status.warnings) {
      rows.push({
        study: p.label,
        subgroup: p.subgroup,
        scope: 'review',
        what: 'reconstruction',
        action: 'note',
        reason: w,
      })
    }
    if (p.coxNote && outcomes.some((a) => a.kind === 'hr')) {
      rows.push({
        study: p.label,
        subgroup: p.subgroup,
        scope: 'hr',
        what: 'hazard ratio',
        action: 'note',
        reason: p.coxNote,
      })
    }
  }
  rows.push(...absent)
  for (const a of outcomes) {
    for (const s of a.studies) {
      if (s.reason === null) continue
      rows.push({
        study: s.study,
        subgroup: s.subgroup,
        scope: a.id,
        what: a.title.toLowerCase(),
        action: s.excluded ? 'excluded' : 'adjusted',
        reason: s.reason,
      })
    }
  }
  const overall = curves?.groups.find((g) => g.overall)
  for (const s of overall?.curve.studies ?? []) {
    if (!s.excluded) continue
    rows.push({
      study: s.study,
      subgroup: all.find((p) => p.label === s.study)?.subgroup ?? null,
      scope: 'curves',
      what: 'pooled curves',
      action: 'excluded',
      reason: `${s.reason ?? 'no usable interval'} on the curves' time grid`,
    })
  }
  return rows
}
