/** A digitized point of a Kaplan–Meier curve: time in the figure's time unit, survival as a proportion. */
export interface CurvePoint {
  time: number
  surv: number
}

/** One row of a published number-at-risk table. */
export interface RiskRow {
  time: number
  nRisk: number
}

/** One reconstructed patient: event 1 = event, 0 = censored. */
export interface IpdRow {
  time: number
  event: 0 | 1
}

/**
 * `kmpool` (default) improves on Guyot et al. (2012) where the digitized curve says more than the
 * plain algorithm uses (see reconstruct.ts); `guyot` is the published algorithm as IPDfromKM runs
 * it, for agreement with reviews that used it.
 */
export type ReconstructMethod = 'kmpool' | 'guyot'

export interface ReconstructOptions {
  method?: ReconstructMethod
  /** How the survival column is read: detected when `auto` (values above 1.5 mean percent). */
  scale?: 'auto' | 'proportion' | 'percent'
  /** Monotone repair: isotonic regression (default) or IPDfromKM's carry-forward minimum. */
  monotone?: 'isotonic' | 'carry-forward'
}

export interface ReconstructInput {
  points: CurvePoint[]
  risk?: RiskRow[]
  totalN?: number
  totalEvents?: number
  /**
   * Times of the censor marks drawn on the curve (as `kmpool trace` reads them), in the points'
   * time unit. Where an interval has marks, its censorings are put at them instead of being
   * spread evenly (see reconstruct.ts for the rule when their number differs).
   */
  censorTimes?: number[]
  options?: ReconstructOptions
}

/** What a preprocessing step did to the digitized points. */
export interface PreprocessStep {
  step:
    'scale' | 'negative-times' | 'sort' | 'clamp' | 'duplicates' | 'outliers' | 'monotone' | 'start'
  changed: number
  detail: string
}

/**
 * A stretch where censor marks were read but not used (usableMarks.ts, reconstruct.ts): `to` is
 * null after the last risk time. `reason`: `stray` (marks where the risk table implies no
 * censoring), `missed` (at most half as many marks as censorings), `misfit` (the curve through
 * the marks fits the digitized drops worse than without them), `few` (the arm's marks are too few
 * a share of its censorings to be the marks drawn; the whole curve). `censorings`: those the
 * reconstruction without marks finds there (absent for `misfit` after the last risk time).
 */
export interface MarksNotUsed {
  from: number
  to: number | null
  reason: 'stray' | 'missed' | 'misfit' | 'few'
  marks: number
  censorings?: number
  /** For `misfit`: how much further the curve through the marks lies from the digitized drops
   * (survival): its mean gap over the stretch and its gap after the last drop, each less the gap
   * without marks (0 where not further). Absent where the marks change the count at its end. */
  excess?: { mean: number; end: number }
}

/**
 * A problem worth a reviewer's look that did not stop the reconstruction. `point` is the 0-based
 * index of the input point, `riskRow` the 0-based index of the risk-table row it concerns,
 * `marks` the stretches a `marks-not-used` warning is about.
 */
export interface ReconstructWarning {
  code: string
  message: string
  point?: number
  riskRow?: number
  marks?: MarksNotUsed[]
}

export interface IntervalReport {
  from: number
  /** null for the open last interval, after the last risk time. */
  to: number | null
  nRiskStart: number
  /** The published number at risk at `to`; null for the last interval. */
  publishedEnd: number | null
  reconstructedEnd: number
  events: number
  censored: number
}

export interface ReconstructReport {
  method: ReconstructMethod
  n: number
  events: number
  censored: number
  preprocessing: PreprocessStep[]
  intervals: IntervalReport[]
  risk: { time: number; published: number; reconstructed: number }[]
  accuracy: { rmse: number; mae: number; maxAbs: number }
  warnings: ReconstructWarning[]
  /** With censor marks given: every stretch where marks were read but not used, and why (a
   * `marks-not-used` warning says so only where that is worth a reviewer's check). */
  marksNotUsed?: MarksNotUsed[]
}

export interface ReconstructResult {
  ipd: IpdRow[]
  report: ReconstructReport
}
