/**
 * The reconstruction's warnings and unused censor marks as `kmpool reconstruct --json` prints them
 * (for one curve and for each curve of a study; docs/cli-schemas/reconstruct*.schema.json).
 */
import type {
  MarksNotUsed,
  ReconstructReport,
  ReconstructWarning,
} from '../../shared/reconstruct/types'

/** A stretch of censor marks the reconstruction did not use, as --json prints it. */
function marksJson(m: MarksNotUsed) {
  return {
    from: m.from,
    to: m.to,
    reason: m.reason,
    marks: m.marks,
    ...(m.censorings === undefined ? {} : { censorings: m.censorings }),
    ...(m.excess === undefined ? {} : { excess: { mean: m.excess.mean, end: m.excess.end } }),
  }
}

/**
 * The reconstruction's warnings as --json prints them: each with its machine code (the text output
 * gives the message only), the point or risk-table row it concerns (0-based) and, for
 * `marks-not-used`, the stretches of marks it is about.
 */
export function warningsJson(warnings: readonly ReconstructWarning[]) {
  return warnings.map((w) => ({
    code: w.code,
    message: w.message,
    ...(w.point === undefined ? {} : { point: w.point }),
    ...(w.riskRow === undefined ? {} : { risk_row: w.riskRow }),
    ...(w.marks === undefined ? {} : { marks: w.marks.map(marksJson) }),
  }))
}

/**
 * Every stretch where censor marks were given but not used, and why (more than the warnings name:
 * a warning is given only where that is worth a check); absent when no marks were given.
 */
export function marksNotUsedJson(report: ReconstructReport) {
  return report.marksNotUsed === undefined
    ? {}
    : { marks_not_used: report.marksNotUsed.map(marksJson) }
}
