/**
 * The number at risk just before a survival curve reached 0 — the patients actually followed to
 * the last death — for the continuity correction of S = 0 when nobody is left at risk
 * (`survivalAtTime`, `nFollowed`).
 */

/**
 * From a Kaplan–Meier fit (R's survfit layout: `nRisk[i]` at risk just before `time[i]`): the
 * number at risk at the event time at which S fell to 0; null if it never does.
 */
export function followedFromFit(fit: {
  readonly nRisk: readonly number[]
  readonly surv: readonly number[]
}): number | null {
  const i = fit.surv.findIndex((s) => s === 0)
  return i >= 0 ? fit.nRisk[i] : null
}

/**
 * From published rows (time, S, number at risk) of one study: the number at risk at its last
 * time before `t` with S > 0 — the curve reached 0 after it, so at most that many patients were
 * followed to the drop (the best the table says). Null when no earlier row has S > 0 and a
 * number at risk above 0.
 */
export function followedFromRows(
  rows: readonly { time: number; surv: number | null; nRisk?: number | null }[],
  t: number,
): number | null {
  let last: { time: number; nRisk?: number | null } | null = null
  for (const r of rows) {
    if (r.time < t && r.surv !== null && r.surv > 0 && (last === null || r.time > last.time)) {
      last = r
    }
  }
  const n = last?.nRisk
  return n !== null && n !== undefined && n > 0 ? n : null
}
