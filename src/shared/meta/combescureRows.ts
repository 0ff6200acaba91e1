import type { CombescureStudy } from './combescureCurve'

/** One row of a pooled-curve table in RISCA's layout (`RISCA::survival.summary`). */
export interface CurveRow {
  study: string
  time: number
  /** Ŝ(time), a proportion. */
  surv: number
  /** Patients at risk at the start of the interval that ends at `time` (RISCA's `n.risk`). */
  nRisk: number
}

/**
 * Studies on a common grid from rows in RISCA's layout: the grid is every time > 0 any study
 * reports, in order; S_i(t_j) is the row of study i at t_j; the number at risk at the start of
 * interval j + 1 is the `n_risk` of study i's row at t_{j+1}, and the study size (at risk at
 * time 0) that of its row at t_1. RISCA refuses a study that skips a grid time before its last
 * one; here such a gap only makes the two intervals beside it missing for that study (noted), as
 * does a first row after t_1. Studies keep the order of their first row. Rows at time 0 carry no
 * interval and are ignored.
 */
export function combescureStudiesFromRows(rows: readonly CurveRow[]): {
  times: number[]
  studies: CombescureStudy[]
  notes: string[]
} {
  const times = [...new Set(rows.filter((r) => r.time > 0).map((r) => r.time))].sort(
    (a, b) => a - b,
  )
  const byStudy = new Map<string, Map<number, CurveRow>>()
  for (const r of rows) {
    if (!(r.time > 0)) continue
    let m = byStudy.get(r.study)
    if (!m) byStudy.set(r.study, (m = new Map()))
    m.set(r.time, r)
  }
  const notes: string[] = []
  const studies: CombescureStudy[] = []
  for (const [study, at] of byStudy) {
    const last = Math.max(...at.keys())
    const gaps = times.filter((t) => t < last && !at.has(t))
    if (gaps.length) {
      notes.push(
        `${study}: no row at time ${gaps.join(', ')}, so the intervals on either side are not used for this study`,
      )
    }
    studies.push({
      study,
      n: at.get(times[0])?.nRisk ?? 0,
      surv: times.map((t) => at.get(t)?.surv ?? null),
      nRisk: times.map((_, j) =>
        j + 1 < times.length ? (at.get(times[j + 1])?.nRisk ?? null) : null,
      ),
    })
  }
  return { times, studies, notes }
}
